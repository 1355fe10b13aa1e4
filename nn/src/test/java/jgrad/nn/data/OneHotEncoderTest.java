package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class OneHotEncoderTest {
    @Test
    void encodesTheNotesWeatherExampleInAGivenOrder() {
        OneHotEncoder e = OneHotEncoder.of("sun", "cloud", "rain", "snow");
        Tensor t = e.transform(List.of("rain", "sun", "snow"));
        assertThat(t.toFloatArray2D()).isEqualTo(new float[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
        assertThat(e.inverseTransform(t)).containsExactly("rain", "sun", "snow");
        assertThat(e.toString()).contains("sun");
    }

    @Test
    void fitSortsTheCategoriesItSees() {
        OneHotEncoder e = OneHotEncoder.fit(List.of("US", "Japan", "Europe", "US"));
        assertThat(e.categories()).containsExactly("Europe", "Japan", "US");
        assertThat(e.transform(List.of("US")).toFloatArray()).containsExactly(0, 0, 1);
    }

    @Test
    void rejectsUnknownValuesDuplicatesAndBadRows() {
        OneHotEncoder e = OneHotEncoder.of("a", "b");
        assertThatThrownBy(() -> e.transform(List.of("a", "c"))).hasMessageContaining("'c' at position 1")
                .hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> OneHotEncoder.of("a", "a")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> OneHotEncoder.of()).hasMessageContaining("no categories");
        assertThatThrownBy(() -> OneHotEncoder.fit(List.of())).hasMessageContaining("no values");
        assertThatThrownBy(() -> e.inverseTransform(Tensor.zeros(2, 3))).hasMessageContaining("[n, 2]");
    }
}
