package jgrad.nn.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/** The GAN losses: values by formula, the checks of SEEDS-4-8 B, gradcheck and gradgradcheck. */
class GanLossesTest {
    private static final double LOG4 = Math.log(4);

    private static Tensor t(double... v) {
        return Tensor.of(v);
    }

    private static double sig(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    @Test
    void minimaxAndNonSaturatingByFormula() {
        Tensor real = t(0.5, -1.0, 2.0);
        Tensor fake = t(-0.3, 1.5);
        double dExpected = -(Math.log(sig(0.5)) + Math.log(sig(-1)) + Math.log(sig(2))) / 3
                - (Math.log(1 - sig(-0.3)) + Math.log(1 - sig(1.5))) / 2;
        assertThat(new MinimaxLoss().discriminator(real, fake).item()).isCloseTo(dExpected, offset(1e-12));
        assertThat(new NonSaturatingLoss().discriminator(real, fake).item()).isCloseTo(dExpected, offset(1e-12));
        assertThat(new MinimaxLoss().generator(fake).item())
                .isCloseTo((Math.log(1 - sig(-0.3)) + Math.log(1 - sig(1.5))) / 2, offset(1e-12));
        assertThat(new NonSaturatingLoss().generator(fake).item())
                .isCloseTo(-(Math.log(sig(-0.3)) + Math.log(sig(1.5))) / 2, offset(1e-12));
        // from logits: no overflow where log(sigmoid) of a probability would give -inf
        assertThat(new NonSaturatingLoss().generator(t(-800)).item()).isCloseTo(800, offset(1e-9));
    }

    @Test
    void saturatingVersusNonSaturatingGradientAtD001() {
        double a = Math.log(0.01 / 0.99); // sigmoid(a) = 0.01: D confidently rejects the fake
        Tensor logit = t(a);
        Tensor gSat;
        Tensor gNon;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(logit);
            // the minimax generator loss is E log(1 - sigmoid(a)): its slope in a is -sigmoid(a)
            gSat = tape.gradient(new MinimaxLoss().generator(logit), logit);
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(logit);
            gNon = tape.gradient(new NonSaturatingLoss().generator(logit), logit);
        }
        assertThat(gSat.item()).isCloseTo(-0.01, offset(1e-12));
        assertThat(gNon.item()).isCloseTo(-0.99, offset(1e-12));
    }

    @Test
    void equilibriumValueIsMinusLog4() {
        Tensor half = t(0, 0, 0, 0); // logits of D = 1/2
        assertThat(MinimaxLoss.value(half, half).item()).isCloseTo(-LOG4, offset(1e-12));
        assertThat(-LOG4).isCloseTo(-1.386294, offset(1e-6));
    }

