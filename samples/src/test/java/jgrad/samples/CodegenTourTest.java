package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
                .contains("kernel sources written to " + dir).contains("difference");
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
        assertThat(r.kernels()).isNotEmpty();
        assertThat(r.maxValueDifference()).isLessThan(1e-5);
        assertThat(r.maxGradientDifference()).isLessThan(1e-4);
    }
}
