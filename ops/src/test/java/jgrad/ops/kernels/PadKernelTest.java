package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class PadKernelTest {

    @Test
    void padsEveryDtype() {
        Tensor f = PadKernel.pad(Tensor.of(new float[] {1, 2}), new int[] {1}, new int[] {2}, 0.5);
        assertThat(f.toFloatArray()).containsExactly(0.5f, 1, 2, 0.5f, 0.5f);
        Tensor d = PadKernel.pad(Tensor.of(new double[][] {{1}, {2}}), new int[] {0, 1}, new int[] {1, 0}, -0.0);
        assertThat(d.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(d.toDoubleArray()).containsExactly(-0.0, 1, -0.0, 2, -0.0, -0.0);
        assertThat(Double.doubleToRawLongBits(d.toDoubleArray()[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        Tensor l = PadKernel.pad(Tensor.of(new long[] {3}), new int[] {1}, new int[] {0}, 0);
        assertThat(l.toLongArray()).containsExactly(0, 3);
        Tensor b = PadKernel.pad(Tensor.of(new boolean[] {false}), new int[] {0}, new int[] {1}, 1);
        assertThat(b.toBooleanArray()).containsExactly(false, true);
    }

    @Test
    void embedWritesIntoZeros() {
        Tensor src = Tensor.of(new double[] {7, 8});
        Tensor out = PadKernel.embed(src, DType.FLOAT64, Shape.of(2, 3), 1, new int[] {3});
        assertThat(out.toDoubleArray()).containsExactly(0, 7, 0, 0, 8, 0);
    }
}
