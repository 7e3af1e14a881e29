package org.invitations.invitation;

import java.time.Instant;

/** One appointment an external person of a contact takes part in. */
public record ArchiveEntry(long recordId, long appointmentId, String title, String location, Instant start,
                           Instant end, String ownerName, long personId, String personName, Status status) {
}
