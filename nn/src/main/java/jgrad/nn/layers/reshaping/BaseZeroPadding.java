package jgrad.nn.layers.reshaping;

import java.util.Map;
import java.util.function.Function;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.layers.conv.DataFormat;
import jgrad.nn.layers.conv.SpatialArgs;

/**
 * The shared body of Keras's ZeroPadding1D/2D/3D: rows, columns (and planes) of zeros added
 * before and after each spatial axis.
 */
public abstract class BaseZeroPadding extends Layer {
    private final int rank;
    private final int[][] padding;
    private final DataFormat dataFormat;

    BaseZeroPadding(Builder<?> b) {
        super(b.name);
        this.rank = b.rank;
        String who = getClass().getSimpleName();
        this.padding = b.pairs != null ? Widths.pairs(who, "padding", b.pairs, rank)
                : Widths.fromInts(who, "padding", b.ints, rank);
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    /** One {before, after} pair per spatial axis. */
    public final int[][] padding() {
        int[][] out = new int[rank][];
        for (int i = 0; i < rank; i++) {
            out[i] = padding[i].clone();
        }
        return out;
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
        int[][] widths = new int[x.rank()][];
        for (int i = 0; i < x.rank(); i++) {
            widths[i] = new int[2];
        }
        int first = dataFormat == DataFormat.CHANNELS_LAST ? 1 : 2;
        for (int i = 0; i < rank; i++) {
            widths[first + i] = padding[i].clone();
        }
        return x.pad(widths, 0);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        SpatialArgs.requireRank(inputShape, rank, dataFormat);
        int[] s = dataFormat.spatial(inputShape);
        for (int i = 0; i < rank; i++) {
            s[i] += padding[i][0] + padding[i][1];
        }
        return dataFormat.shape(s, dataFormat.channels(inputShape));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("padding", Widths.toConfig(padding));
        m.put("data_format", dataFormat.kerasName());
        return m;
    }

    static <L extends BaseZeroPadding> L fromConfig(Builder<L> b, Map<String, Object> c) {
        return b.padding(Widths.fromConfig(b.who(), c, "padding", b.rank)).dataFormat((String) c.get("data_format"))
                .name((String) c.get("name")).build();
    }

    @Override
    protected String describe() {
        return "padding=" + Widths.text(padding) + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** The keyword arguments of a zero-padding layer. */
    public static final class Builder<L extends BaseZeroPadding> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private int[] ints = {1};
        private int[][] pairs;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.factory = factory;
        }

        String who() {
            return "ZeroPadding" + rank + "D";
        }

        /**
         * Keras's int forms: one width for every side; for 1-D a (before, after) pair; for 2-D
         * and 3-D one symmetric width per axis. Keras's default is 1.
         */
        public Builder<L> padding(int... padding) {
            this.ints = padding.clone();
            this.pairs = null;
            return this;
        }

        /** One (before, after) pair per spatial axis: {@code {{top, bottom}, {left, right}}}. */
        public Builder<L> padding(int[][] padding) {
            this.pairs = padding;
            this.ints = null;
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
