package jgrad.nn.layers.recurrent;

import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;

/**
 * The Elman step of note 002's eq. 6.1: h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel
 * + bias), tanh by default (Keras's SimpleRNNCell; PyTorch's RNNCell with kernel = W_ih^T and
 * bias = b_ih + b_hh). u(n+u)+u parameters.
 */
public final class SimpleRNNCell extends RecurrentCell {
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    SimpleRNNCell(CellBuilder<?> b, String cellName) {
        super(b, cellName);
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

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
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 1) {
            throw new IllegalArgumentException(className() + " takes steps [batch, features], got "
                    + Shapes.batchShape(inputShape));
        }
        kernel = addWeight("kernel", Shape.of(inputShape.get(0), units), kernelInitializer, kernelRegularizer, true);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, units), recurrentInitializer,
                recurrentRegularizer, true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer, biasRegularizer, true);
        }
    }

    @Override
    public List<Shape> stateShapes() {
        return List.of(Shape.of(units));
    }

    @Override
    public Tensor projectInput(Tensor x) {
        return dense(x, kernel, bias);
    }

    @Override
    public Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        Tensor hr = recurrentMask == null ? h : h.mul(recurrentMask);
        Tensor h2 = activation.apply(projected.add(hr.matmul(recurrentKernel)));
        return new Output(h2, List.of(h2));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.remove("recurrent_activation");
        return m;
    }

    public static SimpleRNNCell fromConfig(Map<String, Object> c) {
        return builder(LayerConfig.integer(c, "units")).readConfig(c).build();
    }

    /** SimpleRNNCell's keyword arguments. */
    public static final class Builder extends CellBuilder<Builder> {
        Builder(int units) {
            super(units);
        }

        public SimpleRNNCell build() {
            return new SimpleRNNCell(this, null);
        }
    }
}
