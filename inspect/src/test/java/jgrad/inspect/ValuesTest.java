package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void numbersReadLikeTheNotes() {
        assertThat(Values.number(903.75)).isEqualTo("903.75");
        assertThat(Values.number(1687.0)).isEqualTo("1687");
        assertThat(Values.number(-3)).isEqualTo("-3");
        assertThat(Values.number(0.5)).isEqualTo("0.5");
        assertThat(Values.number(1.0 / 3)).isEqualTo("0.3333333");
        assertThat(Values.number(1e-5)).isEqualTo("1e-05");
        assertThat(Values.number(1.5e20)).isEqualTo("1.5e+20");
        assertThat(Values.number(Double.NaN)).isEqualTo("nan");
        assertThat(Values.number(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Values.number(0.1f)).isEqualTo("0.1");
    }

    @Test
    void smallTensorsPrintInFullOnOneLineOrByRows() {
        Tensor m = Tensor.of(new double[][] {{0.5, 1}, {2, 3.25}});
        assertThat(Values.inline(m)).isEqualTo("[[0.5, 1], [2, 3.25]]");
        assertThat(Values.full(m, true)).isEqualTo("[[0.5, 1],\n [2, 3.25]]");
        assertThat(Values.inline(Tensor.of(2.5))).isEqualTo("2.5");
        assertThat(Values.inline(Tensor.of(new boolean[] {true, false}))).isEqualTo("[true, false]");
        assertThat(Values.inline(Tensor.zeros(0, 3))).isEqualTo("[]");
        assertThat(Values.inline(Tensor.of(new long[] {3, -4}))).isEqualTo("[3, -4]");
    }

    @Test
    void largeTensorsAreAbbreviatedWithShapeAndRange() {
        Tensor t = Tensor.arange(DType.FLOAT64, 0, 100, 1).reshape(10, 10);
        assertThat(Values.inline(t)).isEqualTo(
                "[0, 1, 2, ..., 97, 98, 99] (100 values, shape [10, 10], min 0, mean 49.5, max 99)");
        assertThat(Values.block(t, 100)).startsWith("[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],\n [10,");
        assertThat(Values.block(t, 99)).startsWith("[0, 1, 2, ...");
        assertThat(Values.shapeAndType(t)).isEqualTo("[10, 10] float64");
    }
}
