package jgrad.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.codegen.fused.Kernels;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenTest {
    @AfterEach
    void restore() {
        Codegen.setEnabled(true);
        Kernels.setSynchronous(false);
    }

    @Test
    void theSwitchIsShared() {
        Codegen.setEnabled(false);
        assertThat(Codegen.isEnabled()).isFalse();
        assertThat(Kernels.isEnabled()).isFalse();
        Codegen.setEnabled(true);
        assertThat(Codegen.isEnabled()).isTrue();
    }

    @Test
    void kernelsOfTheProgramAreListedAndWritten(@TempDir Path dir) throws Exception {
        Kernels.setSynchronous(true);
        CompiledFunction f = Jit.binary((a, b) -> a.sub(b).abs().add(b).cos());
        Tensor a = Tensor.randomNormal(new Rng(1), 0, 1, 10);
        f.call(a, a.mul(2.0));
        f.call(a, a.mul(2.0));
        assertThat(Codegen.kernels()).anySatisfy(k -> assertThat(k.fusedOps()).containsExactly("sub", "abs", "add", "cos"));
        assertThat(Codegen.compilations()).isPositive();
        assertThat(Codegen.compileMillis()).isNotEmpty();
        Codegen.writeKernels(dir);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(Codegen.kernels().size());
        }
    }
}
