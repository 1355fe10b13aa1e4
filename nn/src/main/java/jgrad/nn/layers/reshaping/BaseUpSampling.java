package jgrad.nn.layers.reshaping;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.layers.conv.DataFormat;
import jgrad.nn.layers.conv.SpatialArgs;

/**
 * The shared body of Keras's UpSampling1D/2D/3D: each spatial axis grows by an integer factor,
 * by repeating entries ("nearest") or, for 2-D, by bilinear interpolation with half-pixel centres
 * ({@code tf.image.resize}, PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}).
 * Both are written with differentiable ops (expand and reshape; constant interpolation matrices and
 * matmul), so gradients of any order flow through them.
 */
public abstract class BaseUpSampling extends Layer {
    private final int rank;
    private final int[] size;
    private final String interpolation;
    private final DataFormat dataFormat;

    BaseUpSampling(Builder<?> b) {
        super(b.name);
        this.rank = b.rank;
        String who = getClass().getSimpleName();
        this.size = SpatialArgs.positive(who, "size", b.size, rank);
        String interp = b.interpolation == null ? "nearest" : b.interpolation.toLowerCase(Locale.ROOT);
        if (!interp.equals("nearest") && !(interp.equals("bilinear") && rank == 2)) {
            throw new IllegalArgumentException(who + ": interpolation must be " + (rank == 2 ? "'nearest' or 'bilinear'"
                    : "'nearest'") + ", got '" + b.interpolation + "'");
        }
        this.interpolation = interp;
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    /** The factor per spatial axis. */
    public final int[] size() {
        return size.clone();
    }

    /** "nearest" or "bilinear". */
    public final String interpolation() {
        return interpolation;
    }

    public final DataFormat dataFormat() {
        return dataFormat;
    }

    final int rank() {
        return rank;
    }

    @Override
    protected void build(Shape inputShape) {
        computeOutputShape(inputShape);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        try {
            computeOutputShape(Shapes.perSample(x.shape(), name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + "): " + e.getMessage(), e);
        }
        int first = dataFormat == DataFormat.CHANNELS_LAST ? 1 : 2;
        return interpolation.equals("nearest") ? nearest(x, first) : bilinear(x, first);
    }

    /** Repeats each entry: a new axis of the factor after every spatial axis, expanded, then merged. */
    private Tensor nearest(Tensor x, int first) {
        int r = x.rank();
        int[] withOnes = new int[r + rank];
        int[] expanded = new int[r + rank];
        int[] merged = x.shape().dims();
        int k = 0;
        for (int a = 0; a < r; a++) {
            withOnes[k] = x.dim(a);
            expanded[k++] = x.dim(a);
            int s = a - first;
            if (s >= 0 && s < rank) {
                withOnes[k] = 1;
                expanded[k++] = size[s];
                merged[a] *= size[s];
            }
        }
        return x.reshape(withOnes).expand(expanded).reshape(merged);
    }

    /** Bilinear resizing as one interpolation matrix per spatial axis, applied with matmul. */
    private Tensor bilinear(Tensor x, int first) {
        Tensor y = x;
        for (int s = 0; s < rank; s++) {
            y = alongAxis(y, interpolationMatrix(x.dim(first + s), size[s], x.dtype()), first + s);
        }
        return y;
    }

    /**
     * The [n * factor, n] matrix of half-pixel bilinear interpolation: output i samples the input
     * at {@code (i + 0.5) / factor - 0.5}, clamped to the first entry, between its two neighbours.
     */
    static Tensor interpolationMatrix(int n, int factor, DType dtype) {
        int out = n * factor;
        double[] m = new double[out * n];
        for (int i = 0; i < out; i++) {
            double src = Math.max(0, (i + 0.5) / factor - 0.5);
            int i0 = Math.min((int) Math.floor(src), n - 1);
            int i1 = Math.min(i0 + 1, n - 1);
            double w = src - i0;
            m[i * n + i0] += 1 - w;
            m[i * n + i1] += w;
        }
        return Tensor.fromFlat(m, out, n).cast(dtype);
    }

    /** {@code m [out, in]} applied along {@code axis} of x. */
    private static Tensor alongAxis(Tensor x, Tensor m, int axis) {
        int r = x.rank();
        int[] perm = new int[r];
        perm[0] = axis;
        for (int a = 0, k = 1; a < r; a++) {
            if (a != axis) {
                perm[k++] = a;
            }
        }
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            inverse[perm[i]] = i;
        }
        Tensor moved = x.permute(perm);
        int[] dims = moved.shape().dims();
        Tensor y = m.matmul(moved.reshape(dims[0], -1));
        dims[0] = m.dim(0);
        return y.reshape(dims).permute(inverse);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        SpatialArgs.requireRank(inputShape, rank, dataFormat);
        int[] s = dataFormat.spatial(inputShape);
        for (int i = 0; i < rank; i++) {
            s[i] *= size[i];
        }
        return dataFormat.shape(s, dataFormat.channels(inputShape));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("size", rank == 1 ? (Object) size[0] : LayerConfig.list(size));
        m.put("data_format", dataFormat.kerasName());
        if (rank == 2) {
            m.put("interpolation", interpolation);
        }
        return m;
    }

    static <L extends BaseUpSampling> L fromConfig(Builder<L> b, Map<String, Object> c) {
        b.size(LayerConfig.ints(c, "size")).dataFormat((String) c.get("data_format")).name((String) c.get("name"));
        if (c.get("interpolation") instanceof String s) {
            b.interpolation(s);
        }
        return b.build();
    }

    @Override
    protected String describe() {
        return "size=" + SpatialArgs.text(size) + (interpolation.equals("nearest") ? "" : ", " + interpolation)
                + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** The keyword arguments of an upsampling layer. */
    public static final class Builder<L extends BaseUpSampling> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private int[] size = {2};
        private String interpolation = "nearest";
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.factory = factory;
        }

        /** One factor for every axis or one per axis; Keras's default is 2. */
        public Builder<L> size(int... size) {
            this.size = size.clone();
            return this;
        }

        /** "nearest" (default) or, for UpSampling2D, "bilinear". */
        public Builder<L> interpolation(String interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        /** "channels_last" (default) or "channels_first". */
        public Builder<L> dataFormat(String dataFormat) {
            this.dataFormat = dataFormat;
            return this;
        }

        public Builder<L> name(String name) {
            this.name = name;
            return this;
        }

        /** The per-sample input shape, for the first layer of a Sequential. */
        public Builder<L> inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public L build() {
            return factory.apply(this);
        }
    }
}
