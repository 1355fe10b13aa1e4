package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writesCreatesFoldersAndReplacesWithoutLeftovers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/out.txt");
        assertThat(AtomicFiles.writeString(file, "één")).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(Files.readString(file)).isEqualTo("één");
        AtomicFiles.writeString(file, "second");
        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("out.txt");
        }
    }

    @Test
    void newFilesAreReadableAndReplacedFilesKeepTheirPermissions(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "the temp folder's file system has no POSIX permissions");
        Path file = AtomicFiles.writeString(dir.resolve("g.dot"), "digraph {}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(file, "digraph { a }");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
    }

    @Test
    void refusesFoldersAndReportsFailures(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is a folder");
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a folder");
        assertThatThrownBy(() -> AtomicFiles.writeString(blocker.resolve("inside.txt"), "x"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write " + blocker.resolve("inside.txt"));
        assertThat(Files.readString(blocker)).isEqualTo("not a folder");
    }
}
