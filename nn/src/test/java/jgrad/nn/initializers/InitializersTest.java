package jgrad.nn.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class InitializersTest {
    static double std(Tensor t) {
        return t.cast(DType.FLOAT64).std().item();
    }

    @Test
    void constants() {
        assertThat(Initializers.zeros().apply(Shape.of(2, 2), DType.FLOAT32).toFloatArray()).containsOnly(0f);
        assertThat(Initializers.ones().apply(Shape.of(3), DType.FLOAT64).toDoubleArray()).containsOnly(1.0);
        assertThat(Initializers.constant(0.5).apply(Shape.of(1), DType.FLOAT32).item()).isEqualTo(0.5);
        assertThat(Initializers.constant(0.5).config()).containsEntry("value", 0.5);
    }

    @Test
    void fansAsKeras() {
        assertThat(Initializers.fans(Shape.of(13, 64))).containsExactly(13, 64);
        assertThat(Initializers.fans(Shape.of(5, 5, 1, 6))).containsExactly(25, 150);
        assertThat(Initializers.fans(Shape.of(7))).containsExactly(7, 7);
        assertThat(Initializers.fans(Shape.scalar())).containsExactly(1, 1);
    }

    @Test
    void varianceScalingFamiliesHaveTheirStatistics() {
        Shape s = Shape.of(400, 300);
        Tensor gu = Initializers.glorotUniform(1L).apply(s, DType.FLOAT32);
        double limit = Math.sqrt(6.0 / 700);
        assertThat(gu.abs().max().item()).isLessThanOrEqualTo(limit);
        assertThat(std(gu)).isEqualTo(limit / Math.sqrt(3), within(0.002));
        assertThat(std(Initializers.glorotNormal(2L).apply(s, DType.FLOAT32))).isEqualTo(Math.sqrt(2.0 / 700),
                within(0.002));
        assertThat(std(Initializers.heNormal(3L).apply(s, DType.FLOAT32))).isEqualTo(Math.sqrt(2.0 / 400), within(0.002));
        assertThat(std(Initializers.heUniform(4L).apply(s, DType.FLOAT32))).isEqualTo(Math.sqrt(2.0 / 400), within(0.002));
        assertThat(std(Initializers.lecunNormal(5L).apply(s, DType.FLOAT32))).isEqualTo(Math.sqrt(1.0 / 400),
                within(0.002));
        assertThat(std(Initializers.lecunUniform(6L).apply(s, DType.FLOAT32))).isEqualTo(Math.sqrt(1.0 / 400),
                within(0.002));
        Tensor tn = Initializers.heNormal(7L).apply(s, DType.FLOAT64);
        double sd = Math.sqrt(2.0 / 400) / 0.87962566103423978;
        assertThat(tn.abs().max().item()).isLessThanOrEqualTo(2 * sd + 1e-12);
    }

    @Test
    void randomFamilies() {
        Tensor n = Initializers.randomNormal(1, 2, 9L).apply(Shape.of(20000), DType.FLOAT64);
        assertThat(n.mean().item()).isEqualTo(1, within(0.05));
        assertThat(std(n)).isEqualTo(2, within(0.05));
        Tensor u = Initializers.randomUniform(-3, -1, 9L).apply(Shape.of(1000), DType.FLOAT32);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-3);
        assertThat(u.max().item()).isLessThan(-1);
        Tensor t = Initializers.truncatedNormal().apply(Shape.of(5000), DType.FLOAT32);
        assertThat(t.abs().max().item()).isLessThanOrEqualTo(0.1 + 1e-7);
        assertThatThrownBy(() -> Initializers.randomNormal().apply(Shape.of(2), DType.INT64))
                .hasMessageContaining("must be float32 or float64");
    }

    @Test
    void orthogonalGivesOrthonormalColumns() {
        Tensor q = Initializers.orthogonal(1, 3L).apply(Shape.of(6, 4), DType.FLOAT64);
        Tensor qtq = q.transpose().matmul(q);
        assertThat(qtq.allClose(Tensor.eye(DType.FLOAT64, 4), 0, 1e-12)).isTrue();
        Tensor wide = Initializers.orthogonal(2, 3L).apply(Shape.of(3, 5), DType.FLOAT64);
        assertThat(wide.matmul(wide.transpose()).allClose(Tensor.eye(DType.FLOAT64, 3).mul(4), 0, 1e-12)).isTrue();
    }

    @Test
    void seedsMakeSequencesReproducibleAndGlobalSeedTheRest() {
        Initializer a = Initializers.glorotUniform(11L);
        Initializer b = Initializers.glorotUniform(11L);
        Tensor a1 = a.apply(Shape.of(3, 3), DType.FLOAT32);
        assertThat(a1.contentEquals(b.apply(Shape.of(3, 3), DType.FLOAT32))).isTrue();
        assertThat(a1.contentEquals(a.apply(Shape.of(3, 3), DType.FLOAT32))).isFalse();
        Rng.setGlobalSeed(5);
        Tensor g1 = Initializers.heNormal().apply(Shape.of(4), DType.FLOAT32);
        Rng.setGlobalSeed(5);
        assertThat(Initializers.heNormal().apply(Shape.of(4), DType.FLOAT32).contentEquals(g1)).isTrue();
    }

    @Test
    void byNameAndFromConfig() {
        for (String name : new String[] {"zeros", "ones", "random_normal", "random_uniform", "truncated_normal",
                "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
                "orthogonal", "GlorotUniform", "xavier_normal"}) {
            Initializer i = Initializers.get(name);
            assertThat(i.apply(Shape.of(2, 2), DType.FLOAT32).shape()).isEqualTo(Shape.of(2, 2));
            assertThat(Initializers.fromConfig(i.name(), i.config()).name()).isEqualTo(i.name());
        }
        Initializer vs = Initializers.varianceScaling(2, Initializers.Mode.FAN_OUT, Initializers.Distribution.UNIFORM, 3L);
        assertThat(Initializers.fromConfig(vs.name(), vs.config()).config()).isEqualTo(vs.config());
        assertThatThrownBy(() -> Initializers.get("kaiming")).hasMessageContaining("unknown initializer 'kaiming'");
    }
}
