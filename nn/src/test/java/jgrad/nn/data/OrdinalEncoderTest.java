package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrdinalEncoderTest {
    @Test
    void encodesTheNotesAgeGroupsAsRanksAndThermometerCodes() {
        OrdinalEncoder e = OrdinalEncoder.of("grp0", "grp1", "grp2", "grp3");
        List<String> v = List.of("grp0", "grp1", "grp2", "grp3");
        assertThat(e.transform(v).toLongArray()).containsExactly(0, 1, 2, 3);
        assertThat(e.thermometer(v).toFloatArray2D())
                .isEqualTo(new float[][] {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 1, 1}});
        assertThat(e.toString()).isEqualTo("OrdinalEncoder(grp0 < grp1 < grp2 < grp3)");
    }

    @Test
    void fitOrdersBySortingAndUnknownsFail() {
        OrdinalEncoder e = OrdinalEncoder.fit(List.of("b", "a", "c", "a"));
        assertThat(e.categories()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> e.transform(List.of("d"))).hasMessageContaining("'d' at position 0");
        assertThatThrownBy(() -> OrdinalEncoder.of("x")).hasMessageContaining("at least two");
        assertThatThrownBy(() -> OrdinalEncoder.of("x", "x")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> OrdinalEncoder.fit(List.of())).hasMessageContaining("no values");
    }
}
