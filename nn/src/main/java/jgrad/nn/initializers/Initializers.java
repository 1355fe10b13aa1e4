package jgrad.nn.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * The built-in initializers, with Keras's names and defaults, and lookup by name
 * ({@code Initializers.get("he_normal")}).
 *
 * <p>Randomness: an initializer made with a seed owns a generator seeded with it, so the same
 * sequence of weights comes out on every run (Keras 2's behaviour: two calls of one seeded
 * initializer give different values, two initializers with the same seed give the same
 * sequence). Without a seed, values come from {@link Rng#global()}, so
 * {@code Rng.setGlobalSeed(s)} before building a model makes its weights reproducible.
 */
public final class Initializers {
    private Initializers() {}

    /** Which fan the variance-scaling initializers divide by. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG
    }

    /** The distribution variance-scaling initializers draw from. */
    public enum Distribution {
        TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM
    }

    public static Initializer zeros() {
        return new Constant(0, "zeros");
    }

    public static Initializer ones() {
        return new Constant(1, "ones");
    }

    public static Initializer constant(double value) {
        return new Constant(value, "constant");
    }

    /** Normal with mean 0 and standard deviation 0.05 (Keras's defaults). */
    public static Initializer randomNormal() {
        return new RandomNormal(0, 0.05, null);
    }

    public static Initializer randomNormal(double mean, double stddev, Long seed) {
        return new RandomNormal(mean, stddev, seed);
    }

    /** Uniform in [-0.05, 0.05) (Keras's defaults). */
    public static Initializer randomUniform() {
        return new RandomUniform(-0.05, 0.05, null);
    }

    public static Initializer randomUniform(double minval, double maxval, Long seed) {
        return new RandomUniform(minval, maxval, seed);
    }

    /** Normal with mean 0 and standard deviation 0.05, redrawn beyond two standard deviations. */
    public static Initializer truncatedNormal() {
        return new TruncatedNormal(0, 0.05, null);
    }

    public static Initializer truncatedNormal(double mean, double stddev, Long seed) {
        return new TruncatedNormal(mean, stddev, seed);
    }

    /** Keras's default kernel initializer: uniform in ±sqrt(6 / (fan_in + fan_out)). */
    public static Initializer glorotUniform() {
        return glorotUniform(null);
    }

    public static Initializer glorotUniform(Long seed) {
        return new VarianceScaling(1, Mode.FAN_AVG, Distribution.UNIFORM, seed, "glorot_uniform");
    }

    /** Truncated normal with stddev sqrt(2 / (fan_in + fan_out)). */
    public static Initializer glorotNormal() {
        return glorotNormal(null);
    }

    public static Initializer glorotNormal(Long seed) {
        return new VarianceScaling(1, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, seed, "glorot_normal");
    }

    /** Xavier is Glorot's other name (PyTorch's {@code xavier_uniform_}). */
    public static Initializer xavierUniform(Long seed) {
        return glorotUniform(seed);
    }

    public static Initializer xavierNormal(Long seed) {
        return glorotNormal(seed);
    }

    /** Truncated normal with stddev sqrt(2 / fan_in), for ReLU layers. */
    public static Initializer heNormal() {
        return heNormal(null);
    }

    public static Initializer heNormal(Long seed) {
        return new VarianceScaling(2, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed, "he_normal");
    }

    /** Uniform in ±sqrt(6 / fan_in). */
    public static Initializer heUniform() {
        return heUniform(null);
    }

    public static Initializer heUniform(Long seed) {
        return new VarianceScaling(2, Mode.FAN_IN, Distribution.UNIFORM, seed, "he_uniform");
    }

    /** Truncated normal with stddev sqrt(1 / fan_in), for SELU layers. */
    public static Initializer lecunNormal() {
        return lecunNormal(null);
    }

    public static Initializer lecunNormal(Long seed) {
        return new VarianceScaling(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed, "lecun_normal");
    }

    /** Uniform in ±sqrt(3 / fan_in). */
    public static Initializer lecunUniform() {
        return lecunUniform(null);
    }

    public static Initializer lecunUniform(Long seed) {
        return new VarianceScaling(1, Mode.FAN_IN, Distribution.UNIFORM, seed, "lecun_uniform");
    }

    public static Initializer varianceScaling(double scale, Mode mode, Distribution distribution, Long seed) {
        return new VarianceScaling(scale, mode, distribution, seed, "variance_scaling");
    }

    /** A (semi-)orthogonal matrix times {@code gain}, over the last axis and the product of the others. */
    public static Initializer orthogonal(double gain, Long seed) {
        return new Orthogonal(gain, seed);
    }

    public static Initializer orthogonal() {
        return new Orthogonal(1, null);
    }

    /**
     * The initializer with this Keras name and its default parameters: zeros, ones,
     * random_normal, random_uniform, truncated_normal, glorot_uniform, glorot_normal (also
     * xavier_uniform, xavier_normal), he_normal, he_uniform, lecun_normal, lecun_uniform,
     * orthogonal. Case and the CamelCase class names ("GlorotUniform") are accepted too.
     */
    public static Initializer get(String name) {
        if (name == null) {
            throw new NullPointerException("Initializers.get: name is null");
        }
        String key = snake(name);
        return switch (key) {
            case "zeros", "zero" -> zeros();
            case "ones", "one" -> ones();
            case "random_normal", "normal" -> randomNormal();
            case "random_uniform", "uniform" -> randomUniform();
            case "truncated_normal" -> truncatedNormal();
            case "glorot_uniform", "xavier_uniform" -> glorotUniform();
            case "glorot_normal", "xavier_normal" -> glorotNormal();
            case "he_normal" -> heNormal();
            case "he_uniform" -> heUniform();
            case "lecun_normal" -> lecunNormal();
            case "lecun_uniform" -> lecunUniform();
            case "orthogonal" -> orthogonal();
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; known: zeros, ones,"
                    + " random_normal, random_uniform, truncated_normal, glorot_uniform, glorot_normal, he_normal,"
                    + " he_uniform, lecun_normal, lecun_uniform, orthogonal");
        };
    }

    /** Rebuilds a built-in initializer from its name and {@link Initializer#config()}. */
    public static Initializer fromConfig(String name, Map<String, ?> config) {
        String key = snake(name);
        Long seed = config.get("seed") == null ? null : ((Number) config.get("seed")).longValue();
        return switch (key) {
            case "constant" -> constant(num(config, "value", 0));
            case "random_normal" -> randomNormal(num(config, "mean", 0), num(config, "stddev", 0.05), seed);
            case "random_uniform" -> randomUniform(num(config, "minval", -0.05), num(config, "maxval", 0.05), seed);
            case "truncated_normal" -> truncatedNormal(num(config, "mean", 0), num(config, "stddev", 0.05), seed);
            case "variance_scaling" -> varianceScaling(num(config, "scale", 1),
                    Mode.valueOf(((String) config.get("mode")).toUpperCase(Locale.ROOT)),
                    Distribution.valueOf(((String) config.get("distribution")).toUpperCase(Locale.ROOT)), seed);
            case "orthogonal" -> orthogonal(num(config, "gain", 1), seed);
            case "glorot_uniform" -> glorotUniform(seed);
            case "glorot_normal" -> glorotNormal(seed);
            case "he_normal" -> heNormal(seed);
            case "he_uniform" -> heUniform(seed);
            case "lecun_normal" -> lecunNormal(seed);
            case "lecun_uniform" -> lecunUniform(seed);
            default -> get(name);
        };
    }

    private static double num(Map<String, ?> config, String key, double fallback) {
        Object v = config.get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    static String snake(String name) {
        String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Keras's {@code compute_fans}: for a matrix [in, out] the fans are in and out; for a
     * convolution kernel [..spatial, in, out] each is multiplied by the receptive field size.
     */
    public static double[] fans(Shape shape) {
        int[] d = shape.dims();
        if (d.length == 0) {
            return new double[] {1, 1};
        }
        if (d.length == 1) {
            return new double[] {d[0], d[0]};
        }
        if (d.length == 2) {
            return new double[] {d[0], d[1]};
        }
        double receptive = 1;
        for (int i = 0; i < d.length - 2; i++) {
            receptive *= d[i];
        }
        return new double[] {d[d.length - 2] * receptive, d[d.length - 1] * receptive};
    }

    private static Rng rng(Rng own) {
        return own != null ? own : Rng.global();
    }

    private static void checkFloat(String who, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(who + ": weights must be float32 or float64, got " + dtype);
        }
    }

    private static Map<String, Object> seedConfig(Map<String, Object> m, Long seed) {
        m.put("seed", seed);
        return m;
    }

    /** A tensor filled with one value; {@code zeros}, {@code ones} and {@code constant}. */
    public record Constant(double value, String name) implements Initializer {
        @Override
        public Tensor apply(Shape shape, DType dtype) {
            return Tensor.full(dtype, value, shape.dims());
        }

        @Override
        public Map<String, Object> config() {
            return name.equals("constant") ? Map.of("value", value) : Map.of();
        }
    }

    /** Normal samples. */
    public static final class RandomNormal implements Initializer {
        private final double mean;
        private final double stddev;
        private final Long seed;
        private final Rng own;

        RandomNormal(double mean, double stddev, Long seed) {
            if (!(stddev >= 0)) {
                throw new IllegalArgumentException("random_normal: stddev must be >= 0, got " + stddev);
            }
            this.mean = mean;
            this.stddev = stddev;
            this.seed = seed;
            this.own = seed == null ? null : new Rng(seed);
        }

        @Override
        public Tensor apply(Shape shape, DType dtype) {
            checkFloat("random_normal", dtype);
            return Tensor.randomNormal(rng(own), dtype, mean, stddev, shape.dims());
        }

        @Override
        public String name() {
            return "random_normal";
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("stddev", stddev);
            return seedConfig(m, seed);
        }
    }

    /** Uniform samples in [minval, maxval). */
    public static final class RandomUniform implements Initializer {
        private final double minval;
        private final double maxval;
        private final Long seed;
        private final Rng own;

        RandomUniform(double minval, double maxval, Long seed) {
            if (!(maxval >= minval)) {
                throw new IllegalArgumentException("random_uniform: maxval " + maxval + " < minval " + minval);
            }
            this.minval = minval;
            this.maxval = maxval;
            this.seed = seed;
            this.own = seed == null ? null : new Rng(seed);
        }

        @Override
        public Tensor apply(Shape shape, DType dtype) {
            checkFloat("random_uniform", dtype);
            return Tensor.randomUniform(rng(own), dtype, minval, maxval, shape.dims());
        }

        @Override
        public String name() {
            return "random_uniform";
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minval", minval);
            m.put("maxval", maxval);
            return seedConfig(m, seed);
        }
    }

    /** Normal samples, redrawn until within two standard deviations of the mean. */
    public static final class TruncatedNormal implements Initializer {
        private final double mean;
        private final double stddev;
        private final Long seed;
        private final Rng own;

        TruncatedNormal(double mean, double stddev, Long seed) {
            if (!(stddev >= 0)) {
                throw new IllegalArgumentException("truncated_normal: stddev must be >= 0, got " + stddev);
            }
            this.mean = mean;
            this.stddev = stddev;
            this.seed = seed;
            this.own = seed == null ? null : new Rng(seed);
        }

        @Override
        public Tensor apply(Shape shape, DType dtype) {
            checkFloat("truncated_normal", dtype);
            return truncated(rng(own), dtype, mean, stddev, shape);
        }

        @Override
        public String name() {
            return "truncated_normal";
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("stddev", stddev);
            return seedConfig(m, seed);
        }
    }

    static Tensor truncated(Rng rng, DType dtype, double mean, double stddev, Shape shape) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (Math.abs(z) > 2);
            v[i] = mean + stddev * z;
        }
        Tensor t = Tensor.fromFlat(v, shape.dims());
        return dtype == DType.FLOAT64 ? t : t.cast(dtype);
    }

    /**
     * Keras's VarianceScaling: samples with variance {@code scale / n}, n the fan selected by
     * {@code mode}. A truncated normal uses stddev {@code sqrt(scale / n) / 0.8796...} so that the
     * variance after truncation at two standard deviations is still {@code scale / n}.
     */
    public static final class VarianceScaling implements Initializer {
        private final double scale;
        private final Mode mode;
        private final Distribution distribution;
        private final Long seed;
        private final Rng own;
        private final String name;

        VarianceScaling(double scale, Mode mode, Distribution distribution, Long seed, String name) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException(name + ": scale must be > 0, got " + scale);
            }
            this.scale = scale;
            this.mode = mode;
            this.distribution = distribution;
            this.seed = seed;
            this.own = seed == null ? null : new Rng(seed);
            this.name = name;
        }

        @Override
        public Tensor apply(Shape shape, DType dtype) {
            checkFloat(name, dtype);
            double[] f = fans(shape);
            double n = switch (mode) {
                case FAN_IN -> f[0];
                case FAN_OUT -> f[1];
                case FAN_AVG -> (f[0] + f[1]) / 2;
            };
            double s = scale / Math.max(1, n);
            return switch (distribution) {
                case TRUNCATED_NORMAL -> truncated(rng(own), dtype, 0, Math.sqrt(s) / 0.87962566103423978, shape);
                case UNTRUNCATED_NORMAL -> Tensor.randomNormal(rng(own), dtype, 0, Math.sqrt(s), shape.dims());
                case UNIFORM -> {
                    double limit = Math.sqrt(3 * s);
                    yield Tensor.randomUniform(rng(own), dtype, -limit, limit, shape.dims());
                }
            };
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (name.equals("variance_scaling")) {
                m.put("scale", scale);
                m.put("mode", mode.name().toLowerCase(Locale.ROOT));
                m.put("distribution", distribution.name().toLowerCase(Locale.ROOT));
            }
            return seedConfig(m, seed);
        }
    }

    /** An orthogonal matrix (Gram-Schmidt on normal samples, Keras's sign convention). */
    public static final class Orthogonal implements Initializer {
        private final double gain;
        private final Long seed;
        private final Rng own;

        Orthogonal(double gain, Long seed) {
            this.gain = gain;
            this.seed = seed;
            this.own = seed == null ? null : new Rng(seed);
        }

        @Override
        public Tensor apply(Shape shape, DType dtype) {
            checkFloat("orthogonal", dtype);
            if (shape.rank() < 2) {
                throw new IllegalArgumentException("orthogonal: needs a shape of rank >= 2, got " + shape);
            }
            int cols = shape.get(-1);
            int rows = shape.size() / Math.max(1, cols);
            boolean transposed = rows < cols;
            int n = transposed ? cols : rows;
            int m = transposed ? rows : cols;
            // a is n x m with n >= m; orthonormalise its columns (QR with R's diagonal positive).
            double[][] a = new double[m][n];
            Rng r = rng(own);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    a[j][i] = r.nextGaussian();
                }
            }
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += a[j][i] * a[k][i];
                    }
                    for (int i = 0; i < n; i++) {
                        a[j][i] -= dot * a[k][i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += a[j][i] * a[j][i];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    a[j][i] /= norm;
                }
            }
            double[] v = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[i * cols + j] = gain * (transposed ? a[i][j] : a[j][i]);
                }
            }
            Tensor t = Tensor.fromFlat(v, shape.dims());
            return dtype == DType.FLOAT64 ? t : t.cast(dtype);
        }

        @Override
        public String name() {
            return "orthogonal";
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gain", gain);
            return seedConfig(m, seed);
        }
    }
}
