package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.math.Cos;
import jgrad.ops.math.Erf;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Sub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Kernels.setCacheDir(null);
        Kernels.setSynchronous(false);
    }

    private static FusedOp group() {
        FusedGroup.Builder b = FusedGroup.builder();
        int x = b.input();
        int y = b.input();
        b.node(new Erf(), b.node(new Cos(), b.node(new Sub(), b.node(new Mul(), x, y), y)));
        return new FusedOp(b.build());
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void aSecondRunLoadsTheKernelWithoutJavac() throws IOException {
        Kernels.setSynchronous(true);
        Kernels.setCacheDir(dir);
        Rng rng = new Rng(4);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 3, 21);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 3, 21);
        Kernels.clearCache();
        long compiled = Kernels.compilations();
        Tensor first = group().apply(x, y);
        assertThat(Kernels.compilations()).isEqualTo(compiled + 1);
        assertThat(files(".kernel")).hasSize(1);
        assertThat(files(".java")).hasSize(1);
        assertThat(Files.readString(files(".java").get(0))).contains("erf(cos(x0 * x1 - x1))");
        assertThat(files(".tmp")).isEmpty();

        // As a new process would: nothing in memory, the same source, so the class bytes come from disk.
        Kernels.clearCache();
        long hits = Kernels.diskCacheHits();
        Tensor second = group().apply(x, y);
        assertThat(Kernels.compilations()).isEqualTo(compiled + 1);
        assertThat(Kernels.diskCacheHits()).isEqualTo(hits + 1);
        assertThat(Kernels.all().getLast().fromDiskCache()).isTrue();
        assertThat(second.allClose(first, 0, 0)).isTrue();
    }

    @Test
    void aCorruptedCacheFileIsRejectedAndReplaced() throws IOException {
        Kernels.setSynchronous(true);
        Kernels.setCacheDir(dir);
        Rng rng = new Rng(5);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 40);
        Tensor y = Tensor.randomUniform(rng, -1, 1, 40);
        Kernels.clearCache();
        Tensor expected = group().apply(x, y);
        Path file = files(".kernel").get(0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x5a;   // flip bits inside the class bytes
        Files.write(file, bytes);

        Kernels.clearCache();
        long compiled = Kernels.compilations();
        long hits = Kernels.diskCacheHits();
        int logged = CapturingLoggerFinder.CODEGEN_MESSAGES.size();
        Tensor again = group().apply(x, y);
        assertThat(again.allClose(expected, 0, 0)).isTrue();
        assertThat(Kernels.diskCacheHits()).isEqualTo(hits);
        assertThat(Kernels.compilations()).isEqualTo(compiled + 1);
        assertThat(CapturingLoggerFinder.CODEGEN_MESSAGES.subList(logged, CapturingLoggerFinder.CODEGEN_MESSAGES.size()))
                .anySatisfy(m -> assertThat(m).contains("do not match their SHA-256"));
        // The recompiled kernel replaced the bad file: a third run hits the disk cache again.
        Kernels.clearCache();
        group().apply(x, y);
        assertThat(Kernels.diskCacheHits()).isEqualTo(hits + 1);
    }

    @Test
    void filesWithoutTheHeaderOrMagicAreRejected() throws IOException {
        String hash = DiskCache.hash("class Kernel {}");
        String[] why = new String[1];
        Files.write(DiskCache.classFile(dir, hash), "not a kernel".getBytes());
        assertThat(DiskCache.read(dir, hash, why)).isNull();
        assertThat(why[0]).contains("not a jgrad kernel file");

        // Valid header and digest, but the bytes are not a class file.
        assertThat(DiskCache.write(dir, hash, "class Kernel {}", new byte[] {1, 2, 3, 4, 5})).isNull();
        why[0] = null;
        assertThat(DiskCache.read(dir, hash, why)).isNull();
        assertThat(why[0]).contains("0xCAFEBABE");

        byte[] classBytes = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 69};
        assertThat(DiskCache.write(dir, hash, "class Kernel {}", classBytes)).isNull();
        assertThat(DiskCache.read(dir, hash, why)).containsExactly(classBytes);
    }
}
