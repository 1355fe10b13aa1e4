package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The core facade without codegen on the class path (module core's tests see no compiler): the
 * function comes back unchanged and runs eagerly. The tracing tape records every op.
 */
class JitTest {
    /** A tiny op written against storage, so this test needs no op library. */
    record Twice() implements Op {
        @Override
        public String name() {
            return "twice";
        }

        @Override
        public Tensor forward(Tensor... in) {
            double[] v = in[0].toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= 2;
            }
            return in[0].dtype() == DType.INT64 ? Tensor.fromFlat(toLong(v), in[0].shape().dims())
                    : Tensor.fromFlat(v, in[0].shape().dims());
        }

        private static long[] toLong(double[] v) {
            long[] r = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = (long) v[i];
            }
            return r;
        }

        @Override
        public Tensor[] vjp(Backward b) {
            throw new UnsupportedOperationException("twice: no gradient in this test");
        }
    }

    @Test
    void withoutACompilerTheFunctionItselfIsReturned() {
        TensorFunction f = xs -> new Tensor[] {new Twice().apply(xs[0])};
        assertThat(Jit.isAvailable()).isFalse();
        assertThat(Jit.compilerName()).isEqualTo("none");
        TensorFunction compiled = Jit.compile(f);
        assertThat(compiled).isSameAs(f);
        assertThat(compiled.call(Tensor.of(new double[] {1, 2})).toDoubleArray()).containsExactly(2, 4);
    }

    @Test
    void compileRejectsNull() {
        assertThatThrownBy(() -> Jit.compile(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("function is null");
    }

    @Test
    void callNeedsExactlyOneOutput() {
        TensorFunction two = xs -> new Tensor[] {xs[0], xs[0]};
        assertThatThrownBy(() -> two.call(Tensor.of(1.0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 2 outputs");
        TensorFunction unary = TensorFunction.of(x -> new Twice().apply(x));
        assertThat(unary.call(Tensor.of(3.0)).item()).isEqualTo(6.0);
        assertThatThrownBy(() -> unary.apply(Tensor.of(1.0), Tensor.of(2.0)))
                .hasMessageContaining("takes 1 input, got 2");
    }

    @Test
    void tracingTapeRecordsOpsOnIntegersAndConstants() {
        Tensor ints = Tensor.of(new long[] {1, 2});
        Tensor constant = Tensor.of(new float[] {1});
        try (GradientTape ordinary = new GradientTape(true, true); GradientTape trace = Jit.tracingTape()) {
            Tensor a = new Twice().apply(ints);
            Tensor b = new Twice().apply(constant);
            assertThat(trace.operations()).extracting(RecordedOp::output).containsExactly(a, b);
            assertThat(ordinary.operations()).isEmpty();
        }
    }
}
