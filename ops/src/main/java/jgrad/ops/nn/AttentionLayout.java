package jgrad.ops.nn;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.nn.AttentionKernel.Rows;

/**
 * How the fused attention reads its operands and lays out its results without copies.
 *
 * <p>A multi-head layer projects {@code [batch, length, features]} to {@code [batch, length,
 * heads, d]} and views it as {@code [batch, heads, length, d]} (a permute): each head's rows are
 * then {@code heads * d} apart, not contiguous. The kernels read such views in place ({@link
 * #rows}), and when q (or k, v) is laid out that way ("heads interleaved"), the result it
 * determines (the output for q; each gradient for its input) is written the same way and returned
 * as the same kind of view, so the layer's merge of the heads, and the projections' backward, are
 * reshapes of contiguous memory instead of transposing copies.
 */
final class AttentionLayout {
    private AttentionLayout() {}

    /** The rows of t ([..., length, features], floating): in place when its features are contiguous, else a copy's. */
    static Rows rows(Tensor t) {
        int r = t.rank();
        int[] st = t.strides();
        if (t.dim(r - 1) > 1 && st[r - 1] != 1) {
            t = t.contiguous();
            st = t.strides();
        }
        return new Rows(t.storage(), problemOffsets(t), st[r - 2]);
    }

    /** Where each problem (an index over t's axes but the last two) starts in t's storage. */
    static int[] problemOffsets(Tensor t) {
        int r = t.rank();
        int[] dims = t.shape().dims();
        int[] st = t.strides();
        int n = 1;
        for (int a = 0; a < r - 2; a++) {
            n *= dims[a];
        }
        int[] base = new int[n];
        for (int bh = 0; bh < n; bh++) {
            int rem = bh;
            int off = t.offset();
            for (int a = r - 3; a >= 0; a--) {
                off += (rem % dims[a]) * st[a];
                rem /= dims[a];
            }
            base[bh] = off;
        }
        return base;
    }

    /**
     * True for a rank-4 {@code [batch, heads, length, d]} view whose head axis steps faster than
     * its length axis, as {@code x.reshape(b, t, h, d).permute(0, 2, 1, 3)} does.
     */
    static boolean interleaved(Tensor t) {
        if (t.rank() != 4) {
            return false;
        }
        int[] st = t.strides();
        return t.dim(1) > 1 && t.dim(2) > 1 && st[1] < st[2];
    }

    /**
     * The rows of a result of shape dims (rank >= 2) stored in data from offset: row-major, or
     * for an interleaved layout as {@code [batch, length, heads, d]}.
     */
    static Rows layout(Object data, int offset, int[] dims, boolean interleaved) {
        int r = dims.length;
        int t = dims[r - 2];
        int w = dims[r - 1];
        int n = 1;
        for (int a = 0; a < r - 2; a++) {
            n *= dims[a];
        }
        int[] base = new int[n];
        if (!interleaved) {
            for (int bh = 0; bh < n; bh++) {
                base[bh] = offset + bh * t * w;
            }
            return new Rows(data, base, w);
        }
        int h = dims[1];
        for (int bh = 0; bh < n; bh++) {
            base[bh] = offset + ((bh / h) * t * h + bh % h) * w;
        }
        return new Rows(data, base, h * w);
    }

    /** A fresh zeroed result of shape dims laid out as {@link #layout} says, and its rows. */
    static Rows allocate(DType dtype, int[] dims, boolean interleaved) {
        return layout(Tensor.allocate(dtype, Shape.of(dims).size()), 0, dims, interleaved);
    }

    /** rows (from {@link #allocate}, offset 0) as a tensor of shape dims. */
    static Tensor tensor(Rows rows, int[] dims, boolean interleaved) {
        if (!interleaved) {
            return Tensor.wrap(rows.data(), Shape.of(dims));
        }
        Tensor stored = Tensor.wrap(rows.data(), Shape.of(dims[0], dims[2], dims[1], dims[3]));
        int[] st = stored.strides();
        return Tensor.view(stored, Shape.of(dims), new int[] {st[0], st[2], st[1], st[3]}, 0);
    }

    /**
     * The slice [offset, offset + size) of a packed gradient vector as a tensor shaped like like,
     * with ops (slice, reshape, permute) so that it stays differentiable; interleaved as like is.
     */
    static Tensor unpack(Tensor packed, int offset, Tensor like) {
        int[] dims = like.shape().dims();
        Tensor part = packed.slice(0, offset, offset + like.size());
        if (!interleaved(like)) {
            return part.reshape(dims);
        }
        return part.reshape(dims[0], dims[2], dims[1], dims[3]).permute(0, 2, 1, 3);
    }
}
