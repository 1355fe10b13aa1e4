package jgrad.ops.nn;

import java.util.Arrays;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Epilogue;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.Gemm;

/**
 * A dense (fully connected) layer as one op, {@code activation(x @ kernel + bias)} over x's last
 * axis as Keras's {@code Dense} computes it: the bias add and the activation run in the GEMM's
 * epilogue as C is stored, so the layer makes one pass over its output instead of three. Inputs
 * are {@code (x [..., in], kernel [in, out])} or {@code (x, kernel, bias [out])}; the result is
 * {@code [..., out]}. The vjp is written with ops ({@code dz = g * act'(y)}, {@code dx = dz @
 * kernel^T}, {@code dkernel = x^T @ dz}, {@code dbias = sum(dz)}), so gradients of any order work.
 *
 * <pre>{@code
 * Tensor h = Dense.dense(x, w, b, Epilogue.Activation.RELU);   // = x.matmul(w).add(b).relu()
 * }</pre>
 */
public record Dense(Activation activation) implements Op {
    public Dense {
        if (activation == null) {
            throw new NullPointerException("dense: activation is null (use Activation.LINEAR for none)");
        }
    }

    /** {@code activation(x @ kernel + bias)}; bias may be null. */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias, Activation activation) {
        Dense op = new Dense(activation);
        return bias == null ? op.apply(x, kernel) : op.apply(x, kernel, bias);
    }

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 2 && inputs.length != 3) {
            throw new IllegalArgumentException("dense: takes (x, kernel) or (x, kernel, bias), got " + inputs.length
                    + " inputs");
        }
        Tensor x = inputs[0];
        Tensor kernel = inputs[1];
        Tensor bias = inputs.length == 3 ? inputs[2] : null;
        NeuralChecks.requireFloating("dense", "x", x);
        NeuralChecks.requireFloating("dense", "kernel", kernel);
        if (x.rank() == 0) {
            throw new IllegalArgumentException("dense: x must have a feature axis (rank >= 1), got a scalar");
        }
        if (kernel.rank() != 2) {
            throw new IllegalArgumentException("dense: kernel must be a matrix [in, out], got " + kernel.shape());
        }
        if (kernel.dtype() != x.dtype()) {
            throw new IllegalArgumentException("dense: x " + x.dtype() + " " + x.shape() + " and kernel "
                    + kernel.dtype() + " " + kernel.shape() + " have different dtypes");
        }
        int in = x.dim(x.rank() - 1);
        if (kernel.dim(0) != in) {
            throw new IllegalArgumentException("dense: x " + x.shape() + " and kernel " + kernel.shape()
                    + " do not fit: x's last axis (" + in + ") must equal the kernel's first (" + kernel.dim(0) + ")");
        }
        int out = kernel.dim(1);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != out || bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException("dense: bias must be a " + x.dtype() + " vector of " + out
                    + " entries (the kernel's last axis), got " + bias.dtype() + " " + bias.shape());
        }
        int[] dims = x.shape().dims();
        int rows = x.size() / Math.max(1, in);
        if (in == 0) {
            rows = 1;
            for (int i = 0; i < dims.length - 1; i++) {
                rows *= dims[i];
            }
        }
        Tensor x2 = x.rank() == 2 ? x : x.reshape(rows, in);
        Tensor y = Gemm.matmul(x2, kernel, false, false, Epilogue.of(bias, activation));
        int[] outDims = Arrays.copyOf(dims, dims.length);
        outDims[dims.length - 1] = out;
        return x.rank() == 2 ? y : y.reshape(outDims);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor kernel = b.input(1);
        Tensor dz = activation.gradient(b.grad(), b.output());
        int in = kernel.dim(0);
        int out = kernel.dim(1);
        Tensor[] grads = new Tensor[b.inputCount()];
        if (b.needsGrad(0)) {
            grads[0] = dz.matmul(kernel, false, true);
        }
        boolean needKernel = b.needsGrad(1);
        boolean needBias = b.inputCount() == 3 && b.needsGrad(2);
        if (needKernel || needBias) {
            Tensor dz2 = dz.rank() == 2 ? dz : dz.reshape(-1, out);
            if (needKernel) {
                Tensor x2 = x.rank() == 2 ? x : x.reshape(-1, in);
                grads[1] = x2.matmul(dz2, true, false);
            }
            if (needBias) {
                grads[2] = dz2.sum(0);
            }
        }
        return grads;
    }

    /** Specs for every activation, with and without bias, for 1-D to 3-D inputs. */
    public static java.util.List<OpSpec> specs() {
        java.util.List<OpSpec> all = new java.util.ArrayList<>();
        for (Activation act : Activation.values()) {
            String name = "dense(" + act.methodName() + ")";
            OpSpec.Builder b = OpSpec.builder(name, in -> in.size() == 3
                    ? dense(in.get(0), in.get(1), in.get(2), act) : dense(in.get(0), in.get(1), null, act))
                    .shapes(new int[] {3, 4}, new int[] {4, 5}, new int[] {5})
                    .shapes(new int[] {4}, new int[] {4, 2}, new int[] {2})
                    .shapes(new int[] {2, 3, 4}, new int[] {4, 3}, new int[] {3})
                    .shapes(new int[] {3, 2}, new int[] {2, 3})
                    .shapes(new int[] {0, 3}, new int[] {3, 2}, new int[] {2});
            if (act == Activation.LINEAR) {
                b.error("dense: x [2, 3] and kernel [4, 5] do not fit: x's last axis (3) must equal the kernel's first"
                        + " (4)", Tensor.zeros(2, 3), Tensor.zeros(4, 5))
                        .error("dense: bias must be a float32 vector of 5 entries", Tensor.zeros(2, 4),
                                Tensor.zeros(4, 5), Tensor.zeros(4))
                        .error("dense: kernel must be a matrix [in, out], got [4]", Tensor.zeros(2, 4), Tensor.zeros(4))
                        .error("dense: x must be float32 or float64, got int64", Tensor.of(new long[] {1, 2}),
                                Tensor.zeros(2, 2))
                        .error("dense: x must have a feature axis", Tensor.of(1f), Tensor.zeros(1, 2));
            }
            all.add(b.build());
        }
        return all;
    }
}
