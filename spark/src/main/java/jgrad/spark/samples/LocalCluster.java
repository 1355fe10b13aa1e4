package jgrad.spark.samples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real standalone Spark cluster on this machine: a Master and Workers, each its own JVM started
 * from the Spark jars on this JVM's class path (Maven-resolved), as {@code sbin/start-master.sh}
 * and {@code start-worker.sh} would start them from a Spark distribution. Workers start executor
 * JVMs from {@code SPARK_HOME/jars}, so a temporary SPARK_HOME is made whose jars folder links
 * those same jars. Logs go to the work folder; {@link #close} stops every process it started.
 */
final class LocalCluster implements AutoCloseable {
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    final String masterUrl;

    private LocalCluster(Path work, String masterUrl) {
        this.work = work;
        this.masterUrl = masterUrl;
    }

    /** Starts the Master on 127.0.0.1:{@code port} and {@code workers} Workers of 1 core and {@code memory} each. */
    static LocalCluster start(List<String> sparkJars, int port, int workers, String memory, Path work) {
        try {
            if (reachable(port)) {
                throw new IllegalStateException("LocalCluster: port " + port + " is taken (another Spark master?);"
                        + " pass --port N or --master spark://host:" + port + " to use that one");
            }
            Path home = work.resolve("spark-home");
            Path jars = home.resolve("jars");
            Files.createDirectories(jars);
            for (String jar : sparkJars) {
                Path src = Path.of(jar);
                Path link = jars.resolve(src.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, src.toAbsolutePath());
                }
            }
            String cp = String.join(File.pathSeparator, sparkJars);
            LocalCluster c = new LocalCluster(work, "spark://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close));
            c.launch("master", home, cp, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", "0");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!reachable(port)) {
                if (System.nanoTime() > deadline || !c.processes.get(0).isAlive()) {
                    c.close();
                    throw new IllegalStateException("LocalCluster: the Master did not open port " + port + " (see "
                            + work.resolve("master.log") + ")");
                }
                Thread.sleep(200);
            }
            for (int i = 0; i < workers; i++) {
                Path dir = work.resolve("worker-" + (i + 1));
                Files.createDirectories(dir);
                c.launch("worker-" + (i + 1), home, cp, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", memory, "--webui-port", "0", "--work-dir", dir.toString(),
                        c.masterUrl);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("LocalCluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LocalCluster: interrupted while starting", e);
        }
    }

    private void launch(String name, Path home, String cp, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Spark's own JVM options for JDK 17+ (the --add-opens list spark-submit uses).
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(List.of("-Xmx512m", "-cp", cp, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(pb.start());
    }

    Path work() {
        return work;
    }

    private static boolean reachable(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the Workers (and with them their executors), then the Master. */
    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                try {
                    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        }
        processes.clear();
    }
}
