package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCompilerTest {
    private static final String KERNEL = """
            package jgrad.codegen.fused;

            final class Doubler implements FusedKernel {
                @Override
                public double run(Object[] in, int[] off, Object[] out, int inner, int rowStart, int rowEnd,
                        int colStart, int colEnd) {
                    float[] x = (float[]) in[0];
                    float[] y = (float[]) out[0];
                    for (int i = colStart; i < colEnd; i++) {
                        y[i] = 2 * x[off[0] + i];
                    }
                    return FusedMath.sigmoid(0.0);   // package-private access works from the hidden class
                }
            }
            """;

    @Test
    void compilesInMemoryAndDefinesAHiddenClass() {
        byte[] bytes = KernelCompiler.compile("Doubler", KERNEL, List.of());
        assertThat(bytes).startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE);
        FusedKernel k = KernelCompiler.define(bytes);
        assertThat(k.getClass().isHidden()).isTrue();
        float[] y = new float[3];
        double r = k.run(new Object[] {new float[] {9, 1, 2, 3}}, new int[] {1}, new Object[] {y}, 3, 0, 1, 0, 3);
        assertThat(y).containsExactly(2, 4, 6);
        assertThat(r).isEqualTo(0.5);
        // Two definitions of the same bytes are two classes (hidden classes may share a name).
        assertThat(KernelCompiler.define(bytes).getClass()).isNotEqualTo(k.getClass());
    }

    @Test
    void errorsCarryJavacsMessage() {
        assertThatThrownBy(() -> KernelCompiler.compile("Bad", "package jgrad.codegen.fused; class Bad { int x = ; }",
                List.of()))
                .isInstanceOf(KernelCompiler.CompileException.class)
                .hasMessageContaining("javac failed on Bad")
                .hasMessageContaining("line 1");
    }

    @Test
    void theClassPathIsSmall() {
        String cp = KernelCompiler.classPath(List.of());
        assertThat(cp.split(java.io.File.pathSeparator)).hasSizeLessThanOrEqualTo(3);
    }
}
