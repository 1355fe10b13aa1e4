package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.Normalization;

/**
 * Specs of {@link Normalization}'s functions: gradcheck and gradgradcheck in x and in the
 * parameters (and, for the inference form, in the given statistics). Attributes (the axes) travel
 * in a last, fixed int64 input.
 */
public final class NormalizationSpecs {
    private NormalizationSpecs() {}

    private static final double EPS = 1e-3;

    public static List<OpSpec> all() {
        return List.of(layerNorm(), fusedLayerNorm(), batchNorm(), batchNormTraining(), batchNormTrainingStats());
    }

    private static int[] args(List<Tensor> in) {
        return Arrays.stream(in.get(in.size() - 1).toLongArray()).mapToInt(Math::toIntExact).toArray();
    }

    private static OpSpec.Input args(int... values) {
        return OpSpec.fixed(Tensor.of(values));
    }

    /** Inputs: x, gamma, beta, args {axes...}. */
    static OpSpec layerNorm() {
        return OpSpec.builder("layer_norm", in -> Normalization.layerNorm(in.get(0), in.get(1), in.get(2), args(in), EPS))
                .sample(OpSpec.random(3, 5), OpSpec.random(5), OpSpec.random(5), args(-1))
                .sample(OpSpec.random(2, 3, 4), OpSpec.random(3, 4), OpSpec.random(3, 4), args(2, 1))
                .sample(OpSpec.random(2, 3, 4), OpSpec.random(2, 4), OpSpec.random(2, 4), args(0, -1))
                .sample(OpSpec.random(0, 4), OpSpec.random(4), OpSpec.random(4), args(1))
                .error("layerNorm: gamma has shape [4] but the normalized axes [1] of x [2, 5] need [5]",
                        Tensor.zeros(DType.FLOAT64, 2, 5), Tensor.zeros(DType.FLOAT64, 4), Tensor.zeros(DType.FLOAT64, 5),
                        Tensor.of(new int[] {1}))
                .error("layerNorm: axis 1 is given twice", Tensor.zeros(DType.FLOAT64, 2, 5),
                        Tensor.zeros(DType.FLOAT64, 5), Tensor.zeros(DType.FLOAT64, 5), Tensor.of(new int[] {1, -1}))
                .error("layerNorm: needs at least one axis", Tensor.zeros(DType.FLOAT64, 2, 5),
                        Tensor.zeros(DType.FLOAT64, 5), Tensor.zeros(DType.FLOAT64, 5), Tensor.of(new int[0]))
                .error("layerNorm: x must be float32 or float64, got int64", Tensor.zeros(DType.INT64, 2, 5),
                        Tensor.zeros(DType.FLOAT64, 5), Tensor.zeros(DType.FLOAT64, 5), Tensor.of(new int[] {1}))
                .build();
    }

    /**
     * The fused last-axis op {@link LayerNorm}: gradgradcheck differentiates {@link LayerNormGrad}'s
     * hand-written vjp. Inputs: x, gamma, beta.
     */
    static OpSpec fusedLayerNorm() {
        return OpSpec.builder("layer_norm(fused)", in -> LayerNorm.layerNorm(in.get(0), in.get(1), in.get(2), EPS))
                .sample(OpSpec.random(3, 5), OpSpec.random(5), OpSpec.random(5))
                .sample(OpSpec.random(2, 3, 4), OpSpec.random(4), OpSpec.random(4))
                .sample(OpSpec.random(6), OpSpec.random(6), OpSpec.random(6))
                .sample(OpSpec.random(0, 4), OpSpec.random(4), OpSpec.random(4))
                .error("layer_norm: gamma must be a float64 vector [5] (x's last axis, x [2, 5]), got float64 [4]",
                        Tensor.zeros(DType.FLOAT64, 2, 5), Tensor.zeros(DType.FLOAT64, 4), Tensor.zeros(DType.FLOAT64, 5))
                .error("layer_norm: beta must be a float64 vector [5]", Tensor.zeros(DType.FLOAT64, 2, 5),
                        Tensor.zeros(DType.FLOAT64, 5), Tensor.zeros(DType.FLOAT32, 5))
                .error("layer_norm: x must have an axis to normalize over, got a scalar", Tensor.scalar(1, DType.FLOAT64),
                        Tensor.zeros(DType.FLOAT64, 1), Tensor.zeros(DType.FLOAT64, 1))
                .error("layer_norm: x must be float32 or float64, got int64", Tensor.zeros(DType.INT64, 2, 5),
                        Tensor.zeros(DType.FLOAT64, 5), Tensor.zeros(DType.FLOAT64, 5))
                .build();
    }

