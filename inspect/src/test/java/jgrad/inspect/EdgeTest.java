package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EdgeTest {
    @Test
    void edgesAreValuesWithAnArgumentPosition() {
        assertThat(new Edge("n0", "n2", 1)).isEqualTo(new Edge("n0", "n2", 1)).isNotEqualTo(new Edge("n0", "n2", 0));
        assertThatThrownBy(() -> new Edge("n0", "n2", -1)).hasMessageContaining("input index must be >= 0, got -1");
        assertThatThrownBy(() -> new Edge(null, "n2", 0)).isInstanceOf(NullPointerException.class);
    }
}
