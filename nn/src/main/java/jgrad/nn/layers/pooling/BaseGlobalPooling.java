package jgrad.nn.layers.pooling;

import java.util.Map;
import java.util.function.Function;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.layers.conv.DataFormat;
import jgrad.nn.layers.conv.SpatialArgs;

/**
 * The shared body of Keras's GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D: the
 * maximum or mean of each channel over all spatial positions, giving {@code [batch, channels]},
 * or with {@code keepdims} the input's rank with every spatial size 1.
 */
public abstract class BaseGlobalPooling extends Layer {
    private final boolean max;
    private final int rank;
    private final boolean keepdims;
    private final DataFormat dataFormat;

    BaseGlobalPooling(Builder<?> b, boolean max) {
        super(b.name);
        this.max = max;
        this.rank = b.rank;
        this.keepdims = b.keepdims;
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public final boolean keepdims() {
        return keepdims;
    }

    public final DataFormat dataFormat() {
        return dataFormat;
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
        int[] axes = new int[rank];
        int first = dataFormat == DataFormat.CHANNELS_LAST ? 1 : 2;
        for (int i = 0; i < rank; i++) {
            axes[i] = first + i;
        }
        return max ? x.max(axes, keepdims) : x.mean(axes, keepdims);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        SpatialArgs.requireRank(inputShape, rank, dataFormat);
        int channels = dataFormat.channels(inputShape);
        if (!keepdims) {
            return Shape.of(channels);
        }
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        return dataFormat.shape(ones, channels);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("data_format", dataFormat.kerasName());
        m.put("keepdims", keepdims);
        return m;
    }

    static <L extends BaseGlobalPooling> L fromConfig(Builder<L> b, Map<String, Object> c) {
        return b.keepdims(LayerConfig.bool(c, "keepdims", false)).dataFormat((String) c.get("data_format"))
                .name((String) c.get("name")).build();
    }

    @Override
    protected String describe() {
        return (keepdims ? "keepdims" : "") + (dataFormat == DataFormat.CHANNELS_FIRST ? (keepdims ? ", " : "")
                + "channels_first" : "");
    }

    /** The keyword arguments of a global pooling layer. */
    public static final class Builder<L extends BaseGlobalPooling> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private boolean keepdims;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.factory = factory;
        }

        /** Keep the spatial axes with size 1 (Keras's {@code keepdims}); false by default. */
        public Builder<L> keepdims(boolean keepdims) {
            this.keepdims = keepdims;
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
