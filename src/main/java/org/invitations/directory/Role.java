package org.invitations.directory;

/** What an associate may do beyond acting for itself: ADMIN also manages the directory. */
public enum Role {
    USER,
    ADMIN
}
