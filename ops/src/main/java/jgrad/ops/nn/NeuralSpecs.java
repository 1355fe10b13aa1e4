package jgrad.ops.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * The test specs of this package's ops, in the order they are listed in the op registry: the
 * composite activations (specified here), the ops with records of their own (their {@code spec()}),
 * then the losses of {@link jgrad.ops.Losses} (see {@link LossSpecs}).
 */
public final class NeuralSpecs {
    private NeuralSpecs() {}

    public static List<OpSpec> all() {
        List<OpSpec> all = new ArrayList<>();
        all.add(leakyRelu());
        all.add(elu());
        all.add(selu());
        all.add(Softplus.spec());
        all.add(softsign());
        all.add(gelu());
        all.add(swish());
        all.add(hardSigmoid());
        all.add(Softmax.spec());
        all.add(Softmax.spec(1));
        all.add(LogSoftmax.spec());
        all.add(LogSoftmax.spec(0));
        all.add(dropout());
        all.add(OneHot.spec());
        all.addAll(Dense.specs());
        all.addAll(SoftmaxCrossEntropy.specs());
        all.addAll(SparseSoftmaxCrossEntropy.specs());
        all.addAll(ConvSpecs.all());
        all.add(ScaledDotProductAttention.spec());
        all.add(ScaledDotProductAttention.maskSpec());
        all.add(ScaledDotProductAttention.causalSpec());
        all.add(LstmSequence.spec());
        all.add(LstmSequenceGrad.spec());
        all.addAll(GruSequence.specs());
        all.addAll(GruSequenceGrad.specs());
        all.addAll(NormalizationSpecs.all());
        all.addAll(LossSpecs.all());
        return List.copyOf(all);
    }

    /** Scalar, vector, matrix and zero-size samples plus the dtype error every activation shares. */
    private static OpSpec.Builder activation(String name, UnaryOperator<Tensor> f) {
        return OpSpec.builder(name, in -> f.apply(in.get(0)))
                .shapes(new int[0])
                .shapes(new int[] {6})
                .shapes(new int[] {3, 4})
                .shapes(new int[] {0, 3})
                .error(name + ": x must be float32 or float64, got int64", Tensor.of(new long[] {1, 2}));
    }

    public static OpSpec leakyRelu() {
        return activation("leakyRelu", x -> x.leakyRelu(0.2)).build();
    }

    public static OpSpec elu() {
        return activation("elu", x -> x.elu(0.7))
                // Large positive inputs: the unused exp branch must not turn the gradient into NaN.
                .sample(OpSpec.fixed(Tensor.of(new double[] {-50, -1, 0.5, 100, 800})))
                .build();
    }

    public static OpSpec selu() {
        return activation("selu", Tensor::selu)
                .sample(OpSpec.fixed(Tensor.of(new double[] {-40, -0.5, 0.5, 800})))
                .build();
    }

    public static OpSpec softsign() {
        return activation("softsign", Tensor::softsign).domain(-5, 5).build();
    }

    public static OpSpec gelu() {
        return activation("gelu", Tensor::gelu).domain(-4, 4).build();
    }

    public static OpSpec swish() {
        return activation("swish", Tensor::swish).domain(-5, 5).build();
    }

    public static OpSpec hardSigmoid() {
        // Inputs span both clipped regions and the linear part; the kinks at +-3 are measure zero.
        return activation("hardSigmoid", Tensor::hardSigmoid).domain(-5, 5).build();
    }

    public static OpSpec dropout() {
        // A fresh generator with a fixed seed per call: the same mask every time, so the function
        // is deterministic and central differences see the same mask as the tape.
        return OpSpec.builder("dropout", in -> in.get(0).dropout(0.4, new Rng(11)))
                .shapes(new int[0])
                .shapes(new int[] {17})
                .shapes(new int[] {3, 4})
                .shapes(new int[] {0, 2})
                .error("dropout: x must be float32 or float64, got int64", Tensor.of(new long[] {1, 2}))
                .build();
    }
}
