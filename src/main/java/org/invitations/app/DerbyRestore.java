package org.invitations.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the embedded Derby database with a backup before anything else opens it, with Derby's
 * {@code restoreFrom} boot attribute: Derby deletes the database folder, copies the backup in and
 * recovers it from the backup's log. A restore happens once per backup: the data folder remembers
 * which backup it was restored from ({@value #MARKER}), and a later start naming the same backup
 * keeps the database as it is, so that an {@code INVITATIONS_RESTORE_FROM} left in a container's
 * environment cannot silently throw away everything written since on every restart.
 */
final class DerbyRestore {

    /** In the data folder: the backup the database was last restored from, and when. */
    static final String MARKER = "restored-from.txt";

    private static final Logger LOG = LoggerFactory.getLogger(DerbyRestore.class);

    private DerbyRestore() {
    }

    /**
     * Restores {@link ServerConfig#restoreFrom()} into the data folder, when it is set and was not
     * restored there already; must run before the database is booted in this JVM.
     *
     * @throws IllegalArgumentException when the folder is not a Derby backup (nothing is touched)
     * @throws IllegalStateException when Derby could not restore it
     */
    static void restoreIfAsked(ServerConfig config) {
        if (config.restoreFrom() == null) {
            return;
        }
        Path target = config.derbyDirectory();
        Path backup = realPath(BackupFolder.database(config.restoreFrom(), target));
        Path marker = config.dataDir().resolve(MARKER).toAbsolutePath();
        if (Files.isDirectory(target) && backup.toString().equals(restoredFrom(marker))) {
            LOG.warn("Not restoring {} again: the database in {} was restored from it already (see {}) and may have"
                    + " changed since; remove the restore option, or delete {} to restore that backup again",
                    backup, target, marker, marker);
            return;
        }
        LOG.info("Restoring the database in {} from the backup in {}", target, backup);
        Properties attributes = new Properties();
        attributes.setProperty("restoreFrom", backup.toString());
        try (Connection booted = DriverManager.getConnection("jdbc:derby:" + target, attributes)) {
            LOG.info("Restored the database in {} from {}", target, backup);
            OwnerOnly.restrict(target);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot restore from " + backup + ": " + e.getMessage(), e);
        }
        try {
            Files.write(marker, List.of(backup.toString(), "restored at " + Instant.now()), StandardCharsets.UTF_8);
            OwnerOnly.restrict(marker);
        } catch (IOException e) {
            LOG.warn("Could not write {} ({}): a later start with the same restore option restores it again",
                    marker, e.toString());
        }
    }

    /** The backup named in the marker, or null. */
    private static String restoredFrom(Path marker) {
        try {
            return Files.isRegularFile(marker) ? Files.readAllLines(marker, StandardCharsets.UTF_8).get(0) : null;
        } catch (IOException | IndexOutOfBoundsException unreadable) {
            return null;
        }
    }

    /** Without symbolic links, so that two names of one backup are recognised as one. */
    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot restore from " + folder + ": " + e, e);
        }
    }
}
