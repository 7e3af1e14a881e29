package org.invitations.invitation;

import java.time.Instant;

/**
 * Which part of a series an owner's change is meant for: the occurrence named by its recurrenceId (when
 * the change is addressed to the series), and the scope. Both absent: the defaults of the design (the
 * whole series when addressed to the series, the occurrence when addressed to an occurrence).
 */
public record ChangeScope(Instant recurrenceId, Scope scope) {

    /** Nothing named: an old client's request, or a single appointment. */
    public static final ChangeScope DEFAULT = new ChangeScope(null, null);
}
