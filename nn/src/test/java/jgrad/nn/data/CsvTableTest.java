package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static final String BOSTON_LIKE = "3,2\nCRIM,RM,CHAS,MEDV\n0.1,6.5,0,24\n0.2,6.4,1,21.6\n0.3,7.1,0,34.7\n";

    private static CsvTable table() {
        return Csv.reader().skipLines(1).read(new ByteArrayInputStream(BOSTON_LIKE.getBytes(StandardCharsets.UTF_8)),
                "boston");
    }

    @Test
    void dropAndSelectGiveFeatureAndTargetTensors() {
        CsvTable t = table();
        Tensor x = t.drop("MEDV").toTensor();
        Tensor y = t.select("MEDV").toTensor();
        assertThat(x.shape().dims()).containsExactly(3, 3);
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.getDouble(1, 1)).isEqualTo(6.4f);
        assertThat(y.shape().dims()).containsExactly(3, 1);
        assertThat(y.getDouble(2, 0)).isEqualTo(34.7f);
        assertThat(t.select(-1, 0).columnNames()).containsExactly("MEDV", "CRIM");
        assertThat(t.toTensor(DType.FLOAT64).getDouble(0, 0)).isEqualTo(0.1);
        assertThat(t.columns()).isEqualTo(4);
        assertThat(t.source()).isEqualTo("boston");
        assertThat(t.toString()).contains("3 rows");
    }

    @Test
    void refusesTextInTensorsAndUnknownOrAmbiguousNames() {
        CsvTable t = Csv.reader().textColumns("c").read(
                new ByteArrayInputStream("a,c,a\n1,x,2\n".getBytes(StandardCharsets.UTF_8)), "dup");
        assertThatThrownBy(t::toTensor).hasMessageContaining("column 'c' of dup is text");
        assertThatThrownBy(() -> t.column("c")).hasMessageContaining("is text");
        assertThatThrownBy(() -> t.column("a")).hasMessageContaining("appears more than once");
        assertThat(t.column(2)).containsExactly(2);
        assertThatThrownBy(() -> table().text("RM")).hasMessageContaining("is numeric");
        assertThatThrownBy(() -> table().select("nope")).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> table().drop("CRIM", "RM", "CHAS", "MEDV")).hasMessageContaining("leaves no column");
        assertThatThrownBy(() -> table().toTensor(DType.INT64)).hasMessageContaining("float32 or float64");
        assertThatThrownBy(() -> table().column(9)).hasMessageContaining("out of range");
    }
}
