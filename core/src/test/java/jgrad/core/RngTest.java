package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameNumbers() {
        Rng a = new Rng(11);
        Rng b = new Rng(11);
        for (int i = 0; i < 10; i++) {
            assertThat(a.nextGaussian()).isEqualTo(b.nextGaussian());
        }
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(2).permutation(50);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(p).isNotEqualTo(sorted);
    }

    @Test
    void fillBernoulliDrawsWhatTheLoopOfNextDoubleDraws() {
        // Rates at the edges too: 0 keeps all, a rate just above a draw's value must take it.
        for (double p : new double[] {0, 1e-17, 0.3, 0.5, Math.nextDown(1.0), 1}) {
            Rng bulk = new Rng(7);
            Rng loop = new Rng(7);
            float[] f = new float[1000];
            double[] d = new double[999];
            bulk.fillBernoulli(f, p, 0f, 2f);
            bulk.fillBernoulli(d, p, -1, 3);
            for (int i = 0; i < f.length; i++) {
                assertThat(f[i]).as("p=%s i=%d", p, i).isEqualTo(loop.nextDouble() < p ? 0f : 2f);
            }
            for (int i = 0; i < d.length; i++) {
                assertThat(d[i]).as("p=%s i=%d", p, i).isEqualTo(loop.nextDouble() < p ? -1 : 3);
            }
            assertThat(bulk.state()).isEqualTo(loop.state());
        }
        // A rate exactly at one draw's value: that draw is not below it, the next one up is.
        double v = new Rng(9).nextDouble();
        float[] one = new float[1];
        new Rng(9).fillBernoulli(one, v, 1f, 0f);
        assertThat(one[0]).isEqualTo(0f);
        new Rng(9).fillBernoulli(one, Math.nextUp(v), 1f, 0f);
        assertThat(one[0]).isEqualTo(1f);
    }

    @Test
    void globalSeedResets() {
        Rng.setGlobalSeed(5);
        double x = Rng.global().nextDouble();
        Rng.setGlobalSeed(5);
        assertThat(Rng.global().nextDouble()).isEqualTo(x);
    }

    @Test
    void drawsExactlyWhatSplittableRandomDraws() {
        // Rng keeps its state in a long of its own (so it can be saved); the numbers must stay
        // those of the JDK's SplittableRandom, which every seeded result in jgrad was made with.
        for (long seed : new long[] {0, 1, 42, -7, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            Rng a = new Rng(seed);
            SplittableRandom b = new SplittableRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                switch (i % 5) {
                    case 0 -> assertThat(a.nextLong()).isEqualTo(b.nextLong());
                    case 1 -> assertThat(a.nextDouble()).isEqualTo(b.nextDouble());
                    case 2 -> assertThat(a.nextGaussian()).isEqualTo(b.nextGaussian());
                    case 3 -> assertThat(a.nextInt(1 + i % 1000)).isEqualTo(b.nextInt(1 + i % 1000));
                    default -> assertThat(a.nextInt((1 << 30) + 7)).isEqualTo(b.nextInt((1 << 30) + 7));
                }
            }
            assertThat(a.split().nextLong()).isEqualTo(new SplittableRandom(b.nextLong()).nextLong());
        }
    }

    @Test
    void aSavedStateReplaysTheSameNumbers() {
        Rng a = new Rng(3);
        a.permutation(100);
        long saved = a.state();
        double[] next = {a.nextGaussian(), a.nextDouble(), a.nextInt(17)};
        Rng b = new Rng(99);
        b.setState(saved);
        assertThat(new double[] {b.nextGaussian(), b.nextDouble(), b.nextInt(17)}).containsExactly(next);
    }
}
