package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    private static CsvTable read(Csv.Reader r, String text) {
        return r.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void readsAHeaderAndNumericColumns() {
        CsvTable t = read(Csv.reader(), "a,b,c\n1,2,3\n4,5.5,-6e1\n");
        assertThat(t.columnNames()).containsExactly("a", "b", "c");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.column("b")).containsExactly(2, 5.5);
        assertThat(t.column("c")).containsExactly(3, -60);
    }

    @Test
    void skipsLinesSelectsColumnsAndReadsWithoutAHeader() {
        // The scikit-learn copies start with "n_samples,n_features,...", then the data.
        CsvTable iris = read(Csv.reader().skipLines(1).header(false), "3,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n\n");
        assertThat(iris.columnNames()).containsExactly("0", "1", "2");
        assertThat(iris.column(2)).containsExactly(0, 1);
        CsvTable picked = read(Csv.reader().columns("c", "a"), "a,b,c\n1,x,3\n");
        assertThat(picked.columnNames()).containsExactly("c", "a");
        assertThat(picked.column("c")).containsExactly(3);
        CsvTable last = read(Csv.reader().header(false).columns(-1), "1,2\n3,4\n");
        assertThat(last.column(0)).containsExactly(2, 4);
    }

    @Test
    void keepsTextColumnsQuotesAndOtherDelimiters() {
        CsvTable t = read(Csv.reader().delimiter(';').textColumns("origin"),
                "mpg;origin\n18;\"US; Detroit\"\n26;\"Japan \"\"JDM\"\"\"\n");
        assertThat(t.text("origin")).containsExactly("US; Detroit", "Japan \"JDM\"");
        assertThat(t.column("mpg")).containsExactly(18, 26);
        assertThat(t.isText("origin")).isTrue();
    }

    @Test
    void numbersAreDecimalNumbersOnly() {
        // Double.parseDouble reads these as 4, 5 and 8: a data file never means them as numbers.
        for (String bad : new String[] {"4f", "5d", "0x1p3", "1e", "+", ".", "1.2.3", "1,5", "\u00001", "1_000"}) {
            assertThatThrownBy(() -> read(Csv.reader().delimiter(';'), "a;b\n1;" + bad + "\n"))
                    .as(bad).hasMessageContaining("test.csv line 2, column 1 ('b'): cannot parse")
                    .hasMessageContaining("as a decimal number");
        }
        CsvTable ok = read(Csv.reader(), "a\n-1.5e3\n+2\n.5\n7.\n1E-2\n 3 \n");
        assertThat(ok.column("a")).containsExactly(-1500, 2, 0.5, 7, 0.01, 3);
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("boston.csv");
        assertThatThrownBy(() -> Csv.read(missing)).hasMessage("Csv: cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> Csv.read(dir)).hasMessage("Csv: cannot read " + dir + ": it is a folder, not a file");
    }

    @Test
    void nanAndInfinityOnlyWhenAskedFor() {
        String text = "a,b\n1,NaN\n2,-inf\n3,Infinity\n";
        assertThatThrownBy(() -> read(Csv.reader(), text))
                .hasMessageContaining("test.csv line 2, column 1 ('b'): 'NaN' is not a finite number")
                .hasMessageContaining("allowNonFinite(true)");
        CsvTable t = read(Csv.reader().allowNonFinite(true).skipLines(0), text);
        assertThat(t.column("b")).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> read(Csv.reader().allowNonFinite(true), "a\nnan1\n"))
                .hasMessageContaining("cannot parse 'nan1' as a decimal number");
    }

    @Test
    void errorsNameTheSourceLineAndColumn() {
        assertThatThrownBy(() -> read(Csv.reader(), "a,b\n1,2\n3,oops\n"))
                .hasMessageContaining("test.csv line 3, column 1 ('b'): cannot parse 'oops' as a decimal number");
        assertThatThrownBy(() -> read(Csv.reader(), "a,b\n1,2\n3\n"))
                .hasMessageContaining("line 3 has 1 fields, expected 2");
        assertThatThrownBy(() -> read(Csv.reader(), "a,b\n1,\n")).hasMessageContaining("line 2, column 1 ('b'): empty");
        assertThatThrownBy(() -> read(Csv.reader(), "a,b\n")).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> read(Csv.reader(), "")).hasMessageContaining("no header line");
        assertThatThrownBy(() -> read(Csv.reader().columns("z"), "a,b\n1,2\n")).hasMessageContaining("no column 'z'");
        assertThatThrownBy(() -> read(Csv.reader().header(false).columns("a"), "1,2\n"))
                .hasMessageContaining("need a header");
        assertThatThrownBy(() -> read(Csv.reader().columns(5), "a,b\n1,2\n")).hasMessageContaining("index 5");
        assertThatThrownBy(() -> read(Csv.reader(), "a\n\"1\n")).hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> read(Csv.reader().textColumns("q"), "a\n1\n")).hasMessageContaining("[q]");
        assertThatThrownBy(() -> read(Csv.reader().skipLines(3), "a\n")).hasMessageContaining("skipLines = 3");
        assertThatThrownBy(() -> Csv.reader().delimiter('"')).hasMessageContaining("delimiter");
    }

    @Test
    void readsPlainAndGzipFilesAlike(@TempDir Path dir) throws IOException {
        String text = "\uFEFFx,y\n1,2\n3,4\n";
        Path plain = dir.resolve("t.csv");
        Files.writeString(plain, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path zipped = dir.resolve("t.csv.gz");
        Files.write(zipped, bytes.toByteArray());
        assertThat(Csv.read(plain).column("y")).containsExactly(2, 4);
        assertThat(Csv.read(zipped).column("x")).containsExactly(1, 3);
        assertThatThrownBy(() -> Csv.read(dir.resolve("missing.csv"))).hasMessageContaining("missing.csv");
    }
}
