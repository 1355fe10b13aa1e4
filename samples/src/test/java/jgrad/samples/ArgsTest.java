package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void parsesSwitchesValuesAndDefaults() {
        Args a = Args.parse("s", new String[] {"--quick", "--epochs", "7", "--seed=9", "--out", "/tmp/x"}, "quick",
                "epochs=", "seed=", "out=", "rate=", "data=");
        assertThat(a.quick()).isTrue();
        assertThat(a.intValue("epochs", 1)).isEqualTo(7);
        assertThat(a.longValue("seed", 1)).isEqualTo(9);
        assertThat(a.doubleValue("rate", 0.5)).isEqualTo(0.5);
        assertThat(a.outDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(a.dataDir()).isNull();
        assertThat(a.string("mode", "fit")).isEqualTo("fit");
        Args none = Args.parse("s", new String[0], "out=");
        assertThat(none.quick()).isFalse();
        assertThat(none.outDir()).isEqualTo(Path.of("out/s"));
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndBadNumbers() {
        assertThatThrownBy(() -> Args.parse("s", new String[] {"--x"}, "quick", "epochs="))
                .isInstanceOf(Args.UsageException.class)
                .hasMessage("s: unknown option --x; options: --quick, --epochs VALUE");
        assertThatThrownBy(() -> Args.parse("s", new String[] {"--epochs"}, "epochs="))
                .hasMessageContaining("--epochs needs a value");
        assertThatThrownBy(() -> Args.parse("s", new String[] {"--quick=1"}, "quick"))
                .hasMessageContaining("--quick takes no value");
        assertThatThrownBy(() -> Args.parse("s", new String[] {"7"})).hasMessageContaining("unexpected argument '7'")
                .hasMessageContaining("options: none");
        Args a = Args.parse("s", new String[] {"--epochs", "many"}, "epochs=");
        assertThatThrownBy(() -> a.intValue("epochs", 1)).hasMessageContaining("--epochs needs a whole number, got"
                + " 'many'");
    }
}
