package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import org.junit.jupiter.api.Test;

/** The shipped data sets load with the shapes and contents their README describes. */
class SampleDataTest {
    @Test
    void mnistTestSetHasTenThousandScaledImages() {
        Dataset m = SampleData.mnistTest();
        assertThat(m.x().shape().dims()).containsExactly(10000, 784);
        assertThat(m.x().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(m.x().max().item()).isEqualTo(1.0);
        assertThat(m.x().min().item()).isEqualTo(0.0);
        assertThat(m.y().slice(0, 0, 5).toLongArray()).containsExactly(7, 2, 1, 0, 4);
        assertThat(Labels.classCounts(m.y(), 10)).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void tabularSetsHaveTheirShapesAndClasses() {
        SampleData.Table boston = SampleData.boston();
        assertThat(boston.data().x().shape().dims()).containsExactly(506, 13);
        assertThat(boston.data().y().shape().dims()).containsExactly(506, 1);
        assertThat(boston.featureNames()).startsWith("CRIM", "ZN").hasSize(13).doesNotContain("MEDV");
        assertThat(boston.data().y().getDouble(0, 0)).isEqualTo(24.0);

        SampleData.Table cancer = SampleData.breastCancer();
        assertThat(cancer.data().x().shape().dims()).containsExactly(569, 30);
        assertThat(Labels.classCounts(cancer.data().y(), 2)).containsExactly(212, 357);
        assertThat(Labels.classCounts(SampleData.iris().data().y(), 3)).containsExactly(50, 50, 50);
        assertThat(SampleData.wine().data().x().shape().dims()).containsExactly(178, 13);
        SampleData.Table digits = SampleData.digits();
        assertThat(digits.data().x().shape().dims()).containsExactly(1797, 64);
        assertThat(digits.data().x().max().item()).isEqualTo(16.0);
        assertThat(Labels.countClasses(digits.data().y())).isEqualTo(10);
    }
}
