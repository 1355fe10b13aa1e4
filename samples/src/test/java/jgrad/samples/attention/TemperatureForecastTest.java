package jgrad.samples.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The calibrated baselines exactly, and a short training run in which every network beats persistence. */
class TemperatureForecastTest {
    @Test
    @Tag("slow")
    void baselinesMatchTheCalibrationAndTheNetworksBeatPersistence() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TemperatureForecast.Result r = TemperatureForecast.run(new PrintStream(buf, true, StandardCharsets.UTF_8), null,
                2);
        double[] p = r.perHorizon().get("persistence");
        double[] l = r.perHorizon().get("linear direct 30->7");
        for (int k = 0; k < 7; k++) {
            assertThat(p[k]).isCloseTo(TemperatureForecast.PERSISTENCE[k], offset(5e-4));
            assertThat(l[k]).isCloseTo(TemperatureForecast.LINEAR[k], offset(5e-4));
        }
        assertThat(r.overall().get("persistence")).isCloseTo(3.321, offset(5e-4));
        assertThat(r.overall().get("linear direct 30->7")).isCloseTo(2.653, offset(5e-4));
        for (String net : new String[] {"LSTM seq2seq", "LSTM seq2seq + attention", "Transformer (2 blocks)"}) {
            assertThat(r.overall().get(net)).as(net).isLessThan(3.0);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("h=1    h=2").doesNotContain("does NOT beat");
    }
}
