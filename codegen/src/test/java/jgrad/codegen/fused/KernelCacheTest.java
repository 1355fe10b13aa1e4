package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.math.Add;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Sin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelCacheTest {
    @AfterEach
    void restore() {
        Kernels.setSynchronous(false);
    }

    private static FusedOp chain(Op... unary) {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int y = b.input();
        int cur = b.node(new Mul(), x, y);
        for (Op op : unary) {
            cur = b.node(op, cur);
        }
        return new FusedOp(b.build());
    }

    @Test
    void cacheHitsDoNotRecompile() {
        Kernels.setSynchronous(true);
        FusedOp op = chain(new Sin(), new Sigmoid(), new Sin());
        Rng rng = new Rng(1);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 8, 40);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 8, 40);
        long before = Kernels.compilations();
        op.apply(x, y);
        assertThat(Kernels.compilations()).isEqualTo(before + 1);
        // The same group, another batch size, an equal (not identical) group: the same kernel.
        op.apply(x, y);
        op.apply(Tensor.randomUniform(rng, -1, 1, 3, 40), Tensor.randomUniform(rng, -1, 1, 3, 40));
        chain(new Sin(), new Sigmoid(), new Sin()).apply(x, y);
        assertThat(Kernels.compilations()).isEqualTo(before + 1);
        // Another dtype or broadcast pattern is another kernel.
        op.apply(x.cast(DType.FLOAT64), y.cast(DType.FLOAT64));
        op.apply(x, Tensor.randomUniform(rng, -1, 1, 40));
        assertThat(Kernels.compilations()).isEqualTo(before + 3);
    }

    @Test
    void asynchronousCompilationRunsUnfusedUntilTheKernelIsReady() {
        FusedOp op = chain(new Sigmoid(), new Sin(), new Sigmoid(), new Sin());
        Rng rng = new Rng(2);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 100);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 100);
        long before = Kernels.compilations();
        Tensor first = op.apply(x, y);            // queued; this call ran the ops one by one
        Kernels.awaitCompilations();
        assertThat(Kernels.compilations()).isEqualTo(before + 1);
        Tensor second = op.apply(x, y);           // the kernel
        assertThat(second.allClose(first, 1e-6, 1e-6)).isTrue();
        assertThat(Kernels.compilations()).isEqualTo(before + 1);
    }

    /** An op whose rule emits code that is not Java. */
    record Broken() implements Op {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].neg();
        }

        @Override
        public Tensor[] vjp(Backward b) {
            return new Tensor[] {b.grad().neg()};
        }
    }

    /** An op whose rule compiles but throws when the kernel runs. */
    record Throwing() implements Op {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].abs();
        }

        @Override
        public Tensor[] vjp(Backward b) {
            return new Tensor[] {b.grad().mul(b.input(0).sign())};
        }
    }

    @Test
    void aKernelThatThrowsIsDroppedAndTheGroupRunsUnfused() {
        FusionRules.register(Throwing.class, new BuiltinRules.Simple<Throwing>(1,
                (l, a) -> "Math.abs(" + a.get(0) + ") + (float) Math.floorDiv(1, 0)",
                (l, a) -> a.get(0) + ".abs().add((float) Math.floorDiv(1, 0))", (i, g, x, y) -> g.mul(x.get(0).sign())));
        try {
            Kernels.setSynchronous(true);
            FusedGroup.Builder b = FusedGroup.builder();
            int x = b.input();
            b.node(new Sin(), b.node(new Throwing(), x));
            FusedOp op = new FusedOp(b.build());
            Tensor in = Tensor.randomUniform(new Rng(6), -1, 1, 30);
            int logged = CapturingLoggerFinder.CODEGEN_MESSAGES.size();
            long failures = Kernels.failures();
            assertThat(op.apply(in).allClose(in.abs().sin(), 1e-6, 1e-6)).isTrue();
            assertThat(op.apply(in).allClose(in.abs().sin(), 1e-6, 1e-6)).isTrue();
            assertThat(Kernels.failures()).isEqualTo(failures + 1);
            assertThat(CapturingLoggerFinder.CODEGEN_MESSAGES.subList(logged,
                    CapturingLoggerFinder.CODEGEN_MESSAGES.size()))
                    .filteredOn(m -> m.contains("fused[throwing,sin]"))
                    .singleElement().asString().contains("threw while running").contains("ArithmeticException");
        } finally {
            FusionRules.unregister(Throwing.class);
        }
    }

    @Test
    void aKernelThatFailsToCompileFallsBackAndLogsOnce() {
        FusionRules.register(Broken.class, new BuiltinRules.Simple<Broken>(1, (l, a) -> "this is not Java",
                (l, a) -> a.get(0) + ".neg(", (i, g, x, y) -> g.neg()));
        int logged = CapturingLoggerFinder.CODEGEN_MESSAGES.size();
        try {
            Kernels.setSynchronous(true);
            FusedGroup.Builder b = FusedGroup.builder();
            int x = b.input();
            b.node(new Sin(), b.node(new Broken(), b.node(new Add(), x, x)));
            FusedOp op = new FusedOp(b.build());
            Tensor in = Tensor.randomUniform(new Rng(3), -1, 1, 50);
            long failures = Kernels.failures();
            Tensor y;
            Tensor g;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(in);
                y = op.apply(in);
                g = tape.gradient(y.sum(), in);
            }
            op.apply(in);
            assertThat(y.allClose(in.add(in).neg().sin(), 1e-6, 1e-6)).isTrue();
            assertThat(g.allClose(in.add(in).neg().cos().mul(-2), 1e-5, 1e-5)).isTrue();
            // Forward and backward kernels failed, each logged once with javac's reason.
            assertThat(Kernels.failures()).isEqualTo(failures + 2);
            List<String> messages = CapturingLoggerFinder.CODEGEN_MESSAGES
                    .subList(logged, CapturingLoggerFinder.CODEGEN_MESSAGES.size()).stream()
                    .filter(m -> m.contains("fused[add,broken,sin]")).toList();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0)).contains("failed to compile; running it unfused").contains("javac failed");
        } finally {
            FusionRules.unregister(Broken.class);
        }
    }
}
