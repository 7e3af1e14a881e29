package org.invitations.invitation;

import java.time.Instant;

/** What an invitation pop-up shows; read straight from a projection query. */
public record InvitationView(long recordId, long appointmentId, AppointmentType type, String title,
                             String location, Instant start, Instant end, long ownerId, String ownerName,
                             Status status, boolean isNew) {
}
