package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** toString: NumPy's rows for small tensors, one line for a large matrix (JShell's echo), toFullString for all rows. */
class TensorPrintTest {
    @Test
    void aLargeMatrixPrintsOnOneLineWithItsFirstAndLastValues() {
        float[] v = new float[1000 * 784];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Tensor t = Tensor.fromFlat(v, 1000, 784);
        String s = t.toString();
        assertThat(s).doesNotContain("\n").isEqualTo(
                "Tensor(shape=[1000, 784], dtype=float32, flat=[0., 1., 2., ..., 783997., 783998., 783999.])");
        long[] ones = new long[75];
        java.util.Arrays.fill(ones, 1);
        assertThat(Tensor.fromFlat(ones, 3, 5, 5).toString())
                .isEqualTo("Tensor(shape=[3, 5, 5], dtype=int64, flat=[1, 1, 1, ..., 1, 1, 1])");
        assertThat(t.toFullString()).contains("\n").contains("...").startsWith("Tensor([[");
    }

    @Test
    void smallTensorsKeepNumPysRows() {
        assertThat(Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString())
                .isEqualTo("Tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)");
        assertThat(Tensor.zeros(8, 8).toString()).contains("\n");
        assertThat(Tensor.zeros(100).toString()).startsWith("Tensor([0., 0.,");
    }
}
