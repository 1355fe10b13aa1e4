package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTest {
    @Test
    void membersAreCopied() {
        List<String> ids = new ArrayList<>(List.of("n1", "n2"));
        Cluster c = new Cluster("c0", "fused", ids);
        ids.add("n3");
        assertThat(c.nodeIds()).containsExactly("n1", "n2");
        assertThatThrownBy(() -> c.nodeIds().add("n4")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Cluster("c0", null, List.of())).isInstanceOf(NullPointerException.class);
    }
}
