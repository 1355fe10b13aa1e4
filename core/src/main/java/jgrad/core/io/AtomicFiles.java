package jgrad.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way jgrad writes a file (weights, model files, plots, exported graphs, the kernel
 * cache), so that a reader never sees half a file and a crash never destroys the old one:
 *
 * <ol>
 *   <li>the bytes go to a temporary file {@code .<name>.<random>.tmp} in the target's folder (the
 *       same file system, so the final rename is atomic);
 *   <li>the file is flushed to disk ({@code fsync}) before it is renamed, so after a power loss
 *       the name points at either the old or the complete new contents, never an empty file;
 *   <li>it is moved over the target in one step, and the folder is flushed so the rename itself
 *       survives a crash (best effort: not every platform can sync a folder);
 *   <li>on any failure the temporary file is removed and the old target is untouched.
 * </ol>
 *
 * <p>A new file gets the permissions the umask gives (as any program's files do: usually
 * {@code rw-r--r--}); a replaced file keeps its own, so a checkpoint a user made private stays
 * private. Temporary files left by an earlier process that crashed mid-write (older than
 * {@link #STALE_AFTER}) are removed when the same target is written again; younger ones may
 * belong to a writer still running, and are left alone.
 */
public final class AtomicFiles {
    /** How old a leftover temporary file of the same target must be before it counts as a crash's. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final String TMP = ".tmp";

    private AtomicFiles() {}

    /** Writes a file's contents to a stream, which {@link AtomicFiles} opens, flushes and closes. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code file}; returns its absolute path. */
    public static Path writeBytes(Path file, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes is null");
        return write(file, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code file}; returns its absolute path. */
    public static Path writeString(Path file, String text) {
        Objects.requireNonNull(text, "text is null");
        return writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes what {@code writer} produces to {@code file}, creating its folders; returns the
     * absolute path. Failures are {@link UncheckedIOException}s naming the file (or whatever the
     * writer threw); a folder at {@code file} or a regular file among its parents is an
     * {@link IllegalArgumentException} saying so.
     */
    public static Path write(Path file, Writer writer) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(writer, "writer is null");
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IllegalArgumentException("cannot write " + target + ": it is a root, not a file");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot write " + target + ": it is a folder");
        }
        createFolder(target, dir);
        cleanStale(dir, target.getFileName().toString());
        Path tmp = null;
        boolean done = false;
        try {
            tmp = createTemp(dir, target.getFileName().toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(unclosable(out));
                out.flush();
                ch.force(true);
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                keepPermissions(target, tmp);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems cannot rename atomically; a plain replace is the best they offer.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncFolder(dir);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (!done && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one to report.
                }
            }
        }
    }

    /**
     * The writer's view of the stream: writers that close what they wrap (a ZipOutputStream in
     * try-with-resources) only flush it, so the file can still be synced before the rename.
     */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** Creates the target's folders, naming a regular file that stands where a folder must be. */
    private static void createFolder(Path target, Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("cannot write " + target + ": " + p
                            + " is a file, not a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": cannot create its folder " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A new, empty temporary file beside the target, created without explicit permissions so the
     * umask decides them ({@code Files.createTempFile} would make it owner-only).
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[6];
            ThreadLocalRandom.current().nextBytes(random);
            Path tmp = dir.resolve("." + name + "." + HexFormat.of().formatHex(random) + TMP);
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /** Flushes the folder entry of the rename; platforms that cannot open a folder (Windows) skip it. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The file itself is complete and renamed; only the rename's durability is not forced.
        }
    }

    /**
     * Whether {@code fileName} is a temporary file of a write to {@code name}: this class's
     * {@code .<name>.<12 hex digits>.tmp}, or {@code .<name><digits>.tmp} of the writers it
     * replaced ({@code Files.createTempFile}).
     */
    static boolean isTempOf(String fileName, String name) {
        String prefix = "." + name;
        if (!fileName.startsWith(prefix) || !fileName.endsWith(TMP)
                || fileName.length() <= prefix.length() + TMP.length()) {
            return false;
        }
        String middle = fileName.substring(prefix.length(), fileName.length() - TMP.length());
        if (middle.length() == 13 && middle.charAt(0) == '.') {
            return middle.substring(1).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return middle.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Removes temporary files of earlier writes to the same name older than {@link #STALE_AFTER}. */
    private static void cleanStale(Path dir, String name) {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        // A filter, not a glob: file names may hold glob characters ([, {, *).
        DirectoryStream.Filter<Path> temps = p -> isTempOf(p.getFileName().toString(), name);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, temps)) {
            for (Path p : files) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Cleaning is a courtesy; it never stops the write itself.
        }
    }
}
