package jgrad.core;

import java.util.random.RandomGenerator;

/**
 * A seeded, reproducible random generator for tensors (initializers, dropout, sampling). The same
 * seed gives the same numbers on every machine and JDK run. Not thread-safe: give each thread its
 * own, or {@link #split()} one.
 *
 * <p>The numbers are exactly those of {@code new java.util.SplittableRandom(seed)} (SplitMix64:
 * the state advances by a fixed odd gamma, each output is the state scrambled), computed here so
 * that the state is one {@code long} a model file can store: {@link #state()} and
 * {@link #setState(long)} let a saved training run continue with the same dropout masks and
 * shuffles it would have drawn without the interruption.
 */
public final class Rng {
    private static final ThreadLocal<Rng> GLOBAL = ThreadLocal.withInitial(() -> new Rng(42));
    /** SplittableRandom's GOLDEN_GAMMA, the increment of a generator made from a seed. */
    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private final long seed;
    /**
     * The JDK's algorithms for bounded ints, doubles and Gaussians ({@code RandomGenerator}'s
     * defaults, which SplittableRandom uses too) over this generator's 64- and 32-bit outputs.
     */
    private final RandomGenerator random = new RandomGenerator() {
        @Override
        public long nextLong() {
            return mix64(state += GAMMA);
        }

        @Override
        public int nextInt() {
            return mix32(state += GAMMA);
        }
    };

    public Rng(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** The generator's whole state: restoring it with {@link #setState} replays the same numbers from here. */
    public long state() {
        return state;
    }

    /** Continues from a state read with {@link #state()} (of this generator or one saved with a model). */
    public void setState(long state) {
        this.state = state;
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

    /**
     * {@code out[i] = nextDouble() < p ? hit : miss} for every i: the same draws, and the same
     * state after, as that loop, without a call per draw (dropout's masks; the loop through
     * {@link #nextDouble} took about 9 ns an element).
     */
    public void fillBernoulli(float[] out, double p, float hit, float miss) {
        long below = bitsBelow(p);
        long s = state;
        for (int i = 0; i < out.length; i++) {
            s += GAMMA;
            out[i] = (mix64(s) >>> 11) < below ? hit : miss;
        }
        state = s;
    }

    /** {@link #fillBernoulli(float[], double, float, float)} for doubles. */
    public void fillBernoulli(double[] out, double p, double hit, double miss) {
        long below = bitsBelow(p);
        long s = state;
        for (int i = 0; i < out.length; i++) {
            s += GAMMA;
            out[i] = (mix64(s) >>> 11) < below ? hit : miss;
        }
        state = s;
    }

    /**
     * nextDouble() is {@code (nextLong() >>> 11) * 2^-53}, exactly, so it is below p exactly when
     * those 53 bits are below {@code ceil(p * 2^53)} (p times a power of two is exact).
     */
    private static long bitsBelow(double p) {
        if (Double.isNaN(p)) {
            return 0;
        }
        return p >= 1 ? 1L << 53 : p <= 0 ? 0 : (long) Math.ceil(p * 0x1p53);
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
