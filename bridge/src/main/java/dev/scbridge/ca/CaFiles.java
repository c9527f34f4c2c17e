package dev.scbridge.ca;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Small file helpers for the CA directory: bounded reads and atomic, permission-first writes. */
final class CaFiles {
    /** Owner read/write only: the encrypted key and the revocation state. */
    static final String PRIVATE = "rw-------";
    /** World-readable: the CA certificate is public by design (it goes to every Windows host). */
    static final String PUBLIC = "rw-r--r--";
    /** The CA directory itself: only its owner may list or enter it. */
    static final String PRIVATE_DIR = "rwx------";

    private CaFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} through a temporary file in the same directory whose permissions are set
     * before a byte is written, then renamed over the target: a reader sees the old file or the new one, never half.
     */
    static void writeAtomically(Path file, byte[] bytes, String permissions) throws CaStoreException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            setPermissions(tmp, permissions);
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CaStoreException(CaStoreException.Reason.IO, file, "cannot write: " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The rename happened or the write failed; a stray temp file is all that can be left.
                }
            }
        }
    }

    /** The whole file, refusing anything over {@code maxBytes} (a CA file is small; a huge one is not ours). */
    static byte[] read(Path file, int maxBytes) throws CaStoreException {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new CaStoreException(CaStoreException.Reason.CORRUPT, file,
                        "is " + size + " bytes, more than a CA file can be (" + maxBytes + ")", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CaStoreException(CaStoreException.Reason.MISSING, file, "no such file", e);
        } catch (IOException e) {
            throw new CaStoreException(CaStoreException.Reason.IO, file, "cannot read: " + describe(e), e);
        }
    }

    static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: files inherit the directory's ACL, which the admin chose.
        }
    }

    /** An IOException's message without the path it usually repeats. */
    static String describe(IOException e) {
        String simple = e.getClass().getSimpleName();
        return e.getMessage() == null ? simple : simple + " (" + e.getMessage() + ")";
    }
}