    @Test
    void leastSquaresCodingsOptimumAndGeneratorGradient() {
        LeastSquaresLoss ls = LeastSquaresLoss.LSGAN;
        Tensor real = t(0.8, 1.2);
        Tensor fake = t(0.1, -0.4);
        assertThat(ls.discriminator(real, fake).item())
                .isCloseTo(0.5 * (0.04 + 0.04) / 2 + 0.5 * (0.01 + 0.16) / 2, offset(1e-12));
        assertThat(LeastSquaresLoss.pearson()).isEqualTo(new LeastSquaresLoss(-1, 1, 0));
        // D* = (b p_d + a p_g) / (p_d + p_g): minimise the D loss over one constant D at a point
        // where p_d = 3 and p_g = 1 (weights of the real and fake terms).
        double pd = 3;
        double pg = 1;
        LeastSquaresLoss p = LeastSquaresLoss.pearson();
        double best = Double.NaN;
        double bestLoss = Double.MAX_VALUE;
        for (double d = -1; d <= 1; d += 1e-4) {
            double l = pd * (d - p.b()) * (d - p.b()) + pg * (d - p.a()) * (d - p.a());
            if (l < bestLoss) {
                bestLoss = l;
                best = d;
            }
        }
        assertThat(best).isCloseTo((p.b() * pd + p.a() * pg) / (pd + pg), offset(1e-3));
        // dL_G/dD = D - c per sample (times 1/n): does not vanish at D = a (a confident rejection)
        Tensor rejected = t(0.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(rejected);
            assertThat(tape.gradient(ls.generator(rejected), rejected).item()).isCloseTo(-1.0, offset(1e-12));
        }
        assertThatThrownBy(() -> new LeastSquaresLoss(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void wassersteinByFormula() {
        WassersteinLoss w = new WassersteinLoss();
        assertThat(w.discriminator(t(1, 2, 3), t(-1, 0)).item()).isCloseTo(-0.5 - 2, offset(1e-12));
        assertThat(w.generator(t(-1, 0)).item()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void d2ganLossesObjectiveAndBadWeights() {
        D2GanLoss l = new D2GanLoss(0.2, 0.1);
        Tensor d1r = t(1.5, 0.5);
        Tensor d1f = t(0.2);
        Tensor d2r = t(0.3);
        Tensor d2f = t(2.0, 4.0);
        assertThat(l.discriminator1(d1r, d1f).item())
                .isCloseTo(-0.2 * (Math.log(1.5) + Math.log(0.5)) / 2 + 0.2, offset(1e-12));
        assertThat(l.discriminator2(d2r, d2f).item())
                .isCloseTo(0.3 - 0.1 * (Math.log(2) + Math.log(4)) / 2, offset(1e-12));
        assertThat(l.generator(d1f, d2f).item()).isCloseTo(-0.2 + 0.1 * (Math.log(2) + Math.log(4)) / 2,
                offset(1e-12));
        // P_G = P_data: D1* = alpha, D2* = beta everywhere and J = alpha(log alpha - 1) + beta(log beta - 1)
        Tensor a = t(0.2, 0.2);
        Tensor b = t(0.1, 0.1);
        assertThat(l.objective(a, a, b, b).item()).isCloseTo(l.equilibriumValue(), offset(1e-12));
        assertThatThrownBy(() -> new D2GanLoss(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("D2GanLoss: alpha must be a finite number > 0 (it weights E log D1(x)), got 0.0");
        assertThatThrownBy(() -> new D2GanLoss(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("D2GanLoss: beta must be a finite number > 0 (it weights E log D2(G(z))), got 0.0");
    }

    @Test
    void gradcheckAndGradgradcheckEveryLoss() {
        Rng rng = new Rng(5);
        Tensor r = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 4, 1);
        Tensor f = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 4, 1);
        Tensor pr = r.abs().add(0.5);
        Tensor pf = f.abs().add(0.5);
        List<GanLoss> losses = List.of(new MinimaxLoss(), new NonSaturatingLoss(), new LeastSquaresLoss(0, 1, 1),
                LeastSquaresLoss.pearson(), new WassersteinLoss());
        for (GanLoss l : losses) {
            GradCheck.check(in -> l.discriminator(in.get(0), in.get(1)).add(l.generator(in.get(1)).mul(0.7)),
                    List.of(r, f)).assertPassed();
            GradCheck.gradGradCheck(in -> l.discriminator(in.get(0), in.get(1)).add(l.generator(in.get(1))),
                    List.of(r, f)).assertPassed();
        }
        D2GanLoss d2 = new D2GanLoss(0.5, 2);
        GradCheck.check(in -> d2.discriminator1(in.get(0), in.get(1)).add(d2.discriminator2(in.get(0), in.get(1)))
                .add(d2.generator(in.get(1), in.get(0))), List.of(pr, pf)).assertPassed();
        GradCheck.gradGradCheck(in -> d2.objective(in.get(0), in.get(1), in.get(1), in.get(0)), List.of(pr, pf))
                .assertPassed();
    }
}