    /** Inputs: x, mean, variance (positive), gamma, beta, args {axis}. */
    static OpSpec batchNorm() {
        return OpSpec.builder("batch_norm", in -> Normalization.batchNorm(in.get(0), in.get(1), in.get(2), in.get(3),
                in.get(4), args(in)[0], EPS))
                .sample(OpSpec.random(4, 3), OpSpec.random(3), OpSpec.random(0.5, 2, 3), OpSpec.random(3),
                        OpSpec.random(3), args(-1))
                .sample(OpSpec.random(2, 3, 2, 2), OpSpec.random(3), OpSpec.random(0.5, 2, 3), OpSpec.random(3),
                        OpSpec.random(3), args(1)) // channels-first
                .sample(OpSpec.random(0, 3), OpSpec.random(3), OpSpec.random(0.5, 2, 3), OpSpec.random(3),
                        OpSpec.random(3), args(1))
                .error("batchNorm: variance has shape [2] but feature axis 1 of x [4, 3] need [3]",
                        Tensor.zeros(DType.FLOAT64, 4, 3), Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 2),
                        Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3), Tensor.of(new int[] {-1}))
                .error("batchNorm: axis 2 is out of range for rank 2", Tensor.zeros(DType.FLOAT64, 4, 3),
                        Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3),
                        Tensor.zeros(DType.FLOAT64, 3), Tensor.of(new int[] {2}))
                .build();
    }

    /** Inputs: x, gamma, beta, args {axis}; the output. */
    static OpSpec batchNormTraining() {
        return OpSpec.builder("batch_norm_training", in -> Normalization.batchNormTraining(in.get(0), in.get(1),
                in.get(2), args(in)[0], EPS).output())
                .sample(OpSpec.random(5, 3), OpSpec.random(3), OpSpec.random(3), args(-1))
                .sample(OpSpec.random(2, 3, 2, 2), OpSpec.random(3), OpSpec.random(3), args(1))
                .sample(OpSpec.random(2, 2, 3), OpSpec.random(3), OpSpec.random(3), args(2))
                .sample(OpSpec.random(2, 0), OpSpec.random(0), OpSpec.random(0), args(1))
                .error("batchNormTraining: x [3] has no axis besides the feature axis 0",
                        Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3),
                        Tensor.of(new int[] {0}))
                .error("batchNormTraining: beta has shape [4] but feature axis 1 of x [5, 3] need [3]",
                        Tensor.zeros(DType.FLOAT64, 5, 3), Tensor.zeros(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 4),
                        Tensor.of(new int[] {1}))
                .build();
    }

    /** Inputs: x, args {axis}; the batch statistics, mean then variance, which are differentiable too. */
    static OpSpec batchNormTrainingStats() {
        return OpSpec.builder("batch_norm_training_stats", in -> {
            Normalization.BatchStats s = Normalization.batchNormTraining(in.get(0), null, null, args(in)[0], EPS);
            return Tensor.concat(List.of(s.mean(), s.variance()), 0);
        })
                .sample(OpSpec.random(5, 3), args(-1))
                .sample(OpSpec.random(2, 3, 2), args(1))
                .sample(OpSpec.random(3, 0), args(1))
                .build();
    }
}
