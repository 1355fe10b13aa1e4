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
    void workersWokenFromParkingAndCallsFromManyThreadsComplete() throws Exception {
        for (int round = 0; round < 3; round++) {
            Thread.sleep(5); // longer than the workers spin: the next call must wake a parked worker
            everyIndexRunsExactlyOnce();
        }
        Thread[] callers = new Thread[4];
        AtomicIntegerArray hits = new AtomicIntegerArray(callers.length * 500);
        for (int t = 0; t < callers.length; t++) {
            int base = t * 500;
            callers[t] = new Thread(() -> {
                for (int rep = 0; rep < 200; rep++) {
                    Parallel.forRange(500, Long.MAX_VALUE, (s, e) -> {
                        for (int i = s; i < e; i++) {
                            hits.incrementAndGet(base + i);
                        }
                    });
                }
            });
            callers[t].start();
        }
        for (Thread c : callers) {
            c.join(60_000);
            assertThat(c.isAlive()).isFalse();
        }
        for (int i = 0; i < hits.length(); i++) {
            assertThat(hits.get(i)).as("index %d", i).isEqualTo(200);
        }
    }

    @Test
    void emptyRangeDoesNothing() {
        Parallel.forRange(0, Long.MAX_VALUE, (s, e) -> {
            throw new AssertionError("must not run");
        });
        assertThat(Parallel.threads()).isPositive();
    }
}
