package jgrad.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesCreatesFoldersAndReplacesWithoutLeftovers() throws Exception {
        Path file = dir.resolve("a/b/out.txt");
        assertThat(AtomicFiles.writeString(file, "één")).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(Files.readString(file)).isEqualTo("één");
        AtomicFiles.writeBytes(file, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        // A writer that closes its stream (a zip or gzip stream in try-with-resources) is fine.
        AtomicFiles.write(file, out -> {
            try (var z = new java.util.zip.GZIPOutputStream(out)) {
                z.write(7);
            }
        });
        assertThat(new java.util.zip.GZIPInputStream(Files.newInputStream(file)).readAllBytes()).containsExactly(7);
        assertThat(names(file.getParent())).containsExactly("out.txt");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("ckpt.bin");
        AtomicFiles.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + file)
                .hasMessageContaining("disk full");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            throw new IllegalStateException("encoder broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("encoder broke");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names(dir)).containsExactly("ckpt.bin");
    }

    @Test
    void newFilesGetTheUmasksPermissionsAndReplacedFilesKeepTheirs() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "the temp folder's file system has no POSIX permissions");
        // What the umask gives a plain new file (the JDK has no umask call): what any program gets.
        Path plain = Files.createFile(dir.resolve("plain"));
        Set<PosixFilePermission> umaskPerms = Files.getPosixFilePermissions(plain);
        Path file = AtomicFiles.writeString(dir.resolve("g.dot"), "digraph {}");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(umaskPerms);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(file, "digraph { a }");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void staleTemporaryFilesOfEarlierCrashesAreRemovedRecentOnesKept() throws Exception {
        Path old = Files.writeString(dir.resolve(".w.safetensors.0123456789ab.tmp"), "crashed");
        Path oldJdkStyle = Files.writeString(dir.resolve(".w.safetensors8812345.tmp"), "crashed");
        Path recent = Files.writeString(dir.resolve(".w.safetensors.ba9876543210.tmp"), "writing now");
        Path otherTarget = Files.writeString(dir.resolve(".x.safetensors.0123456789ab.tmp"), "someone else's");
        FileTime twoHoursAgo = FileTime.from(Instant.now().minusSeconds(7200));
        for (Path p : List.of(old, oldJdkStyle, otherTarget)) {
            Files.setLastModifiedTime(p, twoHoursAgo);
        }
        AtomicFiles.writeString(dir.resolve("w.safetensors"), "new");
        assertThat(names(dir)).containsExactly(".w.safetensors.ba9876543210.tmp", ".x.safetensors.0123456789ab.tmp",
                "w.safetensors");
    }

    @Test
    void temporaryNamesAreRecognisedExactly() {
        assertThat(AtomicFiles.isTempOf(".m.jgrad.00ff00ff00ff.tmp", "m.jgrad")).isTrue();
        assertThat(AtomicFiles.isTempOf(".m.jgrad123.tmp", "m.jgrad")).isTrue();
        assertThat(AtomicFiles.isTempOf(".m.jgrad.tmp", "m.jgrad")).isFalse();
        assertThat(AtomicFiles.isTempOf(".m.jgrad.backup.tmp", "m.jgrad")).isFalse();
        assertThat(AtomicFiles.isTempOf("m.jgrad.00ff00ff00ff.tmp", "m.jgrad")).isFalse();
    }

    @Test
    void refusesFoldersAndPathsUnderARegularFile() throws Exception {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is a folder");
        Path blocker = Files.writeString(dir.resolve("file"), "not a folder");
        assertThatThrownBy(() -> AtomicFiles.writeString(blocker.resolve("sub/inside.txt"), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + blocker.resolve("sub/inside.txt") + ": " + blocker
                        + " is a file, not a folder");
        assertThat(Files.readString(blocker)).isEqualTo("not a folder");
    }
}
