package jgrad.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Starting a SparkSession for jgrad with a bounded wait. Spark itself, given a standalone master
 * that is down, starts anyway, retries the registration for a minute and leaves jobs waiting for
 * executors; here a master that does not answer fails within the timeout, naming it, and so does
 * a cluster that gives the application no executor.
 */
public final class SparkSessions {
    private SparkSessions() {}

    /**
     * A session on {@code master} ({@code local[2]}, {@code spark://host:7077}, ...). For a
     * {@code spark://} master every listed address must accept a TCP connection within
     * {@code timeout}, and an executor must register within it once the driver is up, or this
     * fails and stops the half-made session.
     */
    public static SparkSession connect(String master, String appName, Duration timeout, SparkConf conf) {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(timeout, "timeout");
        boolean standalone = master.startsWith("spark://");
        if (standalone) {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                probe(master, hostPort, timeout);
            }
        }
        SparkConf c = conf == null ? new SparkConf() : conf.clone();
        c.setMaster(master).setAppName(appName);
        c.setIfMissing("spark.ui.enabled", "false");
        if (!master.startsWith("local")) {
            c.set("spark.executor.extraJavaOptions", executorJavaOptions(c));
        }
        SparkSession spark = SparkSession.builder().config(c).getOrCreate();
        // Counted from here: starting the driver itself takes seconds and is not the cluster's doing.
        long deadline = System.nanoTime() + timeout.toNanos();
        if (standalone) {
            // The driver is an "executor" of its own in the status tracker; wait for one more.
            while (spark.sparkContext().statusTracker().getExecutorInfos().length < 2) {
                if (System.nanoTime() > deadline || spark.sparkContext().isStopped()) {
                    spark.stop();
                    throw new IllegalStateException("SparkSessions: no executor registered with " + master + " within "
                            + timeout.toSeconds() + " s (are workers running, with the cores and memory the"
                            + " application asks for?)");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    spark.stop();
                    throw new IllegalStateException("SparkSessions: interrupted while waiting for executors", e);
                }
            }
        }
        return spark;
    }

    /**
     * The executors' JVM options with jgrad's kernel threads set to the cores each task gets
     * ({@code spark.task.cpus}, default 1), unless the options set them already. jgrad's kernels
     * otherwise split every product over all the machine's cores, in each executor and on top of
     * the executor's other task threads: with one core per task that oversubscribes the machine
     * (on this two-core host two one-core executors then ran four busy threads). The local
     * master shares the driver's JVM and keeps the driver's setting.
     */
    static String executorJavaOptions(SparkConf conf) {
        String current = conf.get("spark.executor.extraJavaOptions", "").trim();
        if (current.contains("-Djgrad.kernels.threads=")) {
            return current;
        }
        int cpus = conf.getInt("spark.task.cpus", 1);
        return (current + " -Djgrad.kernels.threads=" + Math.max(1, cpus)).trim();
    }

    private static void probe(String master, String hostPort, Duration timeout) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("SparkSessions: master URL " + master + " needs host:port after spark://");
        }
        String host = hostPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SparkSessions: bad port in master URL " + master, e);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    timeout.toMillis())));
        } catch (IOException e) {
            throw new IllegalStateException("SparkSessions: cannot reach the Spark master " + master + " at " + host + ":"
                    + port + " within " + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
    }
}
