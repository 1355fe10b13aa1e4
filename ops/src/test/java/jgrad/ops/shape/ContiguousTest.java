package jgrad.ops.shape;

import static jgrad.ops.shape.ShapeTestSupport.iota;
import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ContiguousTest {

    @Test
    void contiguousInputIsNotCopied() {
        Tensor x = iota(2, 3);
        Tensor y = x.contiguous();
        assertThat(y.storage()).isSameAs(x.storage());
        Tensor rows = x.slice(0, 1, 2);
        assertThat(rows.contiguous().storage()).isSameAs(x.storage());
    }

    @Test
    void stridedInputIsCopiedRowMajor() {
        Tensor t = iota(2, 3).transpose();
        Tensor c = t.contiguous();
        assertThat(c.storage()).isNotSameAs(t.storage());
        assertThat(c.isDense()).isTrue();
        assertThat((double[]) c.storage()).containsExactly(0, 3, 1, 4, 2, 5);
        Tensor e = Tensor.of(new long[] {4}).expand(3).contiguous();
        assertThat((long[]) e.storage()).containsExactly(4, 4, 4);
    }

    @Test
    void gradientPassesThrough() {
        ShapeTestSupport.assertAdjoint(x -> x.transpose().contiguous(), 2, 3);
        ShapeTestSupport.assertAdjoint(Tensor::contiguous, 4);
    }
}
