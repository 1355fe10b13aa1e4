package jgrad.ops.shape;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.StridedCopyKernel;

/**
 * A row-major copy of x, or x itself when it already is row-major (the engine then records a new
 * tensor sharing its storage). Values are unchanged, so the gradient passes through.
 */
public record Contiguous() implements Op {
    @Override
    public String name() {
        return "contiguous";
    }

    @Override
    public Tensor forward(Tensor... in) {
        Tensor x = in[0];
        return x.isContiguous() ? x : StridedCopyKernel.contiguous(x);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {b.grad()};
    }

    /**
     * Transposes first, so that rank >= 2 samples exercise the copy and the others the
     * already-contiguous path.
     */
    public static OpSpec spec() {
        return OpSpec.builder("contiguous", in -> in.get(0).transpose().contiguous())
                .shapes(new int[] {2, 3})
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {5})
                .shapes(new int[] {})
                .shapes(new int[] {0, 3})
                .build();
    }
}
