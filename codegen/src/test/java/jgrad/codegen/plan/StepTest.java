package jgrad.codegen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.Tensor;
import jgrad.ops.math.Exp;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.Test;

class StepTest {
    @Test
    void singleAndDetachStepsRunAndDescribeThemselves() {
        Tensor[] env = new Tensor[3];
        env[0] = Tensor.of(new float[] {0, 1});
        Step exp = new Step.Single(new Exp(), new int[] {0}, 1, 0);
        Step detach = new Step.Detach(1, 2);
        exp.run(env);
        detach.run(env);
        assertThat(env[1].toFloatArray()).containsExactly(1f, (float) Math.E);
        assertThat(env[2].storage()).isSameAs(env[1].storage());
        assertThat(Step.describe(exp)).isEqualTo("%1 = exp(%0)");
        assertThat(Step.describe(detach)).isEqualTo("%2 = stopGradient(%1)");
        assertThat(Step.describe(new Step.Single(new Sum(new int[] {0}, false), new int[] {1}, 3, 1)))
                .isEqualTo("%3 = sum[axes=[0], keepDims=false](%1)");
        assertThat(exp.nodes()).containsExactly(0);
        assertThat(detach.nodes()).isEqualTo(List.of());
        assertThat(List.of(exp.kind(), detach.kind())).containsExactly("op", "detach");
    }
}
