package dev.scbridge.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The Unix socket's file and directory. Access control is the file system's: the directory is 0700 (only this
 * user can reach the socket, also in the moment between bind and chmod), the socket 0600.
 */
final class UnixSocketFiles {
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");
    /** S_IFMT and S_IFSOCK from stat(2): the file-type bits of st_mode, and the type of a socket. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSocketFiles() {
    }

    /**
     * Makes the socket's directory (0700) or checks an existing one (a directory, not a symbolic link, owned by
     * this user, no group or other permissions), and removes a stale socket at {@code socket}.
     */
    static void prepare(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE); // the umask may have narrowed it
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the socket directory " + dir + " is not a directory");
        }
        int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != me) {
            throw new IOException("the socket directory " + dir + " belongs to uid " + uid + ", not to this user ("
                    + me + ")");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!DIRECTORY_MODE.containsAll(mode)) {
            throw new IOException("the socket directory " + dir + " is open to others ("
                    + PosixFilePermissions.toString(mode) + "); make it 0700");
        }
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            int type = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            if (type != S_IFSOCK) {
                throw new IOException(socket + " exists and is not a socket; not replacing it");
            }
            Files.delete(socket); // stale, from a run that did not stop cleanly
        }
    }

    /** Restricts the bound socket to this user. */
    static void restrict(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, SOCKET_MODE);
    }

    /** Removes the socket file; best effort on shutdown. */
    static void remove(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a leftover socket is replaced by the next start
        }
    }
}
