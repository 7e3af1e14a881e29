package org.invitations.availability;

import java.time.Instant;

/** A suggested [start, end). */
public record TimeSlot(Instant start, Instant end) {
}
