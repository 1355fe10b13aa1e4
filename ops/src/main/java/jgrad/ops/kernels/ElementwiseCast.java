package jgrad.ops.kernels;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * dtype conversion kernels, any dtype to any other, on contiguous or strided input. Conversions
 * follow Java's casts: float to int64 truncates toward zero, a nonzero value becomes true.
 */
final class ElementwiseCast {
    private ElementwiseCast() {}

    static Tensor cast(Tensor x, DType to) {
        Shape shape = x.shape();
        int n = shape.size();
        Object out = Tensor.allocate(to, n);
        Object src = x.storage();
        if (n == 0) {
            return Tensor.wrap(out, shape);
        }
        if (n < KernelConfig.PARALLEL_THRESHOLD && x.isContiguous()) {
            convert(src, x.offset(), 1, out, 0, n);
        } else {
            BroadcastPlan plan = BroadcastPlan.of(shape.dims(), x);
            int s = plan.innerStride(0);
            plan.run((p0, p1, p2, po, len) -> convert(src, p0, s, out, po, len));
        }
        return Tensor.wrap(out, shape);
    }

    /** Converts n elements read from src (start ps, stride ss) into dst from pd on. */
    static void convert(Object src, int ps, int ss, Object dst, int pd, int n) {
        switch (dst) {
            case float[] o -> {
                switch (src) {
                    case float[] a -> copy(a, ps, ss, o, pd, n);
                    case double[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = (float) a[ps + i * ss];
                        }
                    }
                    case long[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = (float) a[ps + i * ss];
                        }
                    }
                    case boolean[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] ? 1f : 0f;
                        }
                    }
                    default -> throw new AssertionError(src.getClass());
                }
            }
            case double[] o -> {
                switch (src) {
                    case float[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss];
                        }
                    }
                    case double[] a -> copy(a, ps, ss, o, pd, n);
                    case long[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = (double) a[ps + i * ss];
                        }
                    }
                    case boolean[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] ? 1.0 : 0.0;
                        }
                    }
                    default -> throw new AssertionError(src.getClass());
                }
            }
            case long[] o -> {
                switch (src) {
                    case float[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = (long) a[ps + i * ss];
                        }
                    }
                    case double[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = (long) a[ps + i * ss];
                        }
                    }
                    case long[] a -> copy(a, ps, ss, o, pd, n);
                    case boolean[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] ? 1L : 0L;
                        }
                    }
                    default -> throw new AssertionError(src.getClass());
                }
            }
            case boolean[] o -> {
                switch (src) {
                    case float[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] != 0;
                        }
                    }
                    case double[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] != 0;
                        }
                    }
                    case long[] a -> {
                        for (int i = 0; i < n; i++) {
                            o[pd + i] = a[ps + i * ss] != 0;
                        }
                    }
                    case boolean[] a -> copy(a, ps, ss, o, pd, n);
                    default -> throw new AssertionError(src.getClass());
                }
            }
            default -> throw new AssertionError(dst.getClass());
        }
    }

    private static void copy(Object a, int ps, int ss, Object o, int pd, int n) {
        if (ss == 1) {
            System.arraycopy(a, ps, o, pd, n);
            return;
        }
        switch (a) {
            case float[] s -> {
                float[] d = (float[]) o;
                for (int i = 0; i < n; i++) {
                    d[pd + i] = s[ps + i * ss];
                }
            }
            case double[] s -> {
                double[] d = (double[]) o;
                for (int i = 0; i < n; i++) {
                    d[pd + i] = s[ps + i * ss];
                }
            }
            case long[] s -> {
                long[] d = (long[]) o;
                for (int i = 0; i < n; i++) {
                    d[pd + i] = s[ps + i * ss];
                }
            }
            case boolean[] s -> {
                boolean[] d = (boolean[]) o;
                for (int i = 0; i < n; i++) {
                    d[pd + i] = s[ps + i * ss];
                }
            }
            default -> throw new AssertionError(a.getClass());
        }
    }
}
