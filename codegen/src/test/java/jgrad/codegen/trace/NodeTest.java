package jgrad.codegen.trace;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.Test;

class NodeTest {
    @Test
    void equalityIsStructuralAndArgsAreCopied() {
        int[] args = {0, 1};
        Node a = new Node(2, new Sum(new int[] {1}, true), args, 5);
        args[0] = 9;
        Node b = new Node(2, new Sum(new int[] {1}, true), new int[] {0, 1}, 5);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.arg(0)).isZero();
        a.args()[1] = 7;
        assertThat(a.arg(1)).isEqualTo(1);
        assertThat(a.argCount()).isEqualTo(2);
        assertThat(a).isNotEqualTo(new Node(2, new Sum(new int[] {0}, true), new int[] {0, 1}, 5));
        assertThat(a.toString()).isEqualTo("%5 = sum[axes=[1], keepDims=true](%0, %1)");
    }
}
