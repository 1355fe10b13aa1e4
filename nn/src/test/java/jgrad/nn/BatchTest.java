package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void checksThatEveryTensorHasTheSameBatchSize() {
        Batch b = Batch.of(Tensor.ones(4, 2), Tensor.zeros(4, 1));
        assertThat(b.size()).isEqualTo(4);
        assertThat(b.x().shape().dims()).containsExactly(4, 2);
        assertThat(b.y().shape().dims()).containsExactly(4, 1);
        assertThat(Batch.of(Tensor.ones(3, 1)).targets()).isEmpty();
        assertThatThrownBy(() -> Batch.of(Tensor.ones(4, 2), Tensor.ones(3)))
                .hasMessageContaining("target 0 has 3 samples (shape [3]), input 0 has 4");
        assertThatThrownBy(() -> new Batch(List.of(Tensor.ones(2)), List.of(), Tensor.ones(2, 1)))
                .hasMessageContaining("sampleWeight must be a vector");
        assertThatThrownBy(() -> new Batch(List.of(), List.of(), null)).hasMessageContaining("at least one input");
        assertThatThrownBy(() -> Batch.of(Tensor.of(1f))).hasMessageContaining("is a scalar");
        Batch two = new Batch(List.of(Tensor.ones(2), Tensor.ones(2)), List.of(), null);
        assertThatThrownBy(two::x).hasMessageContaining("has 2 inputs");
        assertThatThrownBy(two::y).hasMessageContaining("has 0 targets");
    }
}
