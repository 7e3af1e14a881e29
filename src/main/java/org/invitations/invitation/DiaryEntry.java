package org.invitations.invitation;

import java.time.Instant;

/** One booking in an associate's diary: an own appointment, or an accepted or tentative invitation. */
public record DiaryEntry(long recordId, long appointmentId, AppointmentType type, String title, String location,
                         Instant start, Instant end, long ownerId, String ownerName, Status status, boolean own,
                         boolean conflict) {

    DiaryEntry withConflict() {
        return new DiaryEntry(recordId, appointmentId, type, title, location, start, end, ownerId, ownerName,
                status, own, true);
    }
}
