package org.invitations.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online backup of the embedded Derby database, taken by the server itself: only the JVM that
 * booted the database can copy it consistently. Derby's {@code SYSCS_BACKUP_DATABASE} copies the data
 * files and then the transaction log while transactions go on; restoring it replays that log, so the
 * copy holds every transaction committed before the backup began, may hold some committed while it
 * ran, and never holds part of one. The blocking variant is used, not {@code _NOWAIT}: it waits only
 * for transactions with unlogged operations (bulk imports, index builds), which this service runs
 * only during migrations at start-up, so it never waits in practice, and it never fails where
 * {@code _NOWAIT} would merely have had to wait.
 */
final class DerbyBackup {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyBackup.class);
    /** Sorts by time, and has no colon, which Windows refuses in a file name. */
    private static final DateTimeFormatter FOLDER_NAME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Thrown when another backup is still being written; the caller may try again later. */
    static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("A backup is already being written; try again when it has finished");
        }
    }

    private final DataSource dataSource;
    private final Path backupDir;
    private final Clock clock;
    /** One backup at a time: two at once would only compete for the same disk. */
    private final ReentrantLock running = new ReentrantLock();

    DerbyBackup(DataSource dataSource, Path backupDir, Clock clock) {
        this.dataSource = dataSource;
        this.backupDir = backupDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /**
     * Writes a new backup into a timestamped folder under the backup folder and returns that folder;
     * the database is in its {@value BackupFolder#DATABASE} subfolder. A failed backup leaves no folder
     * behind, so that every folder there is one that can be restored.
     *
     * @throws AlreadyRunning when another backup is being written
     * @throws IllegalStateException when the backup failed, with the reason (Derby's, or the file system's)
     */
    Path run() {
        if (!running.tryLock()) {
            throw new AlreadyRunning();
        }
        try {
            Path folder = newFolder();
            try (Connection connection = dataSource.getConnection();
                 CallableStatement backup = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                backup.setString(1, folder.toString());
                backup.execute();
                // The pool hands out connections without auto-commit; the procedure's own work is done.
                connection.commit();
                BackupFolder.database(folder);
                // The copy holds what the database holds, webhook secrets too: the service's user's only.
                OwnerOnly.restrict(folder);
                return folder;
            } catch (SQLException | RuntimeException e) {
                deleteQuietly(folder);
                throw new IllegalStateException("The backup into " + folder + " failed: " + e.getMessage(), e);
            }
        } finally {
            running.unlock();
        }
    }

    /** A new folder named by the current time (a later one if that name is taken), created empty. */
    private Path newFolder() {
        String name = FOLDER_NAME.format(clock.instant());
        try {
            OwnerOnly.createFolder(backupDir);
            for (int suffix = 1; ; suffix++) {
                Path folder = backupDir.resolve(suffix == 1 ? name : name + "-" + suffix);
                try {
                    return OwnerOnly.createFolder(Files.createDirectory(folder));
                } catch (FileAlreadyExistsException taken) {
                    // the same millisecond as an earlier backup: take the next name
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a backup folder in " + backupDir + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("The failed backup in {} could not be removed: {}", folder, e.toString());
        }
    }
}
