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
 * The shared body of Keras's Cropping1D/2D/3D: rows, columns (and planes) removed from the
 * start and the end of each spatial axis.
 */
public abstract class BaseCropping extends Layer {
    private final int rank;
    private final int[][] cropping;
    private final DataFormat dataFormat;

    BaseCropping(Builder<?> b) {
        super(b.name);
        this.rank = b.rank;
        String who = getClass().getSimpleName();
        this.cropping = b.pairs != null ? Widths.pairs(who, "cropping", b.pairs, rank)
                : Widths.fromInts(who, "cropping", b.ints, rank);
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    /** One {before, after} pair per spatial axis. */
    public final int[][] cropping() {
        int[][] out = new int[rank][];
        for (int i = 0; i < rank; i++) {
            out[i] = cropping[i].clone();
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
        int first = dataFormat == DataFormat.CHANNELS_LAST ? 1 : 2;
        Tensor y = x;
        for (int i = 0; i < rank; i++) {
            int axis = first + i;
            if (cropping[i][0] > 0 || cropping[i][1] > 0) {
                y = y.slice(axis, cropping[i][0], x.dim(axis) - cropping[i][1]);
            }
        }
        return y;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        SpatialArgs.requireRank(inputShape, rank, dataFormat);
        int[] s = dataFormat.spatial(inputShape);
        for (int i = 0; i < rank; i++) {
            int left = s[i] - cropping[i][0] - cropping[i][1];
            if (left <= 0) {
                throw new IllegalArgumentException("cropping " + Widths.text(cropping) + " leaves nothing of the input's"
                        + " spatial size " + SpatialArgs.text(dataFormat.spatial(inputShape)) + " (input "
                        + SpatialArgs.batch(inputShape) + ", data_format='" + dataFormat + "')"
                        + SpatialArgs.formatHint(inputShape, dataFormat));
            }
            s[i] = left;
        }
        return dataFormat.shape(s, dataFormat.channels(inputShape));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("cropping", Widths.toConfig(cropping));
        m.put("data_format", dataFormat.kerasName());
        return m;
    }

    static <L extends BaseCropping> L fromConfig(Builder<L> b, Map<String, Object> c) {
        return b.cropping(Widths.fromConfig(b.who(), c, "cropping", b.rank)).dataFormat((String) c.get("data_format"))
                .name((String) c.get("name")).build();
    }

    @Override
    protected String describe() {
        return "cropping=" + Widths.text(cropping) + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** The keyword arguments of a cropping layer. */
    public static final class Builder<L extends BaseCropping> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private int[] ints;
        private int[][] pairs;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, int defaultWidth, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.factory = factory;
            this.ints = new int[] {defaultWidth};
        }

        String who() {
            return "Cropping" + rank + "D";
        }

        /**
         * Keras's int forms: one width for every side; for 1-D a (start, end) pair; for 2-D and
         * 3-D one symmetric width per axis.
         */
        public Builder<L> cropping(int... cropping) {
            this.ints = cropping.clone();
            this.pairs = null;
            return this;
        }

        /** One (before, after) pair per spatial axis: {@code {{top, bottom}, {left, right}}}. */
        public Builder<L> cropping(int[][] cropping) {
            this.pairs = cropping;
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
