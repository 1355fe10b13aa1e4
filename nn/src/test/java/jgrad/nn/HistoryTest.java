package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void collectsSeriesPerEpoch() {
        History h = new History();
        h.onEpochEnd(0, Map.of("loss", 1.0));
        h.onEpochEnd(1, Map.of("loss", 0.5, "val_loss", 0.7));
        assertThat(h.epochs()).containsExactly(0, 1);
        assertThat(h.get("loss")).containsExactly(1.0, 0.5);
        assertThat(h.get("val_loss").get(0)).isNaN();
        assertThat(h.last("val_loss")).isEqualTo(0.7);
        assertThat(h.keys()).containsExactly("loss", "val_loss");
        assertThat(h.has("accuracy")).isFalse();
        assertThat(h.history()).containsKeys("loss", "val_loss");
        assertThat(h.toString()).isEqualTo("History(2 epochs, loss=0.5000, val_loss=0.7000)");
        assertThatThrownBy(() -> h.get("acc")).hasMessageContaining("no 'acc'; it has [loss, val_loss]");
        assertThatThrownBy(() -> new History().last("loss")).hasMessageContaining("no 'loss'");
    }
}
