package jgrad.ops.shape;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Specs of Tensor's NumPy-style indexing ({@code get}, {@code at}, {@code index}/{@code slice(String)},
 * {@code mask}, {@code withSlice}, {@code withMask}). They are compositions of this package's ops,
 * so the specs check that the compositions are recorded on tapes and differentiate to second
 * order. A spec's index text travels in its last, fixed int64 input as code points.
 */
public final class IndexSpecs {
    private IndexSpecs() {}

    public static List<OpSpec> all() {
        return List.of(get(), at(), index(), mask(), withSlice(), withMask());
    }

    /** {@code x.get(i)}; args {i}. */
    static OpSpec get() {
        return OpSpec.builder("index_get", in -> ShapeSpecs.x(in).get(ShapeSpecs.last(in)[0]))
                .sample(OpSpec.random(4, 3), ShapeSpecs.args(2))
                .sample(OpSpec.random(4), ShapeSpecs.args(-1)) // a scalar
                .sample(OpSpec.random(2, 0), ShapeSpecs.args(1))
                .error(IndexOutOfBoundsException.class, "get: index 3 is out of range for axis 0 with extent 3",
                        Tensor.zeros(DType.FLOAT64, 3, 2), ShapeSpecs.argsTensor(3))
                .error(IndexOutOfBoundsException.class, "get: index -4 is out of range for axis 0 with extent 3"
                        + " (valid: -3 to 2), in x[-4] on a tensor of shape [3, 2]", Tensor.zeros(DType.FLOAT64, 3, 2),
                        ShapeSpecs.argsTensor(-4))
                .error("get: x is a scalar", Tensor.zeros(DType.FLOAT64), ShapeSpecs.argsTensor(0))
                .build();
    }

    /** {@code x.at(i, j, ...)}; args {i, j, ...}. */
    static OpSpec at() {
        return OpSpec.builder("index_at", in -> ShapeSpecs.x(in).at(ShapeSpecs.last(in)))
                .sample(OpSpec.random(3, 4), ShapeSpecs.args(1, -1)) // a scalar
                .sample(OpSpec.random(2, 3, 4), ShapeSpecs.args(1, 2))
                .sample(OpSpec.random(2, 0, 3), ShapeSpecs.args(-2))
                .error(IndexOutOfBoundsException.class, "at: index 4 is out of range for axis 1 with extent 4",
                        Tensor.zeros(DType.FLOAT64, 3, 4), ShapeSpecs.argsTensor(0, 4))
                .error("at: too many indices: 3 for a tensor of rank 2", Tensor.zeros(DType.FLOAT64, 3, 4),
                        ShapeSpecs.argsTensor(0, 0, 0))
                .build();
    }

    /** {@code x.slice(text)}, which is {@code x.index(Index.parse(text))}. */
    static OpSpec index() {
        return OpSpec.builder("index_slice", in -> ShapeSpecs.x(in).slice(text(in)))
                .sample(OpSpec.random(4, 5), text(":, 1:3"))
                .sample(OpSpec.random(4, 5), text("-1"))
                .sample(OpSpec.random(2, 3, 4), text("..., ::-2"))
                .sample(OpSpec.random(3, 4), text("1, None, 1:"))
                .sample(OpSpec.random(4, 5), text("::2, -2:0:-1"))
                .sample(OpSpec.random(4, 5), text("-100:100, 3:1")) // clamped bounds, an empty axis
                .sample(OpSpec.random(3), text("None, ..."))
                .sample(OpSpec.random(0, 3), text(":, 1"))
                .error(IndexOutOfBoundsException.class, "slice: index 5 is out of range for axis 1 with extent 3"
                        + " (valid: -3 to 2), in x[0, 5] on a tensor of shape [2, 3]", Tensor.zeros(DType.FLOAT64, 2, 3),
                        textTensor("0, 5"))
                .error("slice: too many indices: 3 for a tensor of rank 2", Tensor.zeros(DType.FLOAT64, 2, 3),
                        textTensor("0, :, 0"))
                .error("slice: an index can only have a single ellipsis", Tensor.zeros(DType.FLOAT64, 2, 3),
                        textTensor("..., 0, ..."))
                .error("index: cannot read item 1 '1:a' of \"0, 1:a\"", Tensor.zeros(DType.FLOAT64, 2, 3),
                        textTensor("0, 1:a"))
                .error("index: slice step must not be 0", Tensor.zeros(DType.FLOAT64, 2, 3), textTensor("::0"))
                .build();
    }

