package jgrad.codegen.fused;

import java.util.List;

/**
 * One generated kernel, for inspection: its class name, the ops it fuses, whether it is a forward
 * or backward kernel, its Java source, and how long javac took (0 when it came from the disk cache).
 *
 * @param name the generated class name
 * @param fusedOps the fused ops' names in order
 * @param backward true for a fused gradient kernel
 * @param dtype "float32" or "float64"
 * @param source the formatted, commented Java source
 * @param compileMillis javac's wall time in milliseconds (0 if loaded from the disk cache)
 * @param fromDiskCache true if the class bytes came from the disk cache
 */
public record GeneratedKernel(String name, List<String> fusedOps, boolean backward, String dtype, String source,
        double compileMillis, boolean fromDiskCache) {}
