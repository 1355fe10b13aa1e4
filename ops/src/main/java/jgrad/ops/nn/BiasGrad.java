package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.DirectConv;
import jgrad.ops.kernels.KernelConfig;

/**
 * A bias's gradient: the sum of dz {@code [..., filters]} over every axis but the last, in one
 * pass that reads whole vectors across rows (a few filters per row would otherwise make a column
 * sum walk the rows one short run at a time). Linear; its vjp broadcasts the gradient back over
 * dz's shape.
 */
public record BiasGrad() implements Op {
    @Override
    public String name() {
        return "biasGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 1) {
            throw new IllegalArgumentException(name() + ": takes (dz), got " + inputs.length + " inputs");
        }
        Tensor dz = inputs[0];
        NeuralChecks.requireFloating(name(), "dz", dz);
        if (dz.rank() < 1) {
            throw new IllegalArgumentException(name() + ": dz must have a filters axis, got a scalar");
        }
        int f = dz.dim(dz.rank() - 1);
        return Tensor.wrap(DirectConv.columnSums(Windows.dense(dz), f, KernelConfig.VECTORIZED), Shape.of(f));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor dz = b.input(0);
        int[] ones = new int[dz.rank()];
        java.util.Arrays.fill(ones, 1);
        ones[ones.length - 1] = dz.dim(dz.rank() - 1);
        return new Tensor[] {b.grad().reshape(ones).expand(dz.shape().dims())};
    }
}
