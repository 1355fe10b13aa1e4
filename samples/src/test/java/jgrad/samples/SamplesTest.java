package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** The samples print what the lecture notes print, and the registry finds them by name. */
class SamplesTest {
    @Test
    void andLogLossIsTheNotesValue() {
        AndLogLoss.Result r = AndLogLoss.compute(DType.FLOAT32);
        // The notes print TensorFlow's 0.23035562; the exact value is 0.2303555539, which float32
        // rounds to 0.23035556 (as PyTorch prints it). Agreement to float32 precision:
        assertThat(r.logLoss().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(r.logLoss().floatValue()).isCloseTo(0.23035562f, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(AndLogLoss.compute(DType.FLOAT64).logLoss().doubleValue())
                .isCloseTo(0.23035555385552542, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Printing.asIntegers(r.yHat())).isEqualTo("[[0]\n [0]\n [0]\n [1]]");
    }

    @Test
    void andTapeFollowsTheNotesTrajectory() {
        AndTape.Result r = AndTape.train();
        assertThat(r.lines()).containsExactly(
                "w = [+0.0100 +0.0100], b = +0.0075",
                "w = [+0.0099 +0.0099], b = +0.0049",
                "w = [+0.0099 +0.0099], b = +0.0024",
                "w = [+0.0099 +0.0099], b = -0.0002",
                "w = [+0.0099 +0.0099], b = -0.0027",
                "w = [+0.0099 +0.0099], b = -0.0052",
                "w = [+0.0098 +0.0098], b = -0.0077",
                "w = [+0.0098 +0.0098], b = -0.0102",
                "w = [+0.0098 +0.0098], b = -0.0127",
                "w = [+0.0098 +0.0098], b = -0.0152");
        assertThat(Printing.asIntegers(r.yHat())).isEqualTo("[[0]\n [0]\n [0]\n [1]]");
    }

    @Test
    void secondDerivativeOfTanhMatchesTheClosedForm() {
        Tensor x = Tensor.linspace(DType.FLOAT64, -2, 2, 9);
        SecondDerivative.Derivatives d = SecondDerivative.ofTanh(x);
        for (int i = 0; i < x.size(); i++) {
            double t = Math.tanh(x.getDouble(i));
            assertThat(d.first().getDouble(i)).isCloseTo(1 - t * t, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(d.second().getDouble(i)).isCloseTo(-2 * t * (1 - t * t),
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void xorDemoLearnsXor() {
        String out = capture(() -> XorTape.main(new String[0]));
        assertThat(out).contains("accuracy 4/4 = 100%");
        List<Double> losses = out.lines().filter(l -> l.matches("\\s*\\d+\\s+\\d\\.\\d{6}"))
                .map(l -> Double.parseDouble(l.trim().split("\\s+")[1])).toList();
        assertThat(losses).hasSizeGreaterThanOrEqualTo(10);
        assertThat(losses.getLast()).isLessThan(losses.getFirst() / 10);
    }

    @Test
    void registryRunsSamplesByNameAndListsThem() {
        assertThat(Samples.all()).extracting(Samples.Sample::name).doesNotHaveDuplicates()
                .contains("xor-tape", "and-log-loss", "and-tape", "second-derivative");
        String listing = capture(() -> Samples.main(new String[] {"list"}));
        for (Samples.Sample s : Samples.all()) {
            assertThat(listing).contains(s.name()).contains(s.description());
        }
        String out = capture(() -> Samples.main(new String[] {"run", "and-log-loss"}));
        assertThat(out).contains("Predicted output =\n[[0]\n [0]\n [0]\n [1]]\nLog loss = 0.2303555");
        assertThatThrownBy(() -> Samples.find("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sample named 'nope'").hasMessageContaining("xor-tape");
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
