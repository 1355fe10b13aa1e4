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
import jgrad.ops.nn.AvgPool;
import jgrad.ops.nn.MaxPool;

/**
 * The shared body of Keras's MaxPooling1D/2D/3D and AveragePooling1D/2D/3D: a window of
 * {@code pool_size} moved by {@code strides} (by default the pool size, so windows sit side by
 * side), padding "valid" or "same" (the padding is never a maximum and is not counted in an
 * average), channels_last or channels_first.
 */
public abstract class BasePooling extends Layer {
    /** Max or average. */
    enum Kind {
        MAX,
        AVERAGE
    }

    private final Kind kind;
    private final int rank;
    private final int[] poolSize;
    private final int[] strides;
    private final String padding;
    private final DataFormat dataFormat;

    BasePooling(Builder<?> b, Kind kind) {
        super(b.name);
        this.kind = kind;
        this.rank = b.rank;
        String who = getClass().getSimpleName();
        this.poolSize = SpatialArgs.positive(who, "pool_size", b.poolSize, rank);
        this.strides = b.strides == null ? poolSize.clone() : SpatialArgs.positive(who, "strides", b.strides, rank);
        this.padding = SpatialArgs.padding(who, b.padding, false);
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public final int[] poolSize() {
        return poolSize.clone();
    }

    public final int[] strides() {
        return strides.clone();
    }

    public final String padding() {
        return padding;
    }

    public final DataFormat dataFormat() {
        return dataFormat;
    }

    private String who() {
        return "layer '" + name() + "' (" + className() + ")";
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
            throw new IllegalArgumentException(who() + ": " + e.getMessage(), e);
        }
        Tensor in = dataFormat.toChannelsLast(x);
        Tensor y = kind == Kind.MAX
                ? MaxPool.maxPool(in, poolSize, strides, SpatialArgs.opPadding(padding))
                : AvgPool.avgPool(in, poolSize, strides, SpatialArgs.opPadding(padding));
        return dataFormat.fromChannelsLast(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        SpatialArgs.requireRank(inputShape, rank, dataFormat);
        int[] in = dataFormat.spatial(inputShape);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = SpatialArgs.outputLength(in[i], poolSize[i], strides[i], 1, padding);
            if (out[i] <= 0) {
                throw new IllegalArgumentException("pool_size " + SpatialArgs.text(poolSize)
                        + " is larger than the input's spatial size " + SpatialArgs.text(in) + " with padding 'valid'"
                        + " (input " + SpatialArgs.batch(inputShape) + ", data_format='" + dataFormat + "')"
                        + SpatialArgs.formatHint(inputShape, dataFormat));
            }
        }
        return dataFormat.shape(out, dataFormat.channels(inputShape));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("pool_size", LayerConfig.list(poolSize));
        m.put("padding", padding);
        m.put("strides", LayerConfig.list(strides));
        m.put("data_format", dataFormat.kerasName());
        return m;
    }

    /** Fills a builder from {@link #config()}. */
    static <L extends BasePooling> L fromConfig(Builder<L> b, Map<String, Object> c) {
        b.poolSize(LayerConfig.ints(c, "pool_size")).padding((String) c.getOrDefault("padding", "valid"))
                .dataFormat((String) c.get("data_format")).name((String) c.get("name"));
        if (c.get("strides") != null) {
            b.strides(LayerConfig.ints(c, "strides"));
        }
        return b.build();
    }

    @Override
    protected String describe() {
        return "pool_size=" + SpatialArgs.text(poolSize) + ", strides=" + SpatialArgs.text(strides) + ", padding="
                + padding + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** The keyword arguments of a pooling layer; {@code build()} makes the layer. */
    public static final class Builder<L extends BasePooling> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private int[] poolSize;
        private int[] strides;
        private String padding = "valid";
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, int[] poolSize, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.factory = factory;
            this.poolSize = poolSize == null || poolSize.length == 0 ? new int[] {2} : poolSize.clone();
        }

        /** One size for every axis or one per axis; Keras's default is 2. */
        public Builder<L> poolSize(int... poolSize) {
            this.poolSize = poolSize.clone();
            return this;
        }

        /** One stride for every axis or one per axis; by default the pool size. */
        public Builder<L> strides(int... strides) {
            this.strides = strides == null ? null : strides.clone();
            return this;
        }

        /** "valid" (default) or "same". */
        public Builder<L> padding(String padding) {
            this.padding = padding;
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

        /** The per-sample input shape (Keras's {@code input_shape=}), for the first layer of a Sequential. */
        public Builder<L> inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public L build() {
            return factory.apply(this);
        }
    }
}
