package jgrad.ops.kernels;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Constant padding: a new row-major tensor filled with a value, with {@code x} copied into its
 * interior by {@link StridedCopyKernel}. Also the "embed into zeros" step of slice and scatter
 * gradients.
 */
public final class PadKernel {
    private PadKernel() {}

    /**
     * {@code x} grown by {@code before[i]} and {@code after[i]} elements on axis i (both >= 0,
     * checked by the op), the new elements set to {@code value} (cast to x's dtype; for int64 the op
     * has checked it is an integer, for bool non-zero means true).
     */
    public static Tensor pad(Tensor x, int[] before, int[] after, double value) {
        int[] in = x.shape().dims();
        int[] dims = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            dims[a] = in[a] + before[a] + after[a];
        }
        Shape shape = Shape.of(dims);
        Object out = Tensor.allocate(x.dtype(), shape.size());
        fill(out, value);
        int[] strides = StridedCopyKernel.rowMajorStrides(dims);
        int offset = 0;
        for (int a = 0; a < dims.length; a++) {
            offset += before[a] * strides[a];
        }
        if (x.size() > 0) {
            StridedCopyKernel.copyInto(x, out, offset, strides);
        }
        return Tensor.wrap(out, shape);
    }

    /** A zero tensor of {@code shape} and dtype with {@code src} written at offset/strides. */
    public static Tensor embed(Tensor src, DType dtype, Shape shape, int offset, int[] strides) {
        Object out = Tensor.allocate(dtype, shape.size());
        if (src.size() > 0) {
            StridedCopyKernel.copyInto(src, out, offset, strides);
        }
        return Tensor.wrap(out, shape);
    }

    /** Sets every element of a fresh array; zero needs nothing since arrays start zeroed. */
    static void fill(Object out, double value) {
        switch (out) {
            case float[] f -> {
                if (Float.floatToRawIntBits((float) value) != 0) {
                    Arrays.fill(f, (float) value);
                }
            }
            case double[] d -> {
                if (Double.doubleToRawLongBits(value) != 0) {
                    Arrays.fill(d, value);
                }
            }
            case long[] l -> {
                if ((long) value != 0) {
                    Arrays.fill(l, (long) value);
                }
            }
            case boolean[] b -> {
                if (value != 0) {
                    Arrays.fill(b, true);
                }
            }
            default -> throw new IllegalArgumentException("pad: unsupported storage " + out.getClass().getSimpleName());
        }
    }
}
