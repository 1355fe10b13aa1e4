package jgrad.nn.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.io.AtomicFiles;
import jgrad.core.io.FileErrors;

/**
 * The safetensors format (Hugging Face's, read by PyTorch's {@code safetensors.torch.load_file}):
 * an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [13, 64], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {...}}}), then the raw little-endian data, every byte belonging to exactly one
 * tensor. jgrad writes F32, F64, I64 and BOOL; it writes atomically and pads the header with
 * spaces to a multiple of 8 bytes, as the reference writer does.
 *
 * <p>Reading validates everything before allocating any tensor: the header length against the
 * file size (and a 100 MB cap, as the reference reader), the JSON, each dtype, shape and offset
 * pair, that sizes equal shape times element size, and that the tensors tile the data exactly.
 */
public final class SafeTensors {
    /** The reference implementation's cap on the header size. */
    public static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final String METADATA = "__metadata__";
    private static final Gson GSON = new Gson();

    private SafeTensors() {}

    /** One tensor's header entry: dtype, shape and its byte range in the data section. */
    public record Entry(String name, DType dtype, Shape shape, long begin, long end) {}

    /** A validated header: entries in file order (by offset), and the metadata map. */
    public record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
        /** The entry called {@code name}, or null. */
        public Entry entry(String name) {
            for (Entry e : entries) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code tensors} (in map order) with optional string metadata, atomically. */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(path, "path");
        AtomicFiles.write(path, out -> write(out, tensors, metadata));
    }

    /** Writes the format to a stream (the caller closes it). */
    public static void write(OutputStream rawOut, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            if (name.equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: '" + METADATA + "' cannot be a tensor name");
            }
            Tensor t = Objects.requireNonNull(e.getValue(), "tensor '" + name + "'");
            long bytes = (long) t.size() * t.dtype().byteSize();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", code(t.dtype()));
            JsonArray shape = new JsonArray();
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            entry.add("data_offsets", offsets);
            header.add(name, entry);
            offset += bytes;
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        OutputStream out = new BufferedOutputStream(rawOut, 1 << 16);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(head);
        for (Tensor t : tensors.values()) {
            writeData(out, t);
        }
        out.flush();
    }

    private static void writeData(OutputStream out, Tensor t) throws IOException {
        int n = t.size();
        int chunk = 8192;
        ByteBuffer buf = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> {
                float[] v = t.toFloatArray();
                for (int i = 0; i < n; i += chunk) {
                    buf.clear();
                    buf.asFloatBuffer().put(v, i, Math.min(chunk, n - i));
                    out.write(buf.array(), 0, Math.min(chunk, n - i) * 4);
                }
            }
            case FLOAT64 -> {
                double[] v = t.toDoubleArray();
                for (int i = 0; i < n; i += chunk) {
                    buf.clear();
                    buf.asDoubleBuffer().put(v, i, Math.min(chunk, n - i));
                    out.write(buf.array(), 0, Math.min(chunk, n - i) * 8);
                }
            }
            case INT64 -> {
                long[] v = t.toLongArray();
                for (int i = 0; i < n; i += chunk) {
                    buf.clear();
                    buf.asLongBuffer().put(v, i, Math.min(chunk, n - i));
                    out.write(buf.array(), 0, Math.min(chunk, n - i) * 8);
                }
            }
            case BOOL -> {
                boolean[] v = t.toBooleanArray();
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (v[i] ? 1 : 0);
                }
                out.write(b);
            }
        }
    }

    /** The safetensors dtype code. */
    public static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    private static DType dtypeOf(String code, String name, String where) {
        return switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I64" -> DType.INT64;
            case "BOOL" -> DType.BOOL;
            default -> throw new IllegalArgumentException(where + ": tensor '" + name + "' has dtype " + code
                    + ", which jgrad does not read (it reads F32, F64, I64, BOOL)");
        };
    }

    // ---------------------------------------------------------------- reading

    /** Where bytes come from: a file channel, an in-memory buffer or a stream (a zip entry). */
    interface Source {
        long size() throws IOException;

        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    private static Source of(FileChannel ch) {
        return new Source() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void readFully(long position, ByteBuffer dst) throws IOException {
                long p = position;
                while (dst.hasRemaining()) {
                    int r = ch.read(dst, p);
                    if (r < 0) {
                        throw new IOException("unexpected end of file at byte " + p);
                    }
                    p += r;
                }
            }
        };
    }

    private static Source of(byte[] bytes) {
        return new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, ByteBuffer dst) throws IOException {
                int n = dst.remaining();
                if (position + n > bytes.length) {
                    throw new IOException("unexpected end of data at byte " + bytes.length);
                }
                dst.put(bytes, (int) position, n);
            }
        };
    }

    /**
     * A forward-only source over a stream that holds exactly {@code size} bytes (a zip entry whose
     * size its directory declares): reads must come in increasing position order, and the stream
     * may not hold more than {@code size} bytes (checked by {@link #requireEnd}), so a crafted
     * entry cannot inflate past what it declares.
     */
    static Source of(InputStream in, long size) {
        return new Source() {
            private long pos;

            @Override
            public long size() {
                return size;
            }

            @Override
            public void readFully(long position, ByteBuffer dst) throws IOException {
                if (position < pos) {
                    throw new IOException("internal error: stream read at byte " + position + " after byte " + pos);
                }
                int n = dst.remaining();
                if (position + n > size) {
                    throw new IOException("read past the declared " + size + " bytes");
                }
                in.skipNBytes(position - pos);
                int got = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), n);
                if (got < n) {
                    throw new IOException("unexpected end of data at byte " + (position + got) + " of the declared "
                            + size);
                }
                dst.position(dst.limit());
                pos = position + n;
            }
        };
    }

    /** Fails if {@code in} holds more bytes after what was read: the entry is bigger than it declared. */
    static void requireEnd(InputStream in, String where, long declared) throws IOException {
        if (in.read() >= 0) {
            throw new IllegalArgumentException(where + ": the entry holds more than the " + declared
                    + " bytes its zip directory declares (corrupt or crafted file)");
        }
    }

    /** Reads and validates the header of a file, without reading tensor data. */
    public static Header readHeader(Path path) {
        try (FileChannel ch = open(path)) {
            return readHeader(of(ch), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Opens a file for reading; a missing file, a folder or a path under a regular file fail saying so. */
    static FileChannel open(Path path) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            String msg = "cannot read " + path + ": it is a folder, not a file";
            throw new UncheckedIOException(msg, new IOException(msg));
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.cannotRead(path, e), e);
        }
    }

    /** Reads every tensor of a file, in file order; the header is validated first. */
    public static Map<String, Tensor> read(Path path) {
        try (FileChannel ch = open(path)) {
            Source s = of(ch);
            return readAll(s, readHeader(s, path.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The header of the format held in memory. */
    public static Header readHeader(byte[] bytes, String where) {
        try {
            return readHeader(of(bytes), where);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Every tensor of the format held in memory. */
    public static Map<String, Tensor> read(byte[] bytes, String where) {
        try {
            Source s = of(bytes);
            return readAll(s, readHeader(s, where));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    static Header readHeader(Source src, String where) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new IllegalArgumentException(where + ": not a safetensors file (" + size
                    + " bytes, shorter than the 8-byte header length)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf);
        if (lenBuf.get(0) == 'P' && lenBuf.get(1) == 'K' && lenBuf.get(2) == 3 && lenBuf.get(3) == 4) {
            throw new IllegalArgumentException(where + ": this is a zip archive, not a safetensors weights file; a"
                    + " whole model saved with model.save loads with Model.load(path)");
        }
        long n = lenBuf.flip().getLong();
        if (size == 8) {
            throw new IllegalArgumentException(where + ": not a safetensors file or truncated: it has only the 8-byte"
                    + " header length (" + n + ") and no header");
        }
        if (n < 2 || n > MAX_HEADER) {
            throw new IllegalArgumentException(where + ": not a safetensors file: header length " + n
                    + (n < 2 ? " is below 2 (the shortest header is {})" : " is above the 100 MB cap on headers"));
        }
        if (n > size - 8) {
            throw new IllegalArgumentException(where + ": not a safetensors file or truncated: header length " + n
                    + " but only " + (size - 8) + " bytes follow it (the file has " + size + " bytes)");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        src.readFully(8, json);
        String text = new String(json.array(), StandardCharsets.UTF_8);
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException(where + ": not a safetensors file (the header does not start with '{')");
        }
        requireUniqueNames(text, where);
        JsonObject obj;
        try {
            JsonElement el = JsonParser.parseString(text);
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException(where + ": the safetensors header is not a JSON object");
            }
            obj = el.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(where + ": the safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA)) {
                if (!e.getValue().isJsonObject()) {
                    throw new IllegalArgumentException(where + ": '__metadata__' must be an object of strings");
                }
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                        throw new IllegalArgumentException(where + ": metadata '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            entries.add(entry(name, e.getValue(), dataSize, where));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expect = 0;
        for (Entry e : entries) {
            if (e.begin() != expect) {
                throw new IllegalArgumentException(where + ": tensor '" + e.name() + "' starts at byte " + e.begin()
                        + " of the data, expected " + expect + " (tensors must tile the data without gaps or overlaps)");
            }
            expect = e.end();
        }
        if (expect != dataSize) {
            throw new IllegalArgumentException(where + ": the tensors cover " + expect + " bytes but the data section"
                    + " has " + dataSize + " (truncated or trailing bytes)");
        }
        return new Header(Collections.unmodifiableList(entries), Collections.unmodifiableMap(metadata), dataStart);
    }

    /**
     * JSON objects may repeat a key and parsers keep the last; a safetensors header that names a
     * tensor twice is broken (two byte ranges for one name), so it is refused as such.
     */
    private static void requireUniqueNames(String text, String where) {
        Set<String> seen = new HashSet<>();
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!seen.add(name)) {
                    throw new IllegalArgumentException(where + ": the header names tensor '" + name + "' twice"
                            + " (duplicate entry)");
                }
                r.skipValue();
            }
        } catch (IOException | IllegalStateException e) {
            // Malformed JSON: the full parse below reports it with its position.
        }
    }

    private static Entry entry(String name, JsonElement el, long dataSize, String where) {
        if (!el.isJsonObject()) {
            throw new IllegalArgumentException(where + ": header entry '" + name + "' is not an object");
        }
        JsonObject o = el.getAsJsonObject();
        JsonElement dt = o.get("dtype");
        JsonElement sh = o.get("shape");
        JsonElement off = o.get("data_offsets");
        if (dt == null || !dt.isJsonPrimitive() || sh == null || !sh.isJsonArray() || off == null || !off.isJsonArray()
                || off.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException(where + ": tensor '" + name + "' needs \"dtype\", \"shape\" and a"
                    + " two-element \"data_offsets\", got " + o);
        }
        DType dtype = dtypeOf(dt.getAsString(), name, where);
        JsonArray shapeArr = sh.getAsJsonArray();
        int[] dims = new int[shapeArr.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = integer(shapeArr.get(i), name, "shape", where);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where + ": tensor '" + name + "' has an invalid extent " + d);
            }
            dims[i] = (int) d;
            count *= d;
            if (count > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(where + ": tensor '" + name + "' has more than 2^31 elements");
            }
        }
        long begin = integer(off.getAsJsonArray().get(0), name, "data_offsets", where);
        long end = integer(off.getAsJsonArray().get(1), name, "data_offsets", where);
        if (begin < 0 || end < begin || end > dataSize) {
            throw new IllegalArgumentException(where + ": tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataSize + " bytes");
        }
        long expected = count * dtype.byteSize();
        if (expected > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(where + ": tensor '" + name + "' " + code(dtype) + " "
                    + Arrays.toString(dims) + " needs " + expected + " bytes, more than one Java array holds");
        }
        if (end - begin != expected) {
            throw new IllegalArgumentException(where + ": tensor '" + name + "' " + code(dtype) + " "
                    + Arrays.toString(dims) + " needs " + expected + " bytes but its data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, Shape.of(dims), begin, end);
    }

    private static long integer(JsonElement e, String name, String field, String where) {
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double d = e.getAsDouble();
                long l = e.getAsLong();
                if (d == l) {
                    return l;
                }
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new IllegalArgumentException(where + ": tensor '" + name + "' has a non-integer in " + field + ": " + e);
    }

    private static Map<String, Tensor> readAll(Source src, Header h) throws IOException {
        return readEntries(src, h, h.entries());
    }

    /** The tensors of {@code entries}, read in file order (a stream source reads only forwards), keyed by name. */
    static Map<String, Tensor> readEntries(Source src, Header h, List<Entry> entries) throws IOException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin));
        Map<String, Tensor> read = new HashMap<>();
        for (Entry e : byOffset) {
            read.put(e.name(), readTensor(src, h, e));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.name(), read.get(e.name()));
        }
        return out;
    }

    /**
     * Reads one tensor straight into its array, 64 KB at a time: the only allocation the size of
     * the tensor is the array itself, so loading needs the model's memory, not twice that.
     */
    private static Tensor readTensor(Source src, Header h, Entry e) throws IOException {
        int n = e.shape().size();
        int width = e.dtype().byteSize();
        int chunk = (1 << 16) / 8;
        ByteBuffer buf = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        Object data = switch (e.dtype()) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
        long position = h.dataStart() + e.begin();
        for (int i = 0; i < n; i += chunk) {
            int m = Math.min(chunk, n - i);
            buf.clear().limit(m * width);
            src.readFully(position + (long) i * width, buf);
            buf.flip();
            switch (data) {
                case float[] v -> buf.asFloatBuffer().get(v, i, m);
                case double[] v -> buf.asDoubleBuffer().get(v, i, m);
                case long[] v -> buf.asLongBuffer().get(v, i, m);
                case boolean[] v -> {
                    for (int k = 0; k < m; k++) {
                        v[i + k] = buf.get(k) != 0;
                    }
                }
                default -> throw new IllegalStateException("unreachable");
            }
        }
        return Tensor.wrap(data, e.shape());
    }

    /** Reads the tensors of the named entries from a file whose header was read with {@link #readHeader(Path)}. */
    static Map<String, Tensor> readEntries(Path path, Header h, List<Entry> entries) {
        try (FileChannel ch = open(path)) {
            Source s = of(ch);
            if (s.size() != h.dataStart() + (h.entries().isEmpty() ? 0 : h.entries().get(h.entries().size() - 1).end())) {
                throw new IllegalStateException(path + " changed while it was being read");
            }
            return readEntries(s, h, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
