package org.invitations.invitation;

import java.time.Instant;

/**
 * One appointment an external person of a contact takes part in, with the person's answer from its own
 * calendar (null when none).
 */
public record ArchiveEntry(long recordId, long appointmentId, String title, String location, Instant start,
                           Instant end, String ownerName, long personId, String personName, Status status,
                           ExternalReply externalReply) {

    public ArchiveEntry(long recordId, long appointmentId, String title, String location, Instant start,
                        Instant end, String ownerName, long personId, String personName, Status status) {
        this(recordId, appointmentId, title, location, start, end, ownerName, personId, personName, status, null);
    }
}
