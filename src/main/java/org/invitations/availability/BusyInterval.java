package org.invitations.availability;

import java.time.Instant;

/** [start, end) of one kind of busy time. */
public record BusyInterval(Instant start, Instant end, BusyKind kind) {
}
