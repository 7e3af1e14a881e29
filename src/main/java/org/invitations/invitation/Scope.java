package org.invitations.invitation;

/**
 * Which occurrences of a series an answer or an owner's change applies to: the one named, that one and
 * every later one (for the owner's changes the series is split there), or all of them.
 */
public enum Scope {
    OCCURRENCE,
    FOLLOWING,
    SERIES
}
