package jgrad.nn.layers.recurrent;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Shapes;
import jgrad.nn.activations.Activations;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.layers.LayerConfig;
import jgrad.ops.nn.LstmSequence;

/**
 * The LSTM step (Hochreiter &amp; Schmidhuber 1997 with a forget gate; note 002, 6.2, plus biases):
 * i, f, o = sigmoid(.), c~ = tanh(.), c = f*c + i*c~, h = o*tanh(c). Keras layout: kernel
 * [in, 4u] and recurrent_kernel [u, 4u] with the gates in the order i, f, c, o; bias [4u], the
 * forget part starting at 1 (unit_forget_bias). 4(u(n+u)+u) parameters.
 */
public class LSTMCell extends RecurrentCell {
    protected final boolean unitForgetBias;
    protected Variable kernel;
    protected Variable recurrentKernel;
    protected Variable bias;

    LSTMCell(CellBuilder<?> b, String cellName) {
        super(b, cellName);
        this.unitForgetBias = b.unitForgetBias;
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** The input kernel [in, 4u], gates i, f, c, o. */
    public Variable kernel() {
        return kernel;
    }

    /** The recurrent kernel [u, 4u], gates i, f, c, o. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** The bias [4u]; null without one. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 1) {
            throw new IllegalArgumentException(className() + " takes steps [batch, features], got "
                    + Shapes.batchShape(inputShape));
        }
        kernel = addWeight("kernel", Shape.of(inputShape.get(0), 4 * units), kernelInitializer, kernelRegularizer, true);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, 4 * units), recurrentInitializer,
                recurrentRegularizer, true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(4 * units), lstmBias(biasInitializer, unitForgetBias, units),
                    biasRegularizer, true);
        }
    }

    /** Keras's unit_forget_bias: the bias initializer for i, ones for f, the initializer for c and o. */
    static Initializer lstmBias(Initializer init, boolean unitForgetBias, int units) {
        if (!unitForgetBias) {
            return init;
        }
        return (shape, dtype) -> {
            int[] head = shape.dims();
            head[head.length - 1] = units;
            int[] tail = shape.dims();
            tail[tail.length - 1] = shape.get(-1) - 2 * units;
            return Tensor.concat(List.of(init.apply(Shape.of(head), dtype), Tensor.ones(dtype, head),
                    init.apply(Shape.of(tail), dtype)), head.length - 1);
        };
    }

    @Override
    public List<Shape> stateShapes() {
        return List.of(Shape.of(units), Shape.of(units));
    }

    @Override
    public Tensor projectInput(Tensor x) {
        return dense(x, kernel, bias);
    }

    /**
     * True when the step is the one the fused {@code lstm_sequence} op computes: sigmoid gates and
     * a tanh cell (Keras's defaults), in this class itself (a subclass may change the step).
     */
    final boolean fused() {
        return getClass() == LSTMCell.class && "tanh".equals(Activations.nameOf(activation))
                && "sigmoid".equals(Activations.nameOf(recurrentActivation));
    }

    /** The sequence as one {@code lstm_sequence} op (see {@link LstmSequence}) when {@link #fused}. */
    @Override
    public Output sequence(Tensor projected, List<Tensor> states) {
        if (!fused() || projected.rank() != 3) {
            return null;
        }
        Tensor y = new LstmSequence().apply(projected, recurrentKernel, states.get(0), states.get(1));
        int steps = y.dim(1);
        Tensor last = y.slice(1, steps - 1, steps).reshape(y.dim(0), 6 * units);
        return new Output(y.slice(2, 0, units), List.of(last.slice(1, 0, units), last.slice(1, units, 2 * units)));
    }

    @Override
    public Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        Tensor hr = recurrentMask == null ? h : h.mul(recurrentMask);
        if (fused() && projected.rank() == 2) {
            // One step of the fused op: the recurrent GEMM and all the gate math in one recorded op.
            int batch = projected.dim(0);
            Tensor y = new LstmSequence().apply(projected.reshape(batch, 1, 4 * units), recurrentKernel, hr, c)
                    .reshape(batch, 6 * units);
            Tensor h2 = y.slice(1, 0, units);
            return new Output(h2, List.of(h2, y.slice(1, units, 2 * units)));
        }
        Tensor z = projected.add(hr.matmul(recurrentKernel));
        Tensor i = recurrentActivation.apply(gate(z, 0, units));
        Tensor f = recurrentActivation.apply(gate(z, 1, units));
        Tensor g = activation.apply(gate(z, 2, units));
        Tensor o = recurrentActivation.apply(gate(z, 3, units));
        Tensor c2 = f.mul(c).add(i.mul(g));
        Tensor h2 = o.mul(activation.apply(c2));
        return new Output(h2, List.of(h2, c2));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("unit_forget_bias", unitForgetBias);
        return m;
    }

    public static LSTMCell fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readConfig(c).build();
    }

    /** LSTMCell's keyword arguments. */
    public static final class Builder extends CellBuilder<Builder> {
        Builder(int units) {
            super(units);
        }

        public LSTMCell build() {
            return new LSTMCell(this, null);
        }
    }
}
