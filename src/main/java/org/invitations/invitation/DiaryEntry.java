package org.invitations.invitation;

import java.time.Instant;

/**
 * One booking in an associate's diary: an own appointment, or an accepted or tentative invitation; an
 * occurrence of a series names its series and recurrenceId.
 */
public record DiaryEntry(long recordId, long appointmentId, AppointmentType type, String title, String location,
                         Instant start, Instant end, long ownerId, String ownerName, Status status, boolean own,
                         boolean conflict, String timeZone, Long seriesId, Instant recurrenceId) {

    /** An entry of a single appointment written in UTC. */
    public DiaryEntry(long recordId, long appointmentId, AppointmentType type, String title, String location,
                      Instant start, Instant end, long ownerId, String ownerName, Status status, boolean own,
                      boolean conflict) {
        this(recordId, appointmentId, type, title, location, start, end, ownerId, ownerName, status, own, conflict,
                org.invitations.shared.TimeZones.UTC, null, null);
    }

    DiaryEntry withConflict() {
        return new DiaryEntry(recordId, appointmentId, type, title, location, start, end, ownerId, ownerName,
                status, own, true, timeZone, seriesId, recurrenceId);
    }
}