    /** {@code x.mask(m)}; inputs x and a bool mask. */
    static OpSpec mask() {
        Tensor rows = Tensor.of(new boolean[] {true, false, true, true});
        Tensor cells = Tensor.fromFlat(new boolean[] {true, false, false, true, true, false}, 2, 3);
        return OpSpec.builder("index_mask", in -> in.get(0).mask(in.get(1)))
                .sample(OpSpec.random(4, 3), OpSpec.fixed(rows)) // [3, 3]
                .sample(OpSpec.random(2, 3), OpSpec.fixed(cells)) // 1-D, as NumPy
                .sample(OpSpec.random(0, 3), OpSpec.fixed(Tensor.of(new boolean[0])))
                .error("mask: the mask must be bool, got float64 [4]", Tensor.zeros(DType.FLOAT64, 4, 3),
                        Tensor.zeros(DType.FLOAT64, 4))
                .error("mask: a mask of shape [3] does not match the leading axes of x [4, 3]",
                        Tensor.zeros(DType.FLOAT64, 4, 3), Tensor.of(new boolean[3]))
                .build();
    }

    /** {@code x.withSlice(text, value)}; inputs x, value, text. */
    static OpSpec withSlice() {
        return OpSpec.builder("index_with_slice", in -> ShapeSpecs.x(in).withSlice(text(in), in.get(1)))
                .sample(OpSpec.random(4, 5), OpSpec.random(4, 2), text(":, 1:3"))
                .sample(OpSpec.random(4, 5), OpSpec.random(), text("-1, ::2")) // a broadcast scalar
                .sample(OpSpec.random(3, 4), OpSpec.random(2), text("1:, -1"))
                .sample(OpSpec.random(2, 3, 4), OpSpec.random(4), text("..., 0, :"))
                .sample(OpSpec.random(4, 5), OpSpec.random(2, 1, 3), text("::-2, None, 3:0:-1"))
                .sample(OpSpec.random(3, 2), OpSpec.random(3, 2), text(":"))
                .sample(OpSpec.random(0, 3), OpSpec.random(), text(":, 1"))
                .error("withSlice: a value of shape [3] cannot be broadcast to x[:, 1:3], which has shape [4, 2]"
                        + " (x has shape [4, 5])", Tensor.zeros(DType.FLOAT64, 4, 5), Tensor.zeros(DType.FLOAT64, 3),
                        textTensor(":, 1:3"))
                .error("withSlice: value is float32 [] but x is float64", Tensor.zeros(DType.FLOAT64, 4, 5),
                        Tensor.of(1f), textTensor("0"))
                .error(IndexOutOfBoundsException.class, "withSlice: index -6 is out of range for axis 1 with extent 5",
                        Tensor.zeros(DType.FLOAT64, 4, 5), Tensor.zeros(DType.FLOAT64), textTensor(":, -6"))
                .build();
    }

    /** {@code x.withMask(m, value)}; inputs x, a bool mask, value. */
    static OpSpec withMask() {
        Tensor rows = Tensor.of(new boolean[] {true, false, true, true});
        Tensor cells = Tensor.fromFlat(new boolean[] {true, false, false, true, true, false}, 2, 3);
        return OpSpec.builder("index_with_mask", in -> in.get(0).withMask(in.get(1), in.get(2)))
                .sample(OpSpec.random(4, 3), OpSpec.fixed(rows), OpSpec.random(3))
                .sample(OpSpec.random(2, 3), OpSpec.fixed(cells), OpSpec.random())
                .sample(OpSpec.random(0, 3), OpSpec.fixed(Tensor.of(new boolean[0])), OpSpec.random(3))
                .error("withMask: a value of shape [2] cannot be broadcast to x[mask], which has shape [3]",
                        Tensor.zeros(DType.FLOAT64, 4, 3), rows, Tensor.zeros(DType.FLOAT64, 2))
                .error("withMask: the mask must be bool, got int64 [4]", Tensor.zeros(DType.FLOAT64, 4, 3),
                        Tensor.of(new long[4]), Tensor.zeros(DType.FLOAT64))
                .build();
    }

    /** Index text as a fixed int64 input of code points. */
    static OpSpec.Input text(String s) {
        return OpSpec.fixed(textTensor(s));
    }

    static Tensor textTensor(String s) {
        return Tensor.of(s.codePoints().toArray());
    }

    /** The index text a spec function reads from its last input. */
    static String text(List<Tensor> in) {
        int[] codes = ShapeSpecs.last(in);
        return new String(codes, 0, codes.length);
    }
}
