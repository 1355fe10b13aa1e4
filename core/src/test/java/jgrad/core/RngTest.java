package jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
    void globalSeedResets() {
        Rng.setGlobalSeed(5);
        double x = Rng.global().nextDouble();
        Rng.setGlobalSeed(5);
        assertThat(Rng.global().nextDouble()).isEqualTo(x);
    }
}
