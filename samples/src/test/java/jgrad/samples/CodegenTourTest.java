package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jgrad.codegen.Jit;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** codegen-tour fuses the GELU chain, prints its kernels, and fused equals unfused. */
class CodegenTourTest {
    @Test
    void fusedAndUnfusedAgreeAndKernelsArePrinted(@TempDir Path dir) throws Exception {
        String out = ExplainBackpropTest.capture(() -> CodegenTour.main(new String[] {"--quick", "--out",
                dir.toString()}));
        assertThat(out).contains("== 1. The trace and the plan").contains("dense[activation=LINEAR]")
                .contains("fused[").contains("== 2. The generated kernels").contains("class ")
                .contains("kernel sources written to " + dir).contains("difference")
                .contains("median of 7 rounds of 20 calls each").contains("fused / unfused = ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).count()).isPositive();
        }
        assertThat(Files.readString(dir.resolve("graph.html"))).contains("dense[linear] -&gt; %5")
                .contains("fused[mul,mul,mul");
    }

    @Test
    void resultsMatchWithinFloatTolerance(@TempDir Path dir) {
        CodegenTour.Result r = CodegenTour.run(3, 8, 1, dir, false);
        assertThat(r.function().plan()).isNotNull();
        assertThat(r.function().fusedOps()).isNotEmpty();
        assertThat(r.maxValueDifference()).isLessThan(1e-5);
        assertThat(r.maxGradientDifference()).isLessThan(1e-4);
    }

    @Test
    void timingReportsEveryRoundOfBothModesSorted() {
        Tensor x = Tensor.ones(8, 32);
        Tensor y = Tensor.zeros(8, 16);
        Variable w = Variable.of(Tensor.ones(32, 16), "w");
        Variable b = Variable.of(Tensor.zeros(16), "b");
        CodegenTour.Timing t = CodegenTour.compareTimes(Jit.binary((in, target) -> CodegenTour.gelu(in.matmul(w)
                .add(b)).sub(target).square().mean()), x, y, w, b, 3, 5);
        assertThat(t.fused()).hasSize(5).isSorted();
        assertThat(t.unfused()).hasSize(5).isSorted();
        assertThat(t.fused()[0]).isPositive();
        assertThat(t.unfused()[0]).isPositive();
        assertThat(CodegenTour.median(new double[] {1, 2, 9})).isEqualTo(2);
        assertThat(CodegenTour.median(new double[] {1, 2, 4, 9})).isEqualTo(3);
    }
}
