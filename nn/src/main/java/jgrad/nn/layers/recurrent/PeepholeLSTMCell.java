package jgrad.nn.layers.recurrent;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;

/**
 * The peephole LSTM step of Gers &amp; Schmidhuber 2000 (Greff et al.'s "vanilla LSTM"): the input
 * and forget gates also see c_{t-1}, the output gate sees c_t, each through a diagonal weight:
 * i = s(.. + p_i*c_{t-1}), f = s(.. + p_f*c_{t-1}), c_t = f*c_{t-1} + i*tanh(..),
 * o = s(.. + p_o*c_t), h = o*tanh(c_t). With p = 0 it is {@link LSTMCell} exactly. Weights as
 * Keras's PeepholeLSTMCell: the LSTM's, then three [u] peephole vectors (glorot_uniform).
 */
public final class PeepholeLSTMCell extends RecurrentCell {
    private final boolean unitForgetBias;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;
    private Variable inputPeephole;
    private Variable forgetPeephole;
    private Variable outputPeephole;

    PeepholeLSTMCell(CellBuilder<?> b, String cellName) {
        super(b, cellName);
        this.unitForgetBias = b.unitForgetBias;
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    /** p_i, p_f, p_o, each [units]. */
    public List<Variable> peepholes() {
        return List.of(inputPeephole, forgetPeephole, outputPeephole);
    }

    /** The input kernel [in, 4u], gates i, f, c, o (as LSTMCell's). */
    public Variable kernel() {
        return kernel;
    }

    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    public Variable bias() {
        return bias;
    }

    @Override
    public List<Shape> stateShapes() {
        return List.of(Shape.of(units), Shape.of(units));
    }

    @Override
    public Tensor projectInput(Tensor x) {
        return dense(x, kernel, bias);
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
            bias = addWeight("bias", Shape.of(4 * units), LSTMCell.lstmBias(biasInitializer, unitForgetBias, units),
                    biasRegularizer, true);
        }
        inputPeephole = addWeight("input_gate_peephole_weights", Shape.of(units), kernelInitializer);
        forgetPeephole = addWeight("forget_gate_peephole_weights", Shape.of(units), kernelInitializer);
        outputPeephole = addWeight("output_gate_peephole_weights", Shape.of(units), kernelInitializer);
    }

    @Override
    public Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        Tensor hr = recurrentMask == null ? h : h.mul(recurrentMask);
        Tensor z = projected.add(hr.matmul(recurrentKernel));
        Tensor i = recurrentActivation.apply(gate(z, 0, units).add(inputPeephole.mul(c)));
        Tensor f = recurrentActivation.apply(gate(z, 1, units).add(forgetPeephole.mul(c)));
        Tensor g = activation.apply(gate(z, 2, units));
        Tensor c2 = f.mul(c).add(i.mul(g));
        Tensor o = recurrentActivation.apply(gate(z, 3, units).add(outputPeephole.mul(c2)));
        Tensor h2 = o.mul(activation.apply(c2));
        return new Output(h2, List.of(h2, c2));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("unit_forget_bias", unitForgetBias);
        return m;
    }

    public static PeepholeLSTMCell fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readConfig(c).build();
    }

    /** PeepholeLSTMCell's keyword arguments (those of LSTMCell). */
    public static final class Builder extends CellBuilder<Builder> {
        Builder(int units) {
            super(units);
        }

        public PeepholeLSTMCell build() {
            return new PeepholeLSTMCell(this, null);
        }
    }
}
