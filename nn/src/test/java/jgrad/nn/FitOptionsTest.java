package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class FitOptionsTest {
    @Test
    void kerasDefaultsAndValidation() {
        FitOptions d = FitOptions.defaults();
        assertThat(d.epochs()).isEqualTo(1);
        assertThat(d.batchSize()).isEqualTo(32);
        assertThat(d.shuffle()).isTrue();
        assertThat(d.verbose()).isEqualTo(1);
        assertThat(d.seed()).isNull();
        assertThat(d.out()).isSameAs(System.out);
        FitOptions o = FitOptions.builder().epochs(5).batchSize(8).seed(3).validationSplit(0.2).build();
        FitOptions copy = o.toBuilder().epochs(6).build();
        assertThat(copy.epochs()).isEqualTo(6);
        assertThat(copy.batchSize()).isEqualTo(8);
        assertThat(copy.seed()).isEqualTo(3L);
        assertThatThrownBy(() -> FitOptions.builder().batchSize(0).build()).hasMessageContaining("batchSize must be > 0");
        assertThatThrownBy(() -> FitOptions.builder().validationSplit(1).build())
                .hasMessageContaining("validationSplit must be in [0, 1)");
        assertThatThrownBy(() -> FitOptions.builder().validationSplit(0.1).validationData(Tensor.ones(1, 1),
                Tensor.ones(1, 1)).build()).hasMessageContaining("not both");
        assertThatThrownBy(() -> FitOptions.builder().verbose(3).build()).hasMessageContaining("verbose must be 0, 1 or 2");
        assertThatThrownBy(() -> FitOptions.builder().epochs(2).initialEpoch(3).build())
                .hasMessageContaining("initialEpoch");
        assertThatThrownBy(() -> FitOptions.builder().classWeight(Map.of(0, -1.0)).build())
                .hasMessageContaining("classWeight");
    }
}
