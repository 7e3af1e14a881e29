package org.invitations.invitation;

import java.time.Instant;

/**
 * What an invitation pop-up shows; read straight from a projection query. {@code series} is set on the
 * invitation to a whole series, {@code seriesId} and {@code recurrenceId} on one occurrence listed on its own.
 */
public record InvitationView(long recordId, long appointmentId, AppointmentType type, String title,
                             String location, Instant start, Instant end, long ownerId, String ownerName,
                             Status status, boolean isNew, String timeZone, AppointmentView.SeriesFacts series,
                             Long seriesId, Instant recurrenceId) {
}
