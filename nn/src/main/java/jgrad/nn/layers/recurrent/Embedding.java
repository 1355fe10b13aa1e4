package jgrad.nn.layers.recurrent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;

/**
 * Turns integer token ids [batch, time] into vectors [batch, time, outputDim] by looking rows up
 * in a trainable table [inputDim, outputDim] (Keras's {@code Embedding}; initializer uniform in
 * [-0.05, 0.05]). With {@code maskZero}, id 0 is padding: the output carries a mask ({@link Masks})
 * that the next recurrent layer skips those steps by, as Keras's {@code mask_zero=True}.
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private final boolean maskZero;
    private final Initializer initializer;
    private Variable embeddings;

    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, false, Initializers.randomUniform(), null);
    }

    public Embedding(int inputDim, int outputDim, boolean maskZero) {
        this(inputDim, outputDim, maskZero, Initializers.randomUniform(), null);
    }

    public Embedding(int inputDim, int outputDim, boolean maskZero, Initializer initializer, String name) {
        super(name);
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be > 0, got " + inputDim + " and "
                    + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.maskZero = maskZero;
        this.initializer = Objects.requireNonNull(initializer, "initializer");
    }

    /** The table [input_dim, output_dim]; null before the layer is built. */
    public Variable embeddings() {
        return embeddings;
    }

    public boolean maskZero() {
        return maskZero;
    }

    @Override
    protected void build(Shape inputShape) {
        embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), initializer);
    }

    @Override
    protected Tensor forward(Tensor ids, boolean training) {
        if (ids.dtype().isFloating() || ids.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("layer '" + name() + "' (Embedding) takes integer token ids, got "
                    + ids.dtype() + " " + ids.shape());
        }
        Tensor idx = ids.dtype() == DType.INT64 ? ids : ids.cast(DType.INT64);
        long[] flat = idx.toLongArray();
        for (long v : flat) {
            if (v < 0 || v >= inputDim) {
                throw new IllegalArgumentException("layer '" + name() + "' (Embedding): token id " + v
                        + " is outside [0, " + inputDim + ") in input " + ids.shape());
            }
        }
        int[] out = new int[ids.rank() + 1];
        System.arraycopy(ids.shape().dims(), 0, out, 0, ids.rank());
        out[ids.rank()] = outputDim;
        Tensor y = embeddings.gather(idx.reshape(flat.length), 0).reshape(out);
        if (maskZero && ids.rank() == 2) {
            Masks.attach(y, idx.notEqual(Tensor.zeros(DType.INT64, 1)));
        }
        return y;
    }

    /** Ids are not cast to the layer's float dtype. */
    @Override
    protected boolean autocastInputs() {
        return false;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int[] d = new int[inputShape.rank() + 1];
        System.arraycopy(inputShape.dims(), 0, d, 0, inputShape.rank());
        d[inputShape.rank()] = outputDim;
        return Shape.of(d);
    }

    @Override
    protected List<DType> computeOutputDtypes(List<DType> inputDtypes, int outputs) {
        return List.of(dtype());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("input_dim", inputDim);
        m.put("output_dim", outputDim);
        m.put("embeddings_initializer", LayerConfig.initializer(this, initializer));
        m.put("mask_zero", maskZero);
        return m;
    }

    public static Embedding fromConfig(Map<String, Object> c) {
        Initializer init = LayerConfig.toInitializer(c.get("embeddings_initializer"));
        return new Embedding(LayerConfig.integer(c, "input_dim"), LayerConfig.integer(c, "output_dim"),
                LayerConfig.bool(c, "mask_zero", false), init == null ? Initializers.randomUniform() : init,
                (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "input_dim=" + inputDim + ", output_dim=" + outputDim + (maskZero ? ", mask_zero" : "");
    }
}
