package jgrad.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a file could not be opened, in words a user acts on: {@code no such file}, {@code a.txt is a
 * file, not a folder}, {@code it is a folder}, {@code permission denied}, instead of the JDK's
 * exception text (which is often just the path again).
 */
public final class FileErrors {
    private FileErrors() {}

    /** The reason {@code path} could not be read, given the exception its opening threw. */
    public static String reason(Path path, IOException e) {
        Path abs = path.toAbsolutePath();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    return p + " is a file, not a folder";
                }
                break;
            }
        }
        if (Files.isDirectory(abs)) {
            return "it is a folder, not a file";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code cannot read <path>: <reason>}. */
    public static String cannotRead(Path path, IOException e) {
        return "cannot read " + path + ": " + reason(path, e);
    }
}
