package jgrad.nn.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.Styler;

/** The nice-number steps and tick labels of the XChart plots, and where their legend goes. */
class AxesTest {
    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(Axes.niceStep(10, 10)).isEqualTo(1);
        assertThat(Axes.niceStep(0.34, 10)).isCloseTo(0.05, offset(1e-15));
        assertThat(Axes.niceStep(0.2, 10)).isCloseTo(0.02, offset(1e-15));
        assertThat(Axes.niceStep(300, 10)).isEqualTo(50);
        assertThat(Axes.niceStep(22, 10)).isEqualTo(2.5);
        assertThat(Axes.niceStep(7, 10)).isEqualTo(1);
        assertThat(Axes.niceStep(86, 10)).isEqualTo(10);
        assertThat(Axes.niceStep(3e-5, 6)).isCloseTo(5e-6, offset(1e-20));
        assertThatThrownBy(() -> Axes.niceStep(0, 10)).hasMessageContaining("positive finite span");
    }

    @Test
    void decimalsAreWhatTheStepNeeds() {
        assertThat(Axes.decimals(5)).isZero();
        assertThat(Axes.decimals(0.5)).isEqualTo(1);
        assertThat(Axes.decimals(0.25)).isEqualTo(2);
        assertThat(Axes.decimals(0.05)).isEqualTo(2);
        assertThat(Axes.decimals(0.1 + 0.2 - 0.3 + 0.02)).isEqualTo(2);
    }

    @Test
    void labelsHaveTheirLeadingZeroNoFloatNoiseAndNoThousandsCommaInYears() {
        assertThat(Axes.label(0.05, 0.01)).isEqualTo("0.05");
        assertThat(Axes.label(-0.08, 0.02)).isEqualTo("-0.08");
        // A tick reached by adding float steps: 0.1 + 0.2 = 0.30000000000000004.
        assertThat(Axes.label(0.1 + 0.2, 0.05)).isEqualTo("0.3");
        assertThat(Axes.label(2.7755575615628914E-17, 0.05)).isEqualTo("0");
        assertThat(Axes.label(-1e-17, 0.1)).isEqualTo("0");
        assertThat(Axes.label(1937, 5)).isEqualTo("1937");
        assertThat(Axes.label(1.5, 0.5)).isEqualTo("1.5");
        assertThat(Axes.label(2, 0.5)).isEqualTo("2");
        assertThat(Axes.label(25_000, 5000)).isEqualTo("25,000");
        assertThat(Axes.label(2.5e-5, 5e-6)).isEqualTo("2.5e-05");
        assertThat(Axes.label(12_000_000, 1e6)).isEqualTo("1.2e+07");
        assertThat(Axes.label(0.123456789, 0.0001)).isEqualTo("0.1235");
    }

    @Test
    void decimalPatternsKeepTheLeadingZeroAndDropGrouping() {
        java.text.DecimalFormat small = new java.text.DecimalFormat(Axes.pattern(-0.14, 0.2),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertThat(small.format(0.08000000000000002)).isEqualTo("0.08");
        assertThat(small.format(0.1 + 0.2)).isEqualTo("0.3");
        java.text.DecimalFormat years = new java.text.DecimalFormat(Axes.pattern(1920, 1990),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertThat(years.format(1937.0)).isEqualTo("1937");
        assertThat(Axes.pattern(0, 6.5)).isEqualTo("0.#");
        assertThat(Axes.pattern(0, 300)).isEqualTo("0");
        assertThat(Axes.pattern(0, 3e-5)).isEqualTo("0.##E0");
        assertThat(Axes.pattern(0, 5e7)).isEqualTo("0.##E0");
    }

    @Test
    void anEpochAxisLabelsWholeNumbersOnly() {
        Function<Double, String> epochs = Axes.formatter(1, 2, true);
        assertThat(epochs.apply(1.0)).isEqualTo("1");
        assertThat(epochs.apply(1.2)).isBlank();
        assertThat(epochs.apply(2.0)).isEqualTo("2");
        Function<Double, String> years = Axes.formatter(1920, 1990, false);
        assertThat(years.apply(1937.0)).isEqualTo("1937");
        Function<Double, String> small = Axes.formatter(-0.14, 0.2, false);
        assertThat(small.apply(0.08000000000000002)).isEqualTo("0.08");
        assertThat(small.apply(-0.06)).isEqualTo("-0.06");
    }

    @Test
    void aLogarithmicAxisReachesWholeDecadesAndAtLeastTwo() {
        assertThat(Axes.decadeRange(-2.7, 1.3)).containsExactly(-3, 2);
        assertThat(Axes.decadeRange(-3, 0)).containsExactly(-3, 0);
        // Within one decade: grown on the side the data lie nearer (a loss from 0.9 down to 0.15).
        assertThat(Axes.decadeRange(Math.log10(0.15), Math.log10(0.9))).containsExactly(-1, 1);
        assertThat(Axes.decadeRange(Math.log10(0.11), Math.log10(0.3))).containsExactly(-2, 0);
        assertThat(Axes.decadeRange(Math.log10(0.4), Math.log10(0.95))).containsExactly(-1, 1);
        assertThatThrownBy(() -> Axes.decadeRange(Double.NEGATIVE_INFINITY, 1)).hasMessageContaining("finite");
    }

    @Test
    void logarithmicTicksAreNumbersOrPowersOfTenNeverXChartsE() {
        Function<Double, String> small = Axes.decades(-3, 4);
        assertThat(small.apply(-3.0)).isEqualTo("0.001");
        assertThat(small.apply(0.0)).isEqualTo("1");
        assertThat(small.apply(2.0000000000000004)).isEqualTo("100");
        assertThat(small.apply(4.0)).isEqualTo("10,000");
        assertThat(small.apply(0.5)).isBlank();
        Function<Double, String> wide = Axes.decades(-10, 2);
        assertThat(wide.apply(-10.0)).isEqualTo("1e-10");
        assertThat(wide.apply(-4.0)).isEqualTo("1e-04");
        assertThat(wide.apply(0.0)).isEqualTo("1e+00");
        assertThat(wide.apply(2.0)).isEqualTo("1e+02");
        assertThat(wide.apply(-2.5)).isBlank();
    }

    @Test
    void theLegendGoesToAnEmptyCornerOrOutside() {
        // A falling loss curve: high on the left, low on the right; the top right is free.
        double[][] xs = {{1, 2, 3, 4, 5}};
        double[][] ys = {{1.0, 0.5, 0.3, 0.2, 0.15}};
        assertThat(Axes.legendCorner(xs, ys, 1, 5, 0.15, 1.0, 1, new boolean[] {true}, true))
                .isEqualTo(Styler.LegendPosition.InsideNE);
        // A V through both top corners: the legend goes to a bottom corner.
        double[][] px = {{-2, -1, 0, 1, 2}};
        double[][] py = {{4, 2, 0, 2, 4}};
        assertThat(Axes.legendCorner(px, py, -2, 2, 0, 4, 2, new boolean[] {true}, true))
                .isIn(Styler.LegendPosition.InsideSE, Styler.LegendPosition.InsideSW);
        // A line whose two points lie outside the top-right box still runs through it.
        double[][] lx = {{5, 12}};
        double[][] ly = {{10, 8}};
        assertThat(Axes.legendCorner(lx, ly, 0, 10, 0, 10, 1, new boolean[] {false}, true))
                .isEqualTo(Styler.LegendPosition.InsideNE);
        assertThat(Axes.legendCorner(lx, ly, 0, 10, 0, 10, 1, new boolean[] {true}, true))
                .isEqualTo(Styler.LegendPosition.InsideNW);
        // Points in every corner: outside, right of the plot.
        double[][] cx = {{0, 10, 0, 10}};
        double[][] cy = {{0, 0, 10, 10}};
        assertThat(Axes.legendCorner(cx, cy, 0, 10, 0, 10, 1, new boolean[] {false}, true))
                .isEqualTo(Styler.LegendPosition.OutsideE);
        assertThat(Axes.legendCorner(cx, cy, 0, 10, 0, 10, 1, new boolean[] {false}, false))
                .isEqualTo(Styler.LegendPosition.InsideNE);
    }
}
