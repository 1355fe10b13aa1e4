package jgrad.codegen.fused;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import jgrad.core.io.AtomicFiles;

/**
 * Class files of kernels on disk, keyed by the SHA-256 of their source, so that a second run of
 * the same program skips javac. {@code <hash>.kernel} holds a header line, the SHA-256 of the class
 * bytes and the class bytes; it is used only if the header matches, the digest checks and the bytes
 * start with the class-file magic. {@code <hash>.java} is the source, for reading. Files are written
 * with {@link AtomicFiles}, jgrad's one atomic writer.
 */
final class DiskCache {
    private DiskCache() {}

    private static final byte[] HEADER = "jgrad-kernel v1\n".getBytes(StandardCharsets.US_ASCII);

    static String hash(String source) {
        return HexFormat.of().formatHex(sha256(source.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this runtime", e);
        }
    }

    static Path classFile(Path dir, String sourceHash) {
        return dir.resolve(sourceHash + ".kernel");
    }

    /** The cached class bytes for the source, or null if absent or invalid (then the reason is in {@code why[0]}). */
    static byte[] read(Path dir, String sourceHash, String[] why) {
        Path f = classFile(dir, sourceHash);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            byte[] all = Files.readAllBytes(f);
            int h = HEADER.length;
            if (all.length < h + 32 + 4 || !Arrays.equals(all, 0, h, HEADER, 0, h)) {
                why[0] = f + ": not a jgrad kernel file (bad header or too short)";
                return null;
            }
            byte[] digest = Arrays.copyOfRange(all, h, h + 32);
            byte[] bytes = Arrays.copyOfRange(all, h + 32, all.length);
            if (!Arrays.equals(digest, sha256(bytes))) {
                why[0] = f + ": the class bytes do not match their SHA-256 (corrupted)";
                return null;
            }
            if ((bytes[0] & 0xff) != 0xCA || (bytes[1] & 0xff) != 0xFE || (bytes[2] & 0xff) != 0xBA
                    || (bytes[3] & 0xff) != 0xBE) {
                why[0] = f + ": not a class file (no 0xCAFEBABE magic)";
                return null;
            }
            return bytes;
        } catch (IOException e) {
            why[0] = f + ": " + e;
            return null;
        }
    }

    /** Stores the source and class bytes; IO failures are returned as a reason, never thrown. */
    static String write(Path dir, String sourceHash, String source, byte[] classBytes) {
        try {
            Files.createDirectories(dir);
            byte[] digest = sha256(classBytes);
            byte[] all = new byte[HEADER.length + 32 + classBytes.length];
            System.arraycopy(HEADER, 0, all, 0, HEADER.length);
            System.arraycopy(digest, 0, all, HEADER.length, 32);
            System.arraycopy(classBytes, 0, all, HEADER.length + 32, classBytes.length);
            atomicWrite(dir.resolve(sourceHash + ".java"), source.getBytes(StandardCharsets.UTF_8));
            atomicWrite(classFile(dir, sourceHash), all);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /**
     * Writes through jgrad's one atomic writer ({@link AtomicFiles}: a temporary file beside the
     * target, synced, then moved into place); failures are IOExceptions, as the callers expect.
     */
    static void atomicWrite(Path target, byte[] bytes) throws IOException {
        try {
            AtomicFiles.writeBytes(target, bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
