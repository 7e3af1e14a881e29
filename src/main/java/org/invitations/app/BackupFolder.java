package org.invitations.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a backup on disk. {@code POST /backup} answers a timestamped folder, and Derby's backup
 * procedure writes the database into a subfolder named after it ({@value #DATABASE}); a restore takes
 * either the folder the operator was given or that subfolder. Checking the shape first lets a wrong
 * path be refused with one clear line before Derby deletes the database it would replace.
 */
final class BackupFolder {

    /** The embedded database's folder name in the data folder, and so in every backup. */
    static final String DATABASE = "db";

    /** What every Derby database folder holds: its boot properties and its data segment. */
    private static final String SERVICE_PROPERTIES = "service.properties";
    private static final String SEGMENT = "seg0";

    private BackupFolder() {
    }

    /**
     * The Derby database inside a backup folder to restore into {@code target}: {@code folder} itself
     * when it is one, else {@code folder/db}. The target itself is refused: Derby would delete it
     * before copying it onto itself.
     *
     * @throws IllegalArgumentException with a one-line message when neither is a Derby database, or
     *         when it is {@code target}
     */
    static Path database(Path folder, Path target) {
        Path database = database(folder);
        if (sameFolder(database, target)) {
            throw new IllegalArgumentException("Cannot restore from " + folder.toAbsolutePath().normalize() + ": it is"
                    + " the database to be replaced, not a backup; give a folder that POST /backup answered");
        }
        return database;
    }

    /** Whether two paths name one folder, also through symbolic links. */
    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return a.equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * The Derby database inside a backup folder: {@code folder} itself when it is one, else
     * {@code folder/db}.
     *
     * @throws IllegalArgumentException with a one-line message when neither is a Derby database
     */
    static Path database(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("Cannot restore from " + absolute + ": no such folder; give a folder"
                    + " that POST /backup answered");
        }
        for (Path candidate : new Path[] {absolute, absolute.resolve(DATABASE)}) {
            if (Files.isRegularFile(candidate.resolve(SERVICE_PROPERTIES))
                    && Files.isDirectory(candidate.resolve(SEGMENT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Cannot restore from " + absolute + ": it is not a Derby backup (no "
                + SERVICE_PROPERTIES + " and " + SEGMENT + " in it or in its " + DATABASE + " folder); give a"
                + " folder that POST /backup answered");
    }
}
