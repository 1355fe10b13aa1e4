package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.ops.kernels.Elementwise.Comparison;
import jgrad.ops.math.Add;
import jgrad.ops.math.Clip;
import jgrad.ops.math.Compare;
import jgrad.ops.math.Div;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Sub;
import jgrad.ops.math.Where;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.Test;

class FusedGroupTest {
    private static FusedGroup clipped(double hi) {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int y = b.input();
        b.node(new Clip(-1, hi), b.node(new Add(), x, y));
        return b.build();
    }

    @Test
    void equalityIsStructuralIncludingAttributes() {
        assertThat(clipped(1)).isEqualTo(clipped(1)).hasSameHashCodeAs(clipped(1));
        assertThat(clipped(1)).isNotEqualTo(clipped(2));
        assertThat(clipped(1).ops()).containsExactly(new Add(), new Clip(-1, 1));
        assertThat(clipped(1).inputCount()).isEqualTo(2);
    }

    @Test
    void formulaReadsLikeTheCode() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int y = b.input();
        int z = b.input();
        // x0 - (x1 - x2) keeps its brackets, (x0 * x1) / x2 does not need them.
        int d = b.node(new Sub(), x, b.node(new Sub(), y, z));
        b.node(new Exp(), b.node(new Div(), b.node(new Mul(), d, x), z));
        FusedGroup g = b.build();
        assertThat(g.formula()).isEqualTo("exp((x0 - (x1 - x2)) * x0 / x2)");
        assertThat(g.name()).isEqualTo("fused[sub,sub,mul,div,exp]");
        assertThat(clipped(1).formula()).isEqualTo("clip(x0 + x1, min=-1.0, max=1.0)");
    }

    @Test
    void masksAreTrackedAndChecked() {
        FusedGroup.Builder b = FusedGroup.builder();
        int c = b.input();
        int x = b.input();
        int m = b.node(new Compare(Comparison.GT), x, x);
        assertThatThrownBy(() -> b.node(new Exp(), m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp needs a float value but id 2 is a bool mask");
        b.node(new Where(), c, x, x);
        FusedGroup g = b.build();
        assertThat(g.isMaskInput(0)).isTrue();
        assertThat(g.isMaskInput(1)).isFalse();
    }

    @Test
    void badGroupsAreRejectedWithReasons() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        assertThatThrownBy(() -> b.node(new Add(), x)).hasMessageContaining("add takes 2 arguments, got 1");
        assertThatThrownBy(() -> b.node(new Exp(), 5)).hasMessageContaining("argument id 5 is not an input");
        int s = b.node(new Sum(new int[0], false), x);
        assertThatThrownBy(() -> b.node(new Exp(), s)).hasMessageContaining("follows a reduction epilogue");
        assertThatThrownBy(() -> b.input()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FusedGroup.builder().build()).hasMessageContaining("at least one node");
        FusedGroup.Builder m = FusedGroup.builder();
        int y = m.input();
        m.node(new Compare(Comparison.LT), y, y);
        assertThatThrownBy(m::build).hasMessageContaining("the output is a bool mask");
    }
}
