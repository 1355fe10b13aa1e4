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
                .hasMessage("s: unknown option --x; options: --quick, --epochs N");
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

    @Test
    void helpListsTheOptionsAndCountsMustBePositive() {
        assertThatThrownBy(() -> Args.parse("s", new String[] {"--epochs", "3", "--help"}, "quick", "epochs=", "out=",
                "mode=")).isInstanceOf(Args.HelpRequest.class)
                .hasMessage("usage: ./jgrad run s [--quick] [--epochs N] [--out DIR] [--mode VALUE]");
        Args a = Args.parse("s", new String[] {"--epochs", "0", "--rate", "0x1p3", "--mode", "fast"}, "epochs=", "rate=",
                "mode=");
        assertThatThrownBy(() -> a.epochs(10, 1)).hasMessage("s: --epochs must be at least 1, got 0");
        assertThatThrownBy(() -> a.doubleValue("rate", 1)).hasMessage("s: --rate needs a number, got '0x1p3'");
        assertThatThrownBy(() -> a.choice("mode", "slow", "slow", "exact")).hasMessage(
                "s: --mode must be one of slow, exact, got 'fast'");
        Args quick = Args.parse("s", new String[] {"--quick"}, "quick", "epochs=", "steps=");
        assertThat(quick.epochs(10, 2)).isEqualTo(2);
        assertThat(quick.steps(500, 50)).isEqualTo(50);
        assertThat(Args.parse("s", new String[] {"--epochs=4"}, "quick", "epochs=").epochs(10, 2)).isEqualTo(4);
        // A value that looks like the next option is a missing value, not a folder named "--seed".
        assertThatThrownBy(() -> Args.parse("s", new String[] {"--out", "--seed", "3"}, "out=", "seed="))
                .hasMessageStartingWith("s: --out needs a value");
    }
}
