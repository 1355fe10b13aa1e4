package jgrad.ops.reduce;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * The test specs of this package's ops, in the order they are listed in the op registry; the
 * composites (mean, variance, std, logSumExp) have theirs here.
 */
public final class ReduceSpecs {
    private ReduceSpecs() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>();
        all.addAll(Sum.specs());
        all.addAll(mean());
        all.addAll(Max.specs());
        all.addAll(Min.specs());
        all.addAll(Prod.specs());
        all.addAll(variance());
        all.addAll(std());
        all.addAll(logSumExp());
        all.add(ArgMax.spec());
        all.add(ArgMin.spec());
        all.add(MatMul.spec());
        all.addAll(MatMul.transposedSpecs());
        return List.copyOf(all);
    }

    static List<OpSpec> mean() {
        OpSpec all = OpSpec.builder("mean", in -> in.get(0).mean())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                .error("mean: x is int64", Tensor.of(new long[] {1, 2}))
                .build();
        OpSpec axis = OpSpec.builder("mean(axes=[-1,0],keepDims)", in -> in.get(0).mean(new int[] {-1, 0}, true))
                .shapes(new int[] {3, 4})
                .shapes(new int[] {2, 3, 4})
                .shapes(new int[] {0, 2, 3})
                .error("mean: axis 0 is repeated in axes [-1, 0] for shape [4]", Tensor.zeros(4))
                .error("mean: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        OpSpec lastAxis = OpSpec.builder("mean(axis=1)", in -> in.get(0).mean(1))
                .shapes(new int[] {2, 3})
                .shapes(new int[] {0, 3})
                .error("mean: axis 1 is out of range for shape [2] (valid: -1 to 0)", Tensor.zeros(2))
                .build();
        return List.of(all, axis, lastAxis);
    }

    static List<OpSpec> variance() {
        OpSpec all = OpSpec.builder("variance", in -> in.get(0).variance())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                .error("variance: x is int64", Tensor.of(new long[] {1, 2}))
                .build();
        OpSpec axis = OpSpec.builder("variance(axis=-1,keepDims)", in -> in.get(0).variance(new int[] {-1}, true))
                .shapes(new int[] {3, 4})
                .shapes(new int[] {2, 3, 2})
                .shapes(new int[] {0, 3})
                .error("variance: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        return List.of(all, axis);
    }

    /** No scalar sample: the std of one element is 0, where sqrt has no derivative. */
    static List<OpSpec> std() {
        OpSpec all = OpSpec.builder("std", in -> in.get(0).std())
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                .error("std: x is int64", Tensor.of(new long[] {1, 2}))
                .build();
        OpSpec axis = OpSpec.builder("std(axes=[0],keepDims)", in -> in.get(0).std(new int[] {0}, true))
                .shapes(new int[] {3, 4})
                .shapes(new int[] {4, 0})
                .error("std: axis 0 is out of range for shape []", Tensor.zeros())
                .build();
        return List.of(all, axis);
    }

    static List<OpSpec> logSumExp() {
        OpSpec all = OpSpec.builder("logSumExp", in -> in.get(0).logSumExp())
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3, 4})
                // Large values: exp alone would overflow, the max shift keeps it finite.
                .sample(OpSpec.fixed(Tensor.of(new double[] {1000, 999.5, -1000})))
                .error("logSumExp: x is int64", Tensor.of(new long[] {1, 2}))
                .build();
        OpSpec axis = OpSpec.builder("logSumExp(axis=-1)", in -> in.get(0).logSumExp(new int[] {-1}, false))
                .shapes(new int[] {3, 4})
                .shapes(new int[] {2, 3, 1})
                .shapes(new int[] {0, 3})
                .sample(OpSpec.fixed(Tensor.full(DType.FLOAT64, 800, 2, 3)))
                .error("logSumExp: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        OpSpec keep = OpSpec.builder("logSumExp(axes=[0,2],keepDims)",
                        in -> in.get(0).logSumExp(new int[] {0, 2}, true))
                .shapes(new int[] {2, 3, 4})
                .error("logSumExp: axis 2 is out of range for shape [2, 3]", Tensor.zeros(2, 3))
                .build();
        return List.of(all, axis, keep);
    }
}
