package jgrad.ops.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Switches shared by every kernel. {@code -Djgrad.kernels.scalar=true} turns the Vector API paths
 * off so that the plain-Java reference loops run instead (for comparison and debugging).
 */
public final class KernelConfig {
    private KernelConfig() {}

    /** False when {@code jgrad.kernels.scalar} is set: every kernel takes its scalar path. */
    public static final boolean VECTORIZED = !Boolean.getBoolean("jgrad.kernels.scalar");

    public static final VectorSpecies<Float> FLOAT_SPECIES = FloatVector.SPECIES_PREFERRED;

    public static final VectorSpecies<Double> DOUBLE_SPECIES = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;

    /** Element count below which work stays on the calling thread. */
    public static final int PARALLEL_THRESHOLD = Integer.getInteger("jgrad.kernels.parallelThreshold", 1 << 15);
}
