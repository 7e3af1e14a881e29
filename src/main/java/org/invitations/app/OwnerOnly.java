package org.invitations.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's files are readable by the service's user only: folders rwx------ and files rw-------,
 * whatever the process umask (the permissions are set after creating, which the umask does not
 * touch). The data folder holds the database with webhook secrets in plain text, and a backup is the
 * same data. Where the file system has no POSIX permissions (Windows), nothing is changed: the
 * folder's access list is inherited there, and the operator chooses it.
 */
final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Creates {@code folder} and its missing parents, each rwx------; an existing one is left as it is. */
    static Path createFolder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(absolute);
        if (posix(absolute)) {
            for (Path created = absolute; created != null && !created.equals(existing); created = created.getParent()) {
                Files.setPosixFilePermissions(created, FOLDER);
            }
        }
        return folder;
    }

    /** Creates an empty file rw------- when there is none. */
    static void createFile(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return;
            }
            if (posix(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    /**
     * Takes group and other access away from {@code root} and everything below it (symbolic links are
     * not followed); returns how many files and folders had any. A missing root is nothing to do.
     */
    static int restrict(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) || !posix(root)) {
            return 0;
        }
        int[] changed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    changed[0] += tighten(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile() || attributes.isDirectory()) {
                        changed[0] += tighten(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the permissions in " + root.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        return changed[0];
    }

    /**
     * {@link #restrict} with a log line when anything was too open: the operator learns that the files
     * were readable by others until now (and from when on they are not). An empty folder (one made
     * for the service with mkdir) held nothing to read: it is closed without a word.
     */
    static void restrictAndSay(Path root, String what) {
        boolean empty = isEmptyFolder(root);
        int changed = restrict(root);
        if (changed > 0 && !empty) {
            LOG.warn("{} {} file(s) and folder(s) in {} were readable or writable by other users; they are now"
                    + " the service's user's only (folders rwx------, files rw-------)", what, changed,
                    root.toAbsolutePath().normalize());
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static int tighten(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return 0;
        }
        Set<PosixFilePermission> owner = EnumSet.copyOf(permissions);
        owner.removeAll(OTHERS);
        Files.setPosixFilePermissions(path, owner);
        return 1;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
