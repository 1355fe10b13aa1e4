package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Gemm;

/**
 * Matrix product with NumPy matmul rules ({@code x.matmul(y, transposeX, transposeY)}): the last
 * two axes multiply, leading (batch) axes broadcast ({@code [2,1,3,4] @ [5,4,6] -> [2,5,3,6]}), a
 * 1-D x is a row and a 1-D y a column, their added axis dropped from the result (vector @ vector
 * is a scalar). The transpose flags swap an operand's last two axes, read in place; they do
 * nothing to 1-D operands. Gradient: {@code dx = g @ y^T}, {@code dy = x^T @ g}, written as matmuls
 * with transpose flags; the engine sums broadcast batch axes away.
 */
public record MatMul(boolean transposeA, boolean transposeB) implements Op {
    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor a = inputs[0];
        Tensor b = inputs[1];
        Shape out = outputShape(a, b, transposeA, transposeB);
        Tensor a2 = a;
        Tensor b2 = b;
        if (a.rank() == 1) {
            a2 = Tensor.view(a, Shape.of(1, a.dim(0)), new int[] {0, a.strides()[0]}, a.offset());
        }
        if (b.rank() == 1) {
            b2 = Tensor.view(b, Shape.of(b.dim(0), 1), new int[] {b.strides()[0], 0}, b.offset());
        }
        Tensor r = Gemm.matmul(a2, b2, a.rank() > 1 && transposeA, b.rank() > 1 && transposeB);
        return a.rank() == 1 || b.rank() == 1 ? Tensor.wrap(r.storage(), out) : r;
    }

    @Override
    public Tensor[] vjp(Backward bw) {
        Tensor a = bw.input(0);
        Tensor b = bw.input(1);
        boolean vecA = a.rank() == 1;
        boolean vecB = b.rank() == 1;
        boolean ta = !vecA && transposeA;
        boolean tb = !vecB && transposeB;
        Tensor a2 = vecA ? a.reshape(1, a.dim(0)) : a;
        Tensor b2 = vecB ? b.reshape(b.dim(0), 1) : b;
        Tensor g = bw.grad();
        if (vecA || vecB) {
            // Put back the axes the 1-D promotion dropped from the result: [..., M, N].
            int[] gs = g.shape().dims();
            int[] g2 = Arrays.copyOf(gs, gs.length + (vecA ? 1 : 0) + (vecB ? 1 : 0));
            if (vecA && vecB) {
                g2[0] = 1;
                g2[1] = 1;
            } else if (vecA) {
                g2[gs.length - 1] = 1;
                g2[gs.length] = gs[gs.length - 1];
            } else {
                g2[gs.length] = 1;
            }
            g = g.reshape(g2);
        }
        Tensor da = null;
        Tensor db = null;
        if (bw.needsGrad(0)) {
            // op(A) = M x K: dOp(A) = g @ op(B)^T; if A is stored transposed, dA = op(B) @ g^T.
            da = ta ? b2.matmul(g, tb, true) : g.matmul(b2, false, !tb);
            if (vecA && da.rank() == 2) {
                da = da.reshape(a.dim(0));
            }
        }
        if (bw.needsGrad(1)) {
            db = tb ? g.matmul(a2, true, ta) : a2.matmul(g, !ta, false);
            if (vecB) {
                int[] ds = db.shape().dims();
                db = db.reshape(Arrays.copyOf(ds, ds.length - 1));
            }
        }
        return new Tensor[] {da, db};
    }

    /** The result's shape, or an IllegalArgumentException naming both operands' shapes. */
    static Shape outputShape(Tensor x, Tensor y, boolean tx, boolean ty) {
        Shape xs = x.shape();
        Shape ys = y.shape();
        if (x.rank() == 0 || y.rank() == 0) {
            throw new IllegalArgumentException("matmul: x " + xs + " and y " + ys + " do not fit: "
                    + (x.rank() == 0 ? "x" : "y") + " is a scalar, and matmul needs at least one axis on each"
                    + " operand (use mul to scale by a scalar)");
        }
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException("matmul: x " + x.dtype() + " " + xs + " and y " + y.dtype() + " " + ys
                    + " have different dtypes; cast one of them");
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("matmul: x " + xs + " and y " + ys + " are " + x.dtype()
                    + "; matmul needs float32 or float64");
        }
        int[] a = xs.dims();
        int[] b = ys.dims();
        int ra = a.length;
        int rb = b.length;
        boolean ta = ra > 1 && tx;
        boolean tb = rb > 1 && ty;
        int m = ra == 1 ? 1 : ta ? a[ra - 1] : a[ra - 2];
        int k = ra == 1 ? a[0] : ta ? a[ra - 2] : a[ra - 1];
        int kb = rb == 1 ? b[0] : tb ? b[rb - 1] : b[rb - 2];
        int n = rb == 1 ? 1 : tb ? b[rb - 2] : b[rb - 1];
        if (k != kb) {
            String xAxis = ra == 1 ? "x's only axis" : ta ? "x's second-to-last axis" : "x's last axis";
            String yAxis = rb == 1 ? "y's only axis" : tb ? "y's last axis" : "y's second-to-last";
            String flags = ta && tb ? " (both transposed)" : ta ? " (x transposed)" : tb ? " (y transposed)" : "";
            throw new IllegalArgumentException("matmul: x " + xs + " and y " + ys + " do not fit: " + xAxis + " (" + k
                    + ") must equal " + yAxis + " (" + kb + ")" + flags);
        }
        int[] ba = ra > 2 ? Arrays.copyOf(a, ra - 2) : new int[0];
        int[] bb = rb > 2 ? Arrays.copyOf(b, rb - 2) : new int[0];
        int br = Math.max(ba.length, bb.length);
        int[] out = new int[br + (ra > 1 ? 1 : 0) + (rb > 1 ? 1 : 0)];
        for (int i = 0; i < br; i++) {
            int da = i < br - ba.length ? 1 : ba[i - (br - ba.length)];
            int db = i < br - bb.length ? 1 : bb[i - (br - bb.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("matmul: x " + xs + " and y " + ys + " do not fit: batch axes "
                        + Arrays.toString(ba) + " and " + Arrays.toString(bb) + " do not broadcast (" + da + " vs "
                        + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        int j = br;
        if (ra > 1) {
            out[j++] = m;
        }
        if (rb > 1) {
            out[j] = n;
        }
        return Shape.of(out);
    }

    public static OpSpec spec() {
        return OpSpec.builder("matmul", in -> in.get(0).matmul(in.get(1)))
                .shapes(new int[] {2, 3}, new int[] {3, 4})
                .shapes(new int[] {3}, new int[] {3})             // vector @ vector: a scalar
                .shapes(new int[] {3}, new int[] {3, 2})          // vector @ matrix
                .shapes(new int[] {2, 3}, new int[] {3})          // matrix @ vector
                .shapes(new int[] {2, 1, 2, 3}, new int[] {3, 3, 2}) // batch axes broadcast
                .shapes(new int[] {2, 2, 3}, new int[] {3})       // batched matrix @ vector
                .shapes(new int[] {4}, new int[] {2, 4, 3})       // vector @ batched matrix
                .shapes(new int[] {0, 3}, new int[] {3, 2})       // zero-size
                .shapes(new int[] {2, 0}, new int[] {0, 3})       // empty inner axis: zeros
                .error("matmul: x [2, 3] and y [4, 5] do not fit: x's last axis (3) must equal y's second-to-last (4)",
                        Tensor.zeros(2, 3), Tensor.zeros(4, 5))
                .error("matmul: x [3] and y [4] do not fit: x's only axis (3) must equal y's only axis (4)",
                        Tensor.zeros(3), Tensor.zeros(4))
                .error("matmul: x [] and y [3] do not fit: x is a scalar", Tensor.zeros(), Tensor.zeros(3))
                .error("matmul: x [2, 2, 3] and y [3, 3, 4] do not fit: batch axes [2] and [3] do not broadcast",
                        Tensor.zeros(2, 2, 3), Tensor.zeros(3, 3, 4))
                .error("have different dtypes", Tensor.zeros(2, 2), Tensor.zeros(jgrad.core.DType.FLOAT64, 2, 2))
                .error("matmul needs float32 or float64", Tensor.of(new long[][] {{1}}), Tensor.of(new long[][] {{1}}))
                .build();
    }

    /** The three transposed variants: x^T @ y, x @ y^T, x^T @ y^T, batched and broadcast too. */
    public static List<OpSpec> transposedSpecs() {
        OpSpec ta = OpSpec.builder("matmul(transposeA)", in -> in.get(0).matmul(in.get(1), true, false))
                .shapes(new int[] {3, 2}, new int[] {3, 4})
                .shapes(new int[] {2, 3, 2}, new int[] {1, 3, 4})
                .shapes(new int[] {3}, new int[] {3, 2})
                .error("matmul: x [3, 2] and y [2, 5] do not fit: x's second-to-last axis (3) must equal y's"
                        + " second-to-last (2) (x transposed)", Tensor.zeros(3, 2), Tensor.zeros(2, 5))
                .build();
        OpSpec tb = OpSpec.builder("matmul(transposeB)", in -> in.get(0).matmul(in.get(1), false, true))
                .shapes(new int[] {2, 3}, new int[] {4, 3})
                .shapes(new int[] {2, 2, 3}, new int[] {4, 3})
                .shapes(new int[] {2, 3}, new int[] {3})
                .error("matmul: x [2, 3] and y [3, 4] do not fit: x's last axis (3) must equal y's last axis (4)"
                        + " (y transposed)", Tensor.zeros(2, 3), Tensor.zeros(3, 4))
                .build();
        OpSpec tab = OpSpec.builder("matmul(transposeA,transposeB)", in -> in.get(0).matmul(in.get(1), true, true))
                .shapes(new int[] {3, 2}, new int[] {4, 3})
                .shapes(new int[] {1, 3, 2}, new int[] {2, 4, 3})
                .build();
        return List.of(ta, tb, tab);
    }
}
