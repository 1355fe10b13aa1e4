package jgrad.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * The test specs of this package's ops, in the order they are listed in the op registry, plus the
 * specs of the composites stack and split.
 *
 * <p>Shape ops take integer attributes (a target shape, axes, slice bounds). So that one spec can
 * try many of them, including the bad ones of its error cases, a spec's function reads them from a
 * last, fixed int64 input of rank 1 (see {@link #args}); gradcheck leaves integer inputs alone.
 */
public final class ShapeSpecs {
    private ShapeSpecs() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>(List.of(
                Reshape.spec(),
                Permute.spec(),
                Expand.spec(),
                Squeeze.spec(),
                Unsqueeze.spec(),
                Slice.spec(),
                SliceGrad.spec(),
                Concat.spec(),
                stack(),
                split(),
                Gather.spec(),
                ScatterAdd.spec(),
                Pad.spec(),
                Contiguous.spec()));
        all.addAll(IndexSpecs.all()); // Tensor's NumPy-style indexing, composed of the ops above
        return List.copyOf(all);
    }

    /** stack = unsqueeze each input, then concat; inputs: the tensors, then args {axis}. */
    static OpSpec stack() {
        return OpSpec.builder("stack", in -> Tensor.stack(in.subList(0, in.size() - 1), last(in)[0]))
                .sample(OpSpec.random(2, 3), OpSpec.random(2, 3), args(0))
                .sample(OpSpec.random(2, 3), OpSpec.random(2, 3), OpSpec.random(2, 3), args(-1))
                .sample(OpSpec.random(), OpSpec.random(), OpSpec.random(), args(0)) // scalars stack to [3]
                .sample(OpSpec.random(0, 2), OpSpec.random(0, 2), args(1))
                .error("stack: input 1 has shape [3, 2], expected [2, 3] like input 0", Tensor.zeros(DType.FLOAT64, 2, 3),
                        Tensor.zeros(DType.FLOAT64, 3, 2), argsTensor(0))
                .error("stack: input 1 is float32, expected float64 like input 0", Tensor.zeros(DType.FLOAT64, 2),
                        Tensor.zeros(DType.FLOAT32, 2), argsTensor(0))
                .error("stack: needs at least one tensor", argsTensor(0))
                .error("stack: axis 3 is out of range", Tensor.zeros(DType.FLOAT64, 2, 3), argsTensor(3))
                .build();
    }

    /** split, checked through the concatenation of its pieces in reverse order; args {axis, sizes...}. */
    static OpSpec split() {
        return OpSpec.builder("split", in -> {
            int[] a = last(in);
            List<Tensor> pieces = new ArrayList<>(in.get(0).split(Arrays.copyOfRange(a, 1, a.length), a[0]));
            Collections.reverse(pieces);
            return Tensor.concat(pieces, a[0]);
        })
                .sample(OpSpec.random(5, 2), args(0, 2, 3))
                .sample(OpSpec.random(2, 6), args(-1, 1, 0, 5))
                .sample(OpSpec.random(0, 3), args(1, 3))
                .error("split: sizes [2, 2] add up to 4, but axis 1 of x [2, 5] has extent 5",
                        Tensor.zeros(DType.FLOAT64, 2, 5), argsTensor(1, 2, 2))
                .error("split: sizes [-1, 6] hold a negative size", Tensor.zeros(DType.FLOAT64, 5), argsTensor(0, -1, 6))
                .error("split: needs at least one size", Tensor.zeros(DType.FLOAT64, 5), argsTensor(0))
                .build();
    }

    /** A fixed int64 vector of attributes for a spec function. */
    static OpSpec.Input args(int... values) {
        return OpSpec.fixed(argsTensor(values));
    }

    static Tensor argsTensor(int... values) {
        return Tensor.of(values);
    }

    /** The attributes a spec function reads from its last input. */
    static int[] last(List<Tensor> in) {
        long[] v = in.get(in.size() - 1).toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }

    /** The first input of a spec function. */
    static Tensor x(List<Tensor> in) {
        return in.get(0);
    }
}
