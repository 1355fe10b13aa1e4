package jgrad.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("dense/kernel", Tensor.of(new float[][] {{1.5f, -2}, {3, 4.25f}}));
        m.put("dense/bias", Tensor.of(new double[] {0.1, -0.2}));
        m.put("count", Tensor.of(new long[] {42, -7, 0}));
        m.put("mask", Tensor.of(new boolean[] {true, false}));
        m.put("empty", Tensor.zeros(0, 3));
        m.put("scalar", Tensor.of(2.5f));
        return m;
    }

    @Test
    void roundTripsEveryDtypeAndMetadata() throws IOException {
        Path p = dir.resolve("w.safetensors");
        SafeTensors.write(p, sample(), Map.of("format", "jgrad"));
        Map<String, Tensor> back = SafeTensors.read(p);
        assertThat(back.keySet()).containsExactly("dense/kernel", "dense/bias", "count", "mask", "empty", "scalar");
        for (Map.Entry<String, Tensor> e : sample().entrySet()) {
            Tensor t = back.get(e.getKey());
            assertThat(t.dtype()).isEqualTo(e.getValue().dtype());
            assertThat(t.shape()).isEqualTo(e.getValue().shape());
            assertThat(t.contentEquals(e.getValue())).as(e.getKey()).isTrue();
        }
        SafeTensors.Header h = SafeTensors.readHeader(p);
        assertThat(h.metadata()).containsEntry("format", "jgrad");
        assertThat(h.entry("count").dtype()).isEqualTo(DType.INT64);
        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"dtype\":\"F32\"").contains("\"shape\":[2,2]")
                .contains("\"data_offsets\":[0,16]").contains("\"__metadata__\":{\"format\":\"jgrad\"}");
        assertThat(bytes.length).isEqualTo(8 + n + 16 + 16 + 24 + 2 + 0 + 4);
        assertThat(Files.list(dir).toList()).containsExactly(p);
    }

    @Test
    void readsAFileWrittenByPythonFollowingTheOffsets() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("python_written.safetensors")) {
            bytes = in.readAllBytes();
        }
        Path p = dir.resolve("py.safetensors");
        Files.write(p, bytes);
        Map<String, Tensor> t = SafeTensors.read(p);
        assertThat(t.keySet()).containsExactly("steps", "dense/kernel", "mask", "dense/bias");
        assertThat(t.get("dense/kernel").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.get("dense/kernel").toFloatArray()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f, 1.5f);
        assertThat(t.get("dense/bias").toDoubleArray()).containsExactly(1.5, -2.0, 3.25);
        assertThat(t.get("steps").toLongArray()).containsExactly(7, -9);
        assertThat(t.get("mask").toBooleanArray()).containsExactly(true, false, false, true);
        assertThat(SafeTensors.readHeader(p).metadata()).containsEntry("format", "pt");
        assertThat(SafeTensors.read(bytes, "memory").keySet()).hasSize(4);
    }

    /** A file with this header text (padded) and {@code data} bytes. */
    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path p = dir.resolve("bad" + header.hashCode() + "_" + dataBytes + ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void everyHeaderProblemIsReportedBeforeAllocating() throws IOException {
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensors.read(tiny)).hasMessageContaining("shorter than the 8-byte header length");

        Path huge = dir.resolve("huge");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertThatThrownBy(() -> SafeTensors.read(huge)).hasMessageContaining("header length 1099511627776");

        assertThatThrownBy(() -> SafeTensors.read(file("[1, 2]  ", 0))).hasMessageContaining("does not start with '{'");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\": ", 0))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\": {\"dtype\": \"F32\"}}", 0)))
                .hasMessageContaining("tensor 'a' needs \"dtype\", \"shape\"");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4)))
                .hasMessageContaining("dtype F16, which jgrad does not read");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 16]}}", 8)))
                .hasMessageContaining("outside the data section of 8 bytes");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", 8)))
                .hasMessageContaining("F32 [3] needs 12 bytes but its data_offsets span 8");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", 8)))
                .hasMessageContaining("invalid extent -2");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\":"
                + " [0, 4]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}", 12)))
                .hasMessageContaining("'b' starts at byte 8 of the data, expected 4");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\":"
                + " [0, 8]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8)))
                .hasMessageContaining("without gaps or overlaps");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 12)))
                .hasMessageContaining("cover 4 bytes but the data section has 12");
        assertThatThrownBy(() -> SafeTensors.read(file("{\"__metadata__\": {\"n\": 3}}", 0)))
                .hasMessageContaining("metadata 'n' is not a string");
        assertThatThrownBy(() -> SafeTensors.read(
                file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}", 4)))
                .hasMessageContaining("non-integer in shape");
        assertThat(SafeTensors.read(file("{}", 0))).isEmpty();
    }

    @Test
    void tensorsLargerThanOneReadChunkRoundTrip() {
        // Tensors are read in 64 KB chunks straight into their arrays; sizes straddle the chunk edges.
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("f32", Tensor.randomNormal(new jgrad.core.Rng(1), 0, 1, 3, 10_923));
        m.put("f64", Tensor.randomNormal(new jgrad.core.Rng(2), 0, 1, 8193).cast(DType.FLOAT64));
        m.put("i64", Tensor.randomNormal(new jgrad.core.Rng(3), 0, 100, 16_385).cast(DType.INT64));
        m.put("bool", Tensor.randomNormal(new jgrad.core.Rng(4), 0, 1, 70_001).greater(0.0));
        Path p = dir.resolve("big.safetensors");
        SafeTensors.write(p, m, Map.of());
        Map<String, Tensor> back = SafeTensors.read(p);
        for (String k : m.keySet()) {
            assertThat(back.get(k).contentEquals(m.get(k))).as(k).isTrue();
        }
    }

    @Test
    void messagesSayWhatIsWrongAndWhatToDo() throws IOException {
        Path missing = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(missing)).hasMessage("cannot read " + missing + ": no such file");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "x");
        Path under = notes.resolve("w.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(under))
                .hasMessage("cannot read " + under + ": " + notes + " is a file, not a folder");
        assertThatThrownBy(() -> SafeTensors.read(dir)).hasMessageContaining("it is a folder");

        Path eight = dir.resolve("eight");
        Files.write(eight, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0).array());
        assertThatThrownBy(() -> SafeTensors.read(eight))
                .hasMessageContaining("it has only the 8-byte header length (0) and no header")
                .hasMessageNotContaining("2..0");
        Path short16 = dir.resolve("short");
        Files.write(short16, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array());
        assertThatThrownBy(() -> SafeTensors.read(short16))
                .hasMessageContaining("header length 100 but only 8 bytes follow it");

        assertThatThrownBy(() -> SafeTensors.read(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\":"
                + " [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8)))
                .hasMessageContaining("names tensor 'a' twice (duplicate entry)");

        Path model = dir.resolve("m.jgrad");
        jgrad.nn.Layer.resetNames();
        new jgrad.nn.Sequential(jgrad.nn.Input.of(2), new jgrad.nn.layers.Dense(1)).save(model);
        assertThatThrownBy(() -> SafeTensors.read(model))
                .hasMessageContaining("this is a zip archive, not a safetensors weights file")
                .hasMessageContaining("loads with Model.load(path)");
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaries() throws IOException {
        Path p = dir.resolve("keep.safetensors");
        SafeTensors.write(p, Map.of("a", Tensor.ones(2)), Map.of());
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("x", Tensor.ones(3));
        bad.put("__metadata__", Tensor.ones(1));
        assertThatThrownBy(() -> SafeTensors.write(p, bad, Map.of())).hasMessageContaining("cannot be a tensor name");
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertThat(Files.list(dir).toList()).containsExactly(p);
        assertThat(List.of(SafeTensors.code(DType.FLOAT32), SafeTensors.code(DType.BOOL))).containsExactly("F32", "BOOL");
    }
}
