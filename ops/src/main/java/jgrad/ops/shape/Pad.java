package jgrad.ops.shape;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.PadKernel;

/**
 * Constant padding (NumPy pad with mode "constant"): {@code widths[i] = {before, after}} new
 * elements on axis i, all set to {@code value}. The gradient crops the padding off again with
 * slices.
 */
public record Pad(int[][] widths, double value) implements Op {
    public Pad {
        widths = deepCopy(widths);
    }

    @Override
    public int[][] widths() {
        return deepCopy(widths);
    }

    @Override
    public String name() {
        return "pad";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        check(x);
        int[] before = new int[widths.length];
        int[] after = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            before[i] = widths[i][0];
            after[i] = widths[i][1];
        }
        return PadKernel.pad(x, before, after, value);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor g = b.grad();
        int[] dims = b.input(0).shape().dims();
        for (int a = 0; a < dims.length; a++) {
            if (widths[a][0] != 0 || widths[a][1] != 0) {
                g = new Slice(a, widths[a][0], widths[a][0] + dims[a], 1).apply(g);
            }
        }
        return new Tensor[] {g};
    }

    private void check(Tensor x) {
        if (widths.length != x.rank()) {
            throw new IllegalArgumentException("pad: got " + widths.length + " widths for x " + x.shape() + " of rank "
                    + x.rank() + "; need one {before, after} pair per axis");
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i].length != 2) {
                throw new IllegalArgumentException("pad: widths[" + i + "] = " + Arrays.toString(widths[i])
                        + " must be a {before, after} pair");
            }
            if (widths[i][0] < 0 || widths[i][1] < 0) {
                throw new IllegalArgumentException("pad: widths[" + i + "] = " + Arrays.toString(widths[i])
                        + " is negative; pad widths must be >= 0 (use slice to crop)");
            }
        }
        if (x.dtype() == DType.INT64 && value != Math.rint(value)) {
            throw new IllegalArgumentException("pad: value " + value + " is not an integer, but x is int64");
        }
        if (x.dtype() == DType.BOOL && value != 0 && value != 1) {
            throw new IllegalArgumentException("pad: value " + value + " is not 0 or 1, but x is bool");
        }
    }

    private static int[][] deepCopy(int[][] w) {
        int[][] c = new int[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return "Pad[widths=" + Arrays.deepToString(widths) + ", value=" + value + "]";
    }

    /** Inputs: x, args {before0, after0, before1, after1, ...}; the padding value is 0.5. */
    public static OpSpec spec() {
        return OpSpec.builder("pad", in -> {
            int[] a = ShapeSpecs.last(in);
            int[][] widths = new int[a.length / 2][];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = new int[] {a[2 * i], a[2 * i + 1]};
            }
            return ShapeSpecs.x(in).pad(widths, 0.5);
        })
                .sample(OpSpec.random(2, 3), ShapeSpecs.args(1, 0, 2, 1))
                .sample(OpSpec.random(3), ShapeSpecs.args(0, 0))
                .sample(OpSpec.random(2, 1, 2), ShapeSpecs.args(0, 1, 1, 1, 0, 2))
                .sample(OpSpec.random(), ShapeSpecs.args()) // a scalar has no axis to pad: a copy
                .sample(OpSpec.random(0, 2), ShapeSpecs.args(1, 1, 0, 0)) // all padding
                .error("pad: widths[1] = [-1, 2] is negative; pad widths must be >= 0",
                        Tensor.zeros(DType.FLOAT64, 2, 3), ShapeSpecs.argsTensor(0, 0, -1, 2))
                .error("pad: got 1 widths for x [2, 3] of rank 2", Tensor.zeros(DType.FLOAT64, 2, 3),
                        ShapeSpecs.argsTensor(1, 1))
                .error("pad: value 0.5 is not an integer, but x is int64", Tensor.zeros(DType.INT64, 2),
                        ShapeSpecs.argsTensor(1, 1))
                .build();
    }
}
