package jgrad.core;

import java.util.SplittableRandom;

/**
 * A seeded, reproducible random generator for tensors (initializers, dropout, sampling). The same
 * seed gives the same numbers on every machine and JDK run. Not thread-safe: give each thread its
 * own, or {@link #split()} one.
 */
public final class Rng {
    private static final ThreadLocal<Rng> GLOBAL = ThreadLocal.withInitial(() -> new Rng(42));

    private SplittableRandom random;
    private final long seed;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** This thread's default generator, seeded with 42 until {@link #setGlobalSeed} is called. */
    public static Rng global() {
        return GLOBAL.get();
    }

    /** Reseeds this thread's default generator (like torch.manual_seed / tf.random.set_seed). */
    public static void setGlobalSeed(long seed) {
        GLOBAL.set(new Rng(seed));
    }

    public long seed() {
        return seed;
    }

    /** An independent generator derived from this one. */
    public Rng split() {
        return new Rng(random.nextLong());
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public double nextGaussian() {
        return random.nextGaussian();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Fisher-Yates permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Rng(seed=" + seed + ")";
    }
}
