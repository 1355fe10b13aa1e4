package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class NodeTest {
    @Test
    void describesItselfAndItsValues() {
        Node leaf = new Node("n0", "W", Node.Kind.VARIABLE, null, null, List.of(), Tensor.of(new double[] {1, 2}), null, -1);
        assertThat(leaf.isLeaf()).isTrue();
        assertThat(leaf.hasGradient()).isFalse();
        assertThat(leaf.gradientText()).isEqualTo("-");
        assertThat(leaf.valueText()).isEqualTo("[1, 2]");
        assertThat(leaf.shape().dims()).containsExactly(2);
        assertThat(leaf.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(leaf.toString()).isEqualTo("n0 'W' = variable [2] float64");
        Node op = new Node("n2", "n2", Node.Kind.OP, "mul", null, List.of("n0", "n1"), Tensor.of(3.0),
                Tensor.of(1.0), 4);
        assertThat(op.toString()).isEqualTo("n2 = mul(n0, n1) [] float64");
        assertThat(op.gradientText()).isEqualTo("1");
        assertThat(op.withGradient(null).hasGradient()).isFalse();
        assertThat(Node.Kind.WATCHED.label()).isEqualTo("watched");
    }

    @Test
    void opNamesGoExactlyWithOpOutputs() {
        assertThatThrownBy(() -> new Node("n0", "x", Node.Kind.OP, null, null, List.of(), Tensor.of(1.0), null, 0))
                .hasMessageContaining("an op name is required exactly for op outputs");
        assertThatThrownBy(() -> new Node("n0", "x", Node.Kind.CONSTANT, "add", null, List.of(), Tensor.of(1.0), null, 0))
                .hasMessageContaining("got kind CONSTANT and op add");
        assertThatThrownBy(() -> new Node("n0", null, Node.Kind.CONSTANT, null, null, List.of(), Tensor.of(1.0), null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
