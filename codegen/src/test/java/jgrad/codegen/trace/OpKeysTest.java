package jgrad.codegen.trace;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.ops.math.Clip;
import jgrad.ops.math.Exp;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.Test;

class OpKeysTest {
    @Test
    void recordsWithArraysCompareByContent() {
        Sum a = new Sum(new int[] {1}, true);
        Sum b = new Sum(new int[] {1}, true);
        assertThat(OpKeys.equal(a, b)).isTrue();
        assertThat(OpKeys.hash(a)).isEqualTo(OpKeys.hash(b));
        assertThat(OpKeys.equal(a, new Sum(new int[] {0}, true))).isFalse();
        assertThat(OpKeys.equal(new Exp(), new Exp())).isTrue();
        assertThat(OpKeys.equal(new Clip(0, 1), new Clip(0, 2))).isFalse();
    }

    @Test
    void describePrintsAttributes() {
        assertThat(OpKeys.describe(new Exp())).isEqualTo("exp");
        assertThat(OpKeys.describe(new Sum(new int[] {0, 1}, false))).isEqualTo("sum[axes=[0, 1], keepDims=false]");
        assertThat(OpKeys.describe(new Clip(-1, 1))).isEqualTo("clip[min=-1.0, max=1.0]");
    }
}
