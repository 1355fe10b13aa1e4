package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecasting sample: SEEDS-4-8's calibrated baselines, and recurrent networks beating persistence. */
class TimeSeriesRnnTest {
    @TempDir
    Path out;

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    void baselinesAreTheCalibratedOnes() {
        TimeSeriesRnn.Result a = TimeSeriesRnn.run(TimeSeriesRnn.AIRLINE, List.of(), 8, 1, 1, 1, quiet(), null);
        assertThat(a.persistence()).isCloseTo(48.04, offset(0.005));
        assertThat(a.seasonal()).isCloseTo(41.85, offset(0.005));
        assertThat(a.ar()).isCloseTo(20.95, offset(0.005));
        TimeSeriesRnn.Result s = TimeSeriesRnn.run(TimeSeriesRnn.SUNSPOTS, List.of(), 8, 1, 1, 1, quiet(), null);
        assertThat(s.persistence()).isCloseTo(20.09, offset(0.005));
        assertThat(s.ar()).isCloseTo(18.21, offset(0.005));
        TimeSeriesRnn.Result t = TimeSeriesRnn.run(TimeSeriesRnn.TEMPERATURES, List.of(), 8, 1, 1, 1, quiet(), null);
        assertThat(t.persistence()).isCloseTo(2.481, offset(0.0005));
        assertThat(t.seasonal()).isCloseTo(3.728, offset(0.0005));
        assertThat(t.ar()).isCloseTo(2.211, offset(0.0005));
    }

    @Test
    void lstmBeatsPersistenceOnDailyTemperatures() {
        TimeSeriesRnn.Result t = TimeSeriesRnn.run(TimeSeriesRnn.TEMPERATURES, List.of("LSTM"), 16, 3, 3, 1, quiet(),
                out);
        assertThat(t.rmse().get("LSTM")).isLessThan(t.persistence()).isLessThan(2.3);
        assertThat(t.forecasts().get("LSTM")).hasSize(730);
        assertThat(Files.exists(out.resolve("daily-min-temperatures-forecast.png"))).isTrue();
    }

    @Test
    @Tag("slow")
    void everyNetworkBeatsPersistenceOnEverySeries() {
        List<String> all = List.copyOf(TimeSeriesRnn.models().keySet());
        for (TimeSeriesRnn.Spec spec : List.of(TimeSeriesRnn.AIRLINE, TimeSeriesRnn.SUNSPOTS,
                TimeSeriesRnn.TEMPERATURES)) {
            TimeSeriesRnn.Result r = TimeSeriesRnn.run(spec, all, 32, 60, 8, 1, quiet(), null);
            for (String m : all) {
                assertThat(r.rmse().get(m)).as(spec.name() + " " + m).isLessThan(r.persistence());
            }
        }
    }
}
