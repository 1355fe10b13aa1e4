package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    /** An IDX file: 00 00 type ndim, the dimensions big-endian, then {@code data}. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.writeByte(0);
            d.writeByte(0);
            d.writeByte(type);
            d.writeByte(dims.length);
            for (int x : dims) {
                d.writeInt(x);
            }
            d.write(data);
            return b.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                gz.write(raw);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Idx.Contents read(byte[] bytes) {
        return Idx.read(new ByteArrayInputStream(bytes), "mem");
    }

    @Test
    void readsUnsignedBytesAsScaledFloatsAndAsLongs() {
        byte[] data = {0, (byte) 255, (byte) 128, 1, 2, 3};
        Idx.Contents c = read(idx(0x08, new int[] {2, 3}, data));
        assertThat(c.header().type()).isEqualTo(Idx.Type.UNSIGNED_BYTE);
        assertThat(c.header().dims()).containsExactly(2, 3);
        assertThat(c.header().magic()).isEqualTo(0x00000802);
        Tensor f = c.toFloat32(1.0 / 255);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.getDouble(0, 1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(f.getDouble(0, 2)).isCloseTo(128.0 / 255, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.toInt64().toLongArray()).containsExactly(0, 255, 128, 1, 2, 3);
    }

    @Test
    void readsWiderTypesBigEndian() {
        byte[] ints = {0, 0, 1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE};
        assertThat(read(idx(0x0C, new int[] {2}, ints)).toInt64().toLongArray()).containsExactly(256, -2);
        byte[] shorts = {(byte) 0xFF, (byte) 0xFF, 0, 7};
        assertThat(read(idx(0x0B, new int[] {2}, shorts)).toFloat32(1).toFloatArray()).containsExactly(-1, 7);
        byte[] floats = java.nio.ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f).array();
        assertThat(read(idx(0x0D, new int[] {2}, floats)).toFloat32(2).toFloatArray()).containsExactly(3, -4);
        assertThatThrownBy(() -> read(idx(0x0D, new int[] {2}, floats)).toInt64()).hasMessageContaining("integer type");
        assertThat(read(idx(0x09, new int[] {1}, new byte[] {-3})).toInt64().toLongArray()).containsExactly(-3);
    }

    @Test
    void validatesTheMagicNumberTypeAndDimensions() {
        assertThatThrownBy(() -> read(new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 0})).hasMessageContaining("IDX magic number");
        assertThatThrownBy(() -> read(idx(0x07, new int[] {1}, new byte[1]))).hasMessageContaining("type code 0x07");
        assertThatThrownBy(() -> read(idx(0x08, new int[] {}, new byte[0]))).hasMessageContaining("0 dimensions");
        assertThatThrownBy(() -> read(idx(0x08, new int[] {0}, new byte[0]))).hasMessageContaining("dimension 0 = 0");
        assertThatThrownBy(() -> read(new byte[] {0, 0})).hasMessageContaining("too short");
        assertThatThrownBy(() -> read(Arrays.copyOf(idx(0x08, new int[] {2, 2}, new byte[4]), 9)))
                .hasMessageContaining("ends inside its header");
    }

    @Test
    void refusesHugeDeclaredSizesBeforeAllocating() {
        assertThatThrownBy(() -> read(idx(0x08, new int[] {60000, 28000, 28000}, new byte[0])))
                .hasMessageContaining("more than 2^31 bytes");
        // A header promising 10000 x 28 x 28 with only a few bytes behind it fails on the stream
        // without ever allocating 7.8 MB.
        assertThatThrownBy(() -> read(idx(0x08, new int[] {10000, 28, 28}, new byte[10])))
                .hasMessageContaining("is truncated").hasMessageContaining("7840000 bytes").hasMessageContaining("found 10");
        assertThatThrownBy(() -> read(idx(0x08, new int[] {2}, new byte[3]))).hasMessageContaining("bytes after");
    }

    @Test
    void checksFileSizesAgainstTheHeaderForPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        byte[] good = idx(0x08, new int[] {3}, new byte[] {1, 2, 3});
        Path plain = Files.write(dir.resolve("a-idx1-ubyte"), good);
        Path zipped = Files.write(dir.resolve("a-idx1-ubyte.gz"), gzip(good));
        assertThat(Idx.read(plain).toInt64().toLongArray()).containsExactly(1, 2, 3);
        assertThat(Idx.read(zipped).toInt64().toLongArray()).containsExactly(1, 2, 3);

        Path shortPlain = Files.write(dir.resolve("short"), Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> Idx.read(shortPlain)).hasMessageContaining("has 10 bytes, but")
                .hasMessageContaining("needs 11").hasMessageContaining("truncated");
        byte[] lying = idx(0x08, new int[] {1000}, new byte[] {1, 2, 3});
        Path lyingGz = Files.write(dir.resolve("lying.gz"), gzip(lying));
        assertThatThrownBy(() -> Idx.read(lyingGz)).hasMessageContaining("needs 1008 bytes uncompressed")
                .hasMessageContaining("trailer records 11");
        assertThatThrownBy(() -> Idx.read(dir.resolve("nope"))).hasMessageContaining("nope");
    }
}
