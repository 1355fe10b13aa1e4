package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class BackwardStepTest {
    @Test
    void termsKnowWhenTheyWereSummedOverBroadcastAxes() {
        BackwardStep.Term reduced = new BackwardStep.Term(1, "n3", Tensor.ones(3, 2), Tensor.of(new float[] {3, 3}),
                Tensor.of(new float[] {3, 3}), true);
        BackwardStep.Term plain = new BackwardStep.Term(0, "n1", Tensor.ones(3, 2), Tensor.ones(3, 2), Tensor.ones(3, 2),
                false);
        assertThat(reduced.reduced()).isTrue();
        assertThat(plain.reduced()).isFalse();
        BackwardStep step = new BackwardStep(1, "n4", Tensor.ones(3, 2), List.of(plain, reduced));
        assertThat(step.terms()).containsExactly(plain, reduced);
        assertThatThrownBy(() -> new BackwardStep(1, null, Tensor.ones(1), List.of())).isInstanceOf(
                NullPointerException.class);
        assertThatThrownBy(() -> new BackwardStep.Term(0, "n1", null, Tensor.ones(1), Tensor.ones(1), true))
                .isInstanceOf(NullPointerException.class);
    }
}
