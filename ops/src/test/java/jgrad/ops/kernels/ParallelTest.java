package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        int n = 1003;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, Long.MAX_VALUE, (s, e) -> {
            for (int i = s; i < e; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertThat(hits.get(i)).as("index %d", i).isEqualTo(1);
        }
    }

    @Test
    void smallWorkStaysOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        Parallel.forRange(100, KernelConfig.PARALLEL_THRESHOLD - 1, (s, e) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(s).isZero();
            assertThat(e).isEqualTo(100);
        });
    }

    @Test
    void nestedCallsComplete() {
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Parallel.forRange(8, Long.MAX_VALUE, (s, e) -> {
            for (int i = s; i < e; i++) {
                int row = i;
                Parallel.forRange(8, Long.MAX_VALUE, (s2, e2) -> {
                    for (int j = s2; j < e2; j++) {
                        hits.incrementAndGet(row * 8 + j);
                    }
                });
            }
        });
        for (int i = 0; i < 64; i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aFailingChunkFailsTheCall() {
        assertThatThrownBy(() -> Parallel.forRange(Parallel.threads() * 2, Long.MAX_VALUE, (s, e) -> {
            if (e == Parallel.threads() * 2) {
                throw new IllegalStateException("chunk failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk failed");
    }

    @Test
    void emptyRangeDoesNothing() {
        Parallel.forRange(0, Long.MAX_VALUE, (s, e) -> {
            throw new AssertionError("must not run");
        });
        assertThat(Parallel.threads()).isPositive();
    }
}
