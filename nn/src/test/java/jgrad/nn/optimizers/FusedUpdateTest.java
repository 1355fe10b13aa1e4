package jgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * The fused float32 updates (Adam, AdamW, SGD through jgrad.ops.kernels.OptimizerKernels; Adagrad and
 * RMSprop as scalar loops on the float storage) give the
 * same bits as the rule on double copies. The copying path is forced with a clip value no gradient
 * reaches: clipping by it changes nothing, but clipped steps always take the copying path.
 */
class FusedUpdateTest {
    private static final int[] SIZES = {1, 7, 37, 1031};

    @Test
    void adamFusedStepsMatchTheCopyingRuleBitForBit() {
        sameBits(() -> new Adam(1e-3));
        sameBits(() -> new Adam(3e-2).amsgrad(true).beta1(0.8).epsilon(1e-5));
        sameBits(() -> new AdamW(1e-2, 0.05));
    }

    @Test
    void sgdFusedStepsMatchTheCopyingRuleBitForBit() {
        sameBits(() -> new SGD(0.1));
        sameBits(() -> new SGD(0.05).momentum(0.9));
        sameBits(() -> new SGD(0.05).momentum(0.9).nesterov(true));
        sameBits(() -> new SGD(0.1).momentum(0.5).weightDecay(0.01));
    }

    @Test
    void adagradAndRmspropFusedStepsMatchTheCopyingRuleBitForBit() {
        sameBits(() -> new Adagrad(0.05));
        sameBits(() -> new RMSprop(1e-2));
        sameBits(() -> new RMSprop(1e-2).momentum(0.9));
        sameBits(() -> new RMSprop(1e-2).centered(true).weightDecay(0.01));
    }

    @Test
    void earlierReadValuesKeepTheirValuesAfterAFusedStep() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2, 3}), "w");
        Tensor before = w.value();
        int version = w.version();
        new Adam(0.5).apply(List.of(Tensor.of(new float[] {1, 1, 1})), List.of(w));
        assertThat(before.toFloatArray()).containsExactly(1, 2, 3);
        assertThat(w.getDouble(0)).isLessThan(1);
        assertThat(w.version()).isEqualTo(version + 1);
    }

    private static void sameBits(Supplier<Optimizer> make) {
        for (int size : SIZES) {
            Rng rng = new Rng(size);
            Tensor init = Tensor.randomNormal(rng, 0, 1, size);
            Variable fused = Variable.of(init, "w");
            Variable copied = Variable.of(init, "w");
            Optimizer a = make.get();
            Optimizer b = make.get().clipValue(Float.MAX_VALUE);
            for (int step = 0; step < 6; step++) {
                // Odd steps give a gradient that is a strided view (read through toFloatArray).
                Tensor g = step % 2 == 0 ? Tensor.randomNormal(rng, 0, 2, size)
                        : Tensor.randomNormal(rng, 0, 2, size, 2).slice(1, 0, 1).reshape(size);
                a.apply(List.of(g), List.of(fused));
                b.apply(List.of(g), List.of(copied));
                assertThat(bits(fused)).as("%s, size %d, step %d", a, size, step).containsExactly(bits(copied));
            }
            Map<String, Tensor> sa = a.state(List.of(fused));
            Map<String, Tensor> sb = b.state(List.of(copied));
            assertThat(sa.keySet()).isEqualTo(sb.keySet());
            for (String key : sa.keySet()) {
                assertThat(sa.get(key).toDoubleArray()).as(key).containsExactly(sb.get(key).toDoubleArray());
            }
            assertThat(fused.toFloatArray()).isNotEqualTo(init.toFloatArray());
        }
    }

    private static int[] bits(Variable v) {
        float[] f = v.toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }
}
