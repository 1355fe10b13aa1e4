package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.ops.kernels.DirectConv;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.KernelConfig;

/**
 * The backward pass through a fused activation in one pass over memory: inputs {@code (grad, y)}
 * with {@code y = act(z)}, result {@code grad * act'(z)}, the derivative taken from y as
 * {@link Activation#gradient} takes it (ReLU: 1 where {@code y > 0}; sigmoid: {@code y (1 - y)};
 * tanh: {@code 1 - y^2}). The same values as that composition of four ops, without its three
 * intermediates; its vjp is written with ops, so a convolution's gradient stays differentiable.
 */
public record ActivationGrad(Activation activation) implements Op {
    public ActivationGrad {
        java.util.Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String name() {
        return "activationGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(name() + ": takes (grad, y), got " + inputs.length + " inputs");
        }
        Tensor grad = inputs[0];
        Tensor y = inputs[1];
        NeuralChecks.requireFloating(name(), "grad", grad);
        NeuralChecks.requireFloating(name(), "y", y);
        if (!grad.shape().equals(y.shape()) || grad.dtype() != y.dtype()) {
            throw new IllegalArgumentException(name() + ": grad " + grad.dtype() + " " + grad.shape() + " and y "
                    + y.dtype() + " " + y.shape() + " must have one shape and dtype");
        }
        // A gradient that is one value broadcast (a sum's, or a mean's) is passed as that value
        // instead of being written out at full size first.
        Object g;
        if (broadcastScalar(grad)) {
            g = grad.storage() instanceof float[] f ? new float[] {f[grad.offset()]}
                    : new double[] {((double[]) grad.storage())[grad.offset()]};
        } else {
            g = Windows.dense(grad);
        }
        return Tensor.wrap(DirectConv.activationGrad(activation, g, Windows.dense(y), KernelConfig.VECTORIZED),
                y.shape());
    }

    /** True when every element of t is the same storage element (all strides 0) and there is at least one. */
    private static boolean broadcastScalar(Tensor t) {
        if (t.size() <= 1) {
            return false;
        }
        for (int s : t.strides()) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor grad = b.input(0);
        Tensor y = b.input(1);
        Tensor g = b.grad();
        Tensor[] grads = new Tensor[2];
        if (b.needsGrad(0)) {
            grads[0] = new ActivationGrad(activation).apply(g, y);
        }
        if (b.needsGrad(1)) {
            // d/dy of grad * act'(y), act' written in y: ReLU's is piecewise constant.
            grads[1] = switch (activation) {
                case LINEAR, RELU -> Tensor.zerosLike(y);
                case SIGMOID -> g.mul(grad).mul(y.mul(-2.0).add(1.0));
                case TANH -> g.mul(grad).mul(y.mul(-2.0));
            };
        }
        return grads;
    }
}
