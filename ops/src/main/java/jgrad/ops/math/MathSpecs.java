package jgrad.ops.math;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise.Comparison;

/** The test specs of this package's ops, in the order they are listed in the op registry. */
public final class MathSpecs {
    private MathSpecs() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>(List.of(
                Add.spec(), Sub.spec(), Mul.spec(), Div.spec(), Pow.spec(), Maximum.spec(), Minimum.spec()));
        for (Comparison c : Comparison.values()) {
            all.add(Compare.spec(c));
        }
        all.addAll(List.of(
                Where.spec(), Neg.spec(), Exp.spec(), Log.spec(), Log1p.spec(), Sqrt.spec(), Rsqrt.spec(),
                Square.spec(), Abs.spec(), Sign.spec(), Sin.spec(), Cos.spec(), Tanh.spec(), Sigmoid.spec(),
                Relu.spec(), Erf.spec(), Round.spec(), Clip.spec(), Cast.spec()));
        return List.copyOf(all);
    }
}
