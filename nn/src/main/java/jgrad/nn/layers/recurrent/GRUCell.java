package jgrad.nn.layers.recurrent;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Shapes;
import jgrad.nn.activations.Activations;
import jgrad.nn.layers.LayerConfig;
import jgrad.ops.nn.GruSequence;

/**
 * The GRU step (Cho et al. 2014): z = s(.), r = s(.), h~ = tanh(x W_h + r*(h U_h + b_rh)) with
 * reset_after (Keras's and PyTorch's default) or tanh(x W_h + (r*h) U_h + b_h) without;
 * h = z*h_{t-1} + (1-z)*h~. Keras layout: kernel [in, 3u] and recurrent_kernel [u, 3u] with the
 * gates in the order z, r, h; bias [2, 3u] (input and recurrent biases) with reset_after, [3u]
 * without: 3(u(n+u)+2u) or 3(u(n+u)+u) parameters.
 */
public final class GRUCell extends RecurrentCell {
    private final boolean resetAfter;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    GRUCell(CellBuilder<?> b, String cellName) {
        super(b, cellName);
        this.resetAfter = b.resetAfter;
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    /** The input kernel [in, 3u], gates z, r, h. */
    public Variable kernel() {
        return kernel;
    }

    /** The recurrent kernel [u, 3u], gates z, r, h. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** [2, 3u] (row 0 input, row 1 recurrent) with reset_after, else [3u]; null without a bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 1) {
            throw new IllegalArgumentException(className() + " takes steps [batch, features], got "
                    + Shapes.batchShape(inputShape));
        }
        kernel = addWeight("kernel", Shape.of(inputShape.get(0), 3 * units), kernelInitializer, kernelRegularizer, true);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, 3 * units), recurrentInitializer,
                recurrentRegularizer, true);
        if (useBias) {
            Shape s = resetAfter ? Shape.of(2, 3 * units) : Shape.of(3 * units);
            bias = addWeight("bias", s, biasInitializer, biasRegularizer, true);
        }
    }

    @Override
    public List<Shape> stateShapes() {
        return List.of(Shape.of(units));
    }

    @Override
    public Tensor projectInput(Tensor x) {
        Tensor b = bias == null ? null : resetAfter ? bias.slice(0, 0, 1).reshape(3 * units) : bias;
        return dense(x, kernel, b);
    }

    /** True when the step is the one the fused {@code gru_sequence} op computes: sigmoid gates, tanh candidate. */
    boolean fused() {
        return "tanh".equals(Activations.nameOf(activation)) && "sigmoid".equals(Activations.nameOf(recurrentActivation));
    }

    /** The steps of projected [batch, steps, 3u] from h0 as one {@code gru_sequence} op: y [batch, steps, 5u]. */
    private Tensor fusedSequence(Tensor projected, Tensor h0) {
        if (!resetAfter) {
            return new GruSequence(false).apply(projected, recurrentKernel, h0);
        }
        Tensor b = bias == null ? Tensor.zeros(dtype(), 3 * units) : bias.slice(0, 1, 2).reshape(3 * units);
        return new GruSequence(true).apply(projected, recurrentKernel, b, h0);
    }

    /** The sequence as one {@code gru_sequence} op (see {@link GruSequence}) when {@link #fused}. */
    @Override
    public Output sequence(Tensor projected, List<Tensor> states) {
        if (!fused() || projected.rank() != 3) {
            return null;
        }
        Tensor y = fusedSequence(projected, states.get(0));
        int steps = y.dim(1);
        Tensor h = y.slice(1, steps - 1, steps).reshape(y.dim(0), 5 * units).slice(1, 0, units);
        return new Output(y.slice(2, 0, units), List.of(h));
    }

    @Override
    public Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        if (fused() && recurrentMask == null && projected.rank() == 2) {
            // One step of the fused op (recurrent dropout needs the masked h in the GEMM only: not fused).
            int batch = projected.dim(0);
            Tensor y = fusedSequence(projected.reshape(batch, 1, 3 * units), h).reshape(batch, 5 * units);
            Tensor h2 = y.slice(1, 0, units);
            return new Output(h2, List.of(h2));
        }
        Tensor hr = recurrentMask == null ? h : h.mul(recurrentMask);
        Tensor z;
        Tensor r;
        Tensor candidate;
        if (resetAfter) {
            // One GEMM for all three gates; the reset gate scales the recurrent part (with its bias).
            Tensor inner = hr.matmul(recurrentKernel);
            if (bias != null) {
                inner = inner.add(bias.slice(0, 1, 2).reshape(3 * units));
            }
            z = recurrentActivation.apply(gate(projected, 0, units).add(gate(inner, 0, units)));
            r = recurrentActivation.apply(gate(projected, 1, units).add(gate(inner, 1, units)));
            candidate = activation.apply(gate(projected, 2, units).add(r.mul(gate(inner, 2, units))));
        } else {
            // z and r from one GEMM; the candidate's GEMM needs r first.
            Tensor inner = hr.matmul(recurrentKernel.slice(1, 0, 2 * units));
            z = recurrentActivation.apply(gate(projected, 0, units).add(gate(inner, 0, units)));
            r = recurrentActivation.apply(gate(projected, 1, units).add(gate(inner, 1, units)));
            Tensor rh = r.mul(hr).matmul(recurrentKernel.slice(1, 2 * units, 3 * units));
            candidate = activation.apply(gate(projected, 2, units).add(rh));
        }
        Tensor h2 = z.mul(h).add(z.neg().add(1).mul(candidate));
        return new Output(h2, List.of(h2));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("reset_after", resetAfter);
        return m;
    }

    public static GRUCell fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readConfig(c).build();
    }

    @Override
    protected String describe() {
        return "units=" + units + (resetAfter ? "" : ", reset_after=false");
    }

    /** GRUCell's keyword arguments. */
    public static final class Builder extends CellBuilder<Builder> {
        Builder(int units) {
            super(units);
        }

        public GRUCell build() {
            return new GRUCell(this, null);
        }
    }
}
