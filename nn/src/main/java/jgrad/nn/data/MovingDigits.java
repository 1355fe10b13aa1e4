package jgrad.nn.data;

import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Short video clips made from MNIST digits for 3-D convolution: a digit shrunk to 14 x 14 moves
 * in a straight line across a 28 x 28 canvas for 8 frames, right, left, down or up; the label is
 * the direction. Clips are {@code [n, frames, 28, 28, 1]} (Keras's Conv3D layout, channels last).
 *
 * <p>The positions are drawn so that one frame says nothing about the direction: both
 * coordinates of a still are {@code start + k * step} with {@code start} and {@code k} uniform,
 * the same distribution for all four directions, as long as the still is a uniformly chosen frame
 * ({@link #stills}). Only motion tells the classes apart, so a Conv3D can reach about 100% while
 * any classifier of a single frame stays at chance (25%).
 */
public final class MovingDigits {
    private MovingDigits() {}

    /** The classes, in label order. */
    public enum Direction {
        RIGHT(1, 0), LEFT(-1, 0), DOWN(0, 1), UP(0, -1);

        /** Movement per frame in units of the step along x (columns) and y (rows). */
        public final int dx;
        public final int dy;

        Direction(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }

        /** The lower-case name, for printing. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How clips are made: {@code frames} per clip, the digit shrunk to {@code digitSize} pixels a
     * side, a square canvas of {@code canvas} pixels, moving {@code step} pixels per frame.
     * {@code (frames - 1) * step} must fit in {@code canvas - digitSize}.
     */
    public record Config(int frames, int digitSize, int canvas, int step) {
        /** 8 frames, a 14 x 14 digit on 28 x 28, one pixel per frame. */
        public static final Config DEFAULT = new Config(8, 14, 28, 1);

        public Config {
            if (frames < 2 || digitSize < 1 || canvas < digitSize || step < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "MovingDigits.Config: needs frames >= 2,"
                        + " 1 <= digitSize <= canvas and step >= 1, got frames=%d digitSize=%d canvas=%d step=%d",
                        frames, digitSize, canvas, step));
            }
            if ((frames - 1) * step > canvas - digitSize) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "MovingDigits.Config: %d frames at %d px"
                        + " per frame travel %d px, but a %d px digit on a %d px canvas has only %d px of room",
                        frames, step, (frames - 1) * step, digitSize, canvas, canvas - digitSize));
            }
        }

        /** Pixels the digit travels over a clip. */
        public int travel() {
            return (frames - 1) * step;
        }
    }

    /** {@link #clips(Tensor, int, Config, long)} with {@link Config#DEFAULT}. */
    public static Dataset clips(Tensor digits, int n, long seed) {
        return clips(digits, n, Config.DEFAULT, seed);
    }

    /**
     * {@code n} clips from randomly chosen images of {@code digits} ({@code [m, 784]},
     * {@code [m, 28, 28]} or {@code [m, 28, 28, 1]}, values in [0, 1] as {@link Mnist} loads them).
     * Returns x float32 {@code [n, frames, canvas, canvas, 1]} and y int64 {@code [n]}, the
     * {@link Direction} ordinal; the same seed gives the same clips.
     */
    public static Dataset clips(Tensor digits, int n, Config config, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("MovingDigits.clips: n must be at least 1, got " + n);
        }
        float[][] sources = images(digits);
        int side = (int) Math.round(Math.sqrt(sources[0].length));
        int f = config.frames();
        int c = config.canvas();
        int d = config.digitSize();
        int room = c - d;
        int slack = room - config.travel();
        float[] x = new float[n * f * c * c];
        long[] y = new long[n];
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            float[] digit = resize(sources[rng.nextInt(sources.length)], side, d);
            Direction dir = Direction.values()[rng.nextInt(4)];
            y[i] = dir.ordinal();
            // Both coordinates: a uniform start in the slack plus a uniform number of steps. Along
            // the motion axis that number is where frame 0 sits on the path (0 or the far end); across
            // it the digit stays put at the same kind of offset, so every frame's position has the same
            // distribution whatever the direction.
            int[] start = {rng.nextInt(slack + 1), rng.nextInt(slack + 1)};
            int[] offset = {rng.nextInt(f) * config.step(), rng.nextInt(f) * config.step()};
            int[] delta = {dir.dx, dir.dy};
            for (int axis = 0; axis < 2; axis++) {
                if (delta[axis] > 0) {
                    offset[axis] = 0;
                } else if (delta[axis] < 0) {
                    offset[axis] = config.travel();
                }
            }
            for (int t = 0; t < f; t++) {
                int col = start[0] + offset[0] + delta[0] * t * config.step();
                int row = start[1] + offset[1] + delta[1] * t * config.step();
                int base = (i * f + t) * c * c;
                for (int r = 0; r < d; r++) {
                    System.arraycopy(digit, r * d, x, base + (row + r) * c + col, d);
                }
            }
        }
        return Dataset.of(Tensor.fromFlat(x, n, f, c, c, 1), Tensor.fromFlat(y, n));
    }

    /**
     * One uniformly chosen frame of each clip, {@code [n, h, w, 1]}, with the clips' labels: what a
     * single-image classifier gets to see.
     */
    public static Dataset stills(Dataset clips, long seed) {
        Tensor x = clips.x();
        if (x.rank() != 5) {
            throw new IllegalArgumentException("MovingDigits.stills: clips must be [n, frames, h, w, c], got "
                    + x.shape());
        }
        int n = x.dim(0);
        int f = x.dim(1);
        int frame = x.dim(2) * x.dim(3) * x.dim(4);
        float[] all = x.cast(DType.FLOAT32).toFloatArray();
        float[] out = new float[n * frame];
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, (i * f + rng.nextInt(f)) * frame, out, i * frame, frame);
        }
        return Dataset.of(Tensor.fromFlat(out, n, x.dim(2), x.dim(3), x.dim(4)), clips.y());
    }

    /** The source images as square rows of floats. */
    private static float[][] images(Tensor digits) {
        int m = digits.dim(0);
        int pixels = digits.size() / Math.max(1, m);
        boolean ok = (digits.rank() == 2) || (digits.rank() == 3 && digits.dim(1) == digits.dim(2))
                || (digits.rank() == 4 && digits.dim(1) == digits.dim(2) && digits.dim(3) == 1);
        int side = (int) Math.round(Math.sqrt(pixels));
        if (!ok || m == 0 || side * side != pixels) {
            throw new IllegalArgumentException("MovingDigits: digits must be square images [m, 784], [m, 28, 28] or"
                    + " [m, 28, 28, 1] with m >= 1, got " + digits.shape());
        }
        float[] flat = digits.cast(DType.FLOAT32).toFloatArray();
        float[][] out = new float[m][pixels];
        for (int i = 0; i < m; i++) {
            System.arraycopy(flat, i * pixels, out[i], 0, pixels);
        }
        return out;
    }

    /**
     * Area resampling of a square image from {@code from} to {@code to} pixels a side: each output
     * pixel is the mean of the source area it covers (2 x 2 blocks for 28 to 14), so strokes keep
     * their brightness instead of being skipped as nearest-neighbour would.
     */
    static float[] resize(float[] src, int from, int to) {
        if (from == to) {
            return src.clone();
        }
        float[] out = new float[to * to];
        double scale = (double) from / to;
        for (int r = 0; r < to; r++) {
            double r0 = r * scale;
            double r1 = r0 + scale;
            for (int c = 0; c < to; c++) {
                double c0 = c * scale;
                double c1 = c0 + scale;
                double sum = 0;
                for (int sr = (int) Math.floor(r0); sr < Math.min(from, Math.ceil(r1)); sr++) {
                    double wr = Math.min(r1, sr + 1) - Math.max(r0, sr);
                    for (int sc = (int) Math.floor(c0); sc < Math.min(from, Math.ceil(c1)); sc++) {
                        double wc = Math.min(c1, sc + 1) - Math.max(c0, sc);
                        sum += wr * wc * src[sr * from + sc];
                    }
                }
                out[r * to + c] = (float) (sum / (scale * scale));
            }
        }
        return out;
    }
}
