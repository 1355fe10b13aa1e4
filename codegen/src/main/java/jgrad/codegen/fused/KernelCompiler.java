package jgrad.codegen.fused;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a kernel's source in memory with javax.tools and defines it as a hidden class in this
 * package, so that it can use the package's helpers and be collected with its instance. One javac
 * and one file manager are reused (opening the class path's jars once), which is what brings the
 * latency after the first kernel down to tens of milliseconds.
 */
final class KernelCompiler {
    private KernelCompiler() {}

    /** A compile error (the generated source did not compile), with javac's diagnostics. */
    static final class CompileException extends RuntimeException {
        CompileException(String message) {
            super(message);
        }
    }

    private static final Object LOCK = new Object();
    private static JavaCompiler compiler;
    private static StandardJavaFileManager standard;

    /** Compiles {@code source} (class {@code className} in this package) and returns its class file bytes. */
    static byte[] compile(String className, String source, java.util.Collection<Class<?>> extraClasses) {
        return compileAll(Map.of(className, source), extraClasses).get(className);
    }

    /**
     * Compiles several kernels in one javac task (class name to source; each class in this
     * package); returns class name to class file bytes. One task costs little more than one kernel:
     * javac's setup (the platform's and the Vector API's symbols) is paid once.
     */
    static Map<String, byte[]> compileAll(Map<String, String> sources, java.util.Collection<Class<?>> extraClasses) {
        synchronized (LOCK) {
            if (compiler == null) {
                compiler = ToolProvider.getSystemJavaCompiler();
                if (compiler == null) {
                    throw new CompileException("no Java compiler in this runtime (a JRE without jdk.compiler?)");
                }
                standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            }
            List<String> options = List.of("--add-modules", "jdk.incubator.vector", "-classpath",
                    classPath(extraClasses), "-proc:none", "-g:none", "-nowarn", "-Xlint:none");
            Map<String, ByteArrayOutputStream> classes = new HashMap<>();
            JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                        FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension),
                            kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return classes.computeIfAbsent(name, k -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            List<JavaFileObject> units = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                String fqcn = KernelEmitter.PACKAGE + "." + e.getKey();
                String source = e.getValue();
                units.add(new SimpleJavaFileObject(
                        URI.create("string:///" + fqcn.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                });
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, diagnostics, options, null, units).call();
            Map<String, byte[]> result = new HashMap<>();
            for (String name : sources.keySet()) {
                ByteArrayOutputStream bytes = classes.get(KernelEmitter.PACKAGE + "." + name);
                if (bytes != null) {
                    result.put(name, bytes.toByteArray());
                }
            }
            if (!ok || result.size() != sources.size()) {
                StringBuilder sb = new StringBuilder("javac failed on " + String.join(", ", sources.keySet()) + ":");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        sb.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
                    }
                }
                if (!log.toString().isBlank()) {
                    sb.append('\n').append(log);
                }
                throw new CompileException(sb.toString());
            }
            if (classes.size() != sources.size()) {
                throw new CompileException("javac produced " + classes.keySet() + " for " + sources.keySet()
                        + "; a kernel must be one class without nested classes");
            }
            return result;
        }
    }

    /**
     * The class path javac compiles against: only the folders or jars holding jgrad core, ops and
     * this module (plus those of user ops and rules in the group), not the whole application class
     * path: javac searches every entry for each package it resolves, and a test or application
     * class path with dozens of jars makes each kernel several times slower to compile. Works the
     * same when jgrad runs on the module path (the kernel, a hidden class, then lives in this module).
     */
    static String classPath(java.util.Collection<Class<?>> extra) {
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        List<Class<?>> classes = new ArrayList<>(List.of(FusedKernel.class, jgrad.ops.kernels.Elementwise.class,
                jgrad.core.Tensor.class));
        classes.addAll(extra);
        for (Class<?> c : classes) {
            String loc = location(c);
            if (loc == null) {
                // Unknown origin (a custom class loader): fall back to the full paths.
                for (String p : new String[] {System.getProperty("java.class.path"),
                        System.getProperty("jdk.module.path")}) {
                    if (p != null && !p.isBlank()) {
                        parts.add(p);
                    }
                }
            } else {
                parts.add(loc);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private static String location(Class<?> c) {
        try {
            java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? null : Path.of(cs.getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Defines the class bytes as a hidden class in this package and returns a new instance. */
    static FusedKernel define(byte[] classBytes) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClass(classBytes, true);
            return (FusedKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable t) {
            throw new CompileException("defining the kernel class failed: " + t);
        }
    }
}
