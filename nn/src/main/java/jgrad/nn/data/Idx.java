package jgrad.nn.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Reads the IDX format of MNIST and its relatives (Fashion-MNIST, EMNIST, KMNIST): a big-endian
 * header of two zero bytes, a type code, the number of dimensions and each dimension, then the
 * elements row-major. Files may be gzip-compressed (recognised by their first bytes). The header
 * is validated (magic, type, dimensions) and checked against the file's size, or the gzip
 * trailer's, before the data is allocated.
 */
public final class Idx {
    private Idx() {}

    /** The element types the format defines, with their codes and sizes in bytes. */
    public enum Type {
        UNSIGNED_BYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

        private final int code;
        private final int bytes;

        Type(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        public int code() {
            return code;
        }

        public int bytes() {
            return bytes;
        }

        static Type of(int code, String source) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException(String.format("Idx: %s has type code 0x%02X in its magic number; IDX"
                    + " defines 0x08 (ubyte), 0x09 (byte), 0x0B (short), 0x0C (int), 0x0D (float), 0x0E (double)",
                    source, code));
        }
    }

    /** A validated header: element type and dimensions. */
    public record Header(Type type, int[] dims) {
        public Header {
            dims = dims.clone();
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** Elements in the array. */
        public long count() {
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        /** Bytes of the header itself: magic number plus one int per dimension. */
        public int headerBytes() {
            return 4 + 4 * dims.length;
        }

        /** Bytes of the data after the header. */
        public long dataBytes() {
            return count() * type.bytes();
        }

        /** The magic number as the format writes it, e.g. 0x00000803 for MNIST images. */
        public int magic() {
            return (type.code() << 8) | dims.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && h.type == type && Arrays.equals(h.dims, dims);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return String.format("Idx.Header(%s, dims %s, magic 0x%08X)", type, Arrays.toString(dims), magic());
        }
    }

    /** A header and its raw big-endian data. */
    public record Contents(Header header, byte[] data) {
        /** The elements as float32 of the header's dimensions, each multiplied by {@code scale}. */
        public Tensor toFloat32(double scale) {
            int n = (int) header.count();
            float[] out = new float[n];
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
            float s = (float) scale;
            switch (header.type()) {
                case UNSIGNED_BYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (data[i] & 0xFF) * s;
                    }
                }
                case BYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = data[i] * s;
                    }
                }
                case SHORT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getShort(2 * i) * s;
                    }
                }
                case INT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) (b.getInt(4 * i) * scale);
                    }
                }
                case FLOAT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) (b.getFloat(4 * i) * scale);
                    }
                }
                case DOUBLE -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) (b.getDouble(8 * i) * scale);
                    }
                }
            }
            return Tensor.wrap(out, Shape.of(header.dims()));
        }

        /** The elements as int64 of the header's dimensions; only for the integer types. */
        public Tensor toInt64() {
            int n = (int) header.count();
            long[] out = new long[n];
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
            switch (header.type()) {
                case UNSIGNED_BYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = data[i] & 0xFF;
                    }
                }
                case BYTE -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = data[i];
                    }
                }
                case SHORT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getShort(2 * i);
                    }
                }
                case INT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getInt(4 * i);
                    }
                }
                default -> throw new IllegalArgumentException("Idx: toInt64 needs an integer type, this array is "
                        + header.type());
            }
            return Tensor.wrap(out, Shape.of(header.dims()));
        }
    }

    /** Reads a file, plain or gzip-compressed, checking its size against the header first. */
    public static Contents read(Path path) {
        String source = path.toString();
        try {
            long fileSize = Files.size(path);
            boolean gz = isGzip(path);
            try (InputStream raw = Files.newInputStream(path);
                    InputStream in = gz ? new java.util.zip.GZIPInputStream(raw, 1 << 16)
                            : new java.io.BufferedInputStream(raw, 1 << 16)) {
                Header h = readHeader(in, source);
                long total = h.headerBytes() + h.dataBytes();
                if (gz) {
                    long isize = gzipTrailerSize(path);
                    if (isize != (total & 0xFFFFFFFFL)) {
                        throw new IllegalArgumentException("Idx: " + source + " is truncated or not what its header"
                                + " says: " + describe(h) + " needs " + total + " bytes uncompressed, but the gzip"
                                + " trailer records " + isize);
                    }
                } else if (fileSize != total) {
                    throw new IllegalArgumentException("Idx: " + source + " has " + fileSize + " bytes, but "
                            + describe(h) + " needs " + total + " (" + h.headerBytes() + " of header and "
                            + h.dataBytes() + " of data)" + (fileSize < total ? ": the file is truncated" : ""));
                }
                return new Contents(h, readData(in, h, source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream, plain or gzip-compressed; {@code source} names it in errors. The data is
     * read in chunks and assembled only once it is all there, so a header that promises more than
     * the stream holds fails without allocating what it promised.
     */
    public static Contents read(InputStream stream, String source) {
        try {
            InputStream in = Csv.maybeGunzip(stream);
            Header h = readHeader(in, source);
            return new Contents(h, readData(in, h, source));
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates the header at the start of {@code in}. */
    public static Header readHeader(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = new byte[4];
        int got = d.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new IllegalArgumentException("Idx: " + source + " has " + got + " bytes, too short for an IDX"
                    + " header");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IllegalArgumentException(String.format("Idx: %s does not start with an IDX magic number"
                    + " (00 00 type ndim), found %02X %02X %02X %02X%s", source, magic[0], magic[1], magic[2],
                    magic[3], magic[0] == 0x1f && (magic[1] & 0xFF) == 0x8b ? " (a gzip stream inside gzip?)" : ""));
        }
        Type type = Type.of(magic[2] & 0xFF, source);
        int ndim = magic[3] & 0xFF;
        if (ndim < 1) {
            throw new IllegalArgumentException("Idx: " + source + " declares 0 dimensions; IDX arrays have at least 1");
        }
        int[] dims = new int[ndim];
        long count = 1;
        for (int i = 0; i < ndim; i++) {
            byte[] b = new byte[4];
            if (d.readNBytes(b, 0, 4) < 4) {
                throw new IllegalArgumentException("Idx: " + source + " ends inside its header (dimension " + i
                        + " of " + ndim + ")");
            }
            int dim = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getInt();
            if (dim <= 0) {
                throw new IllegalArgumentException("Idx: " + source + " declares dimension " + i + " = "
                        + Integer.toUnsignedString(dim) + "; dimensions must be positive");
            }
            dims[i] = dim;
            count *= dim;
            if (count * type.bytes() > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("Idx: " + source + " declares dimensions " + Arrays.toString(
                        Arrays.copyOf(dims, i + 1)) + "...; more than 2^31 bytes of data is not supported");
            }
        }
        return new Header(type, dims);
    }

    private static byte[] readData(InputStream in, Header h, String source) throws IOException {
        int n = (int) h.dataBytes();
        byte[] data = in.readNBytes(n);
        if (data.length < n) {
            throw new IllegalArgumentException("Idx: " + source + " is truncated: " + describe(h) + " needs " + n
                    + " bytes of data after the header, found " + data.length);
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException("Idx: " + source + " has bytes after the " + n + " that " + describe(h)
                    + " needs; is the header right?");
        }
        return data;
    }

    private static String describe(Header h) {
        return "a " + h.type() + " array of " + Arrays.toString(h.dims());
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** gzip's ISIZE: the uncompressed size modulo 2^32, little-endian in the file's last four bytes. */
    private static long gzipTrailerSize(Path path) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            if (f.length() < 18) {
                throw new IllegalArgumentException("Idx: " + path + " is too short (" + f.length() + " bytes) to be a"
                        + " complete gzip file");
            }
            f.seek(f.length() - 4);
            byte[] b = new byte[4];
            f.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        }
    }
}
