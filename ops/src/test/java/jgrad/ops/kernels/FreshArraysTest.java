package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class FreshArraysTest {
    @Test
    void bothAllocationPathsGiveArraysOfTheRightTypeAndLength() {
        for (boolean uninitialized : new boolean[] {true, false}) {
            assertThat((float[]) FreshArrays.of(DType.FLOAT32, 5000, uninitialized)).hasSize(5000);
            assertThat((double[]) FreshArrays.of(DType.FLOAT64, 3, uninitialized)).hasSize(3);
            assertThat((long[]) FreshArrays.of(DType.INT64, 7, uninitialized)).hasSize(7);
        }
        // The cleared path really clears.
        assertThat((float[]) FreshArrays.of(DType.FLOAT32, 5000, false)).containsOnly(0f);
        assertThat(FreshArrays.floats(10)).containsOnly(0f); // small arrays are always cleared
        assertThat(FreshArrays.floats(0)).isEmpty();
    }

    @Test
    void theUninitializedPathIsOnWhereTheBuildExportsJdkInternalMisc() {
        // ops' Surefire configuration runs the tests with --add-exports java.base/jdk.internal.misc,
        // unless jgrad.kernels.uninitialized=false: then the plain path must be the one in use.
        boolean exported = ModuleLayer.boot().findModule("java.base").orElseThrow()
                .isExported("jdk.internal.misc", FreshArraysTest.class.getModule());
        boolean enabled = Boolean.parseBoolean(System.getProperty("jgrad.kernels.uninitialized", "true"));
        assertThat(FreshArrays.uninitializedAvailable()).isEqualTo(exported && enabled);
    }

    @Test
    void kernelsWriteEveryElementOfAnUninitializedResult() {
        // Dirty the heap with a recognisable value, then check results never show it.
        Rng rng = new Rng(1);
        for (int round = 0; round < 3; round++) {
            float[] junk = new float[1 << 16];
            java.util.Arrays.fill(junk, 12345f);
            Tensor a = Tensor.randomNormal(rng, 0, 1, 70, 130);
            Tensor b = Tensor.randomNormal(rng, 0, 1, 130, 90);
            Tensor c = a.matmul(b);
            Tensor e = a.exp().add(a).sigmoid();
            assertThat(c.toFloatArray()).doesNotContain(12345f);
            assertThat(e.toFloatArray()).doesNotContain(12345f);
            assertThat(c.allClose(Gemm.matmulScalar(a, b, false, false), 1e-4, 1e-4)).isTrue();
            assertThat(junk[0]).isEqualTo(12345f);
        }
    }
}
