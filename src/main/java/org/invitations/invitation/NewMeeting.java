package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/**
 * What the owner saves: the shared text and time, the participants, the saving options, and optionally
 * the zone the times are written in (default the owner's) and how it repeats (a series; start and end
 * are then the first occurrence's).
 */
public record NewMeeting(AppointmentType type, String title, String description, String location,
                         Instant start, Instant end, List<ParticipantRef> participants,
                         boolean sendInvitations, boolean includeMyself, String timeZone, Recurrence recurrence) {

    /** A single appointment written in the owner's zone. */
    public NewMeeting(AppointmentType type, String title, String description, String location, Instant start,
                      Instant end, List<ParticipantRef> participants, boolean sendInvitations, boolean includeMyself) {
        this(type, title, description, location, start, end, participants, sendInvitations, includeMyself, null,
                null);
    }

    /** A task: an appointment without a location whose start and end are both the due date. */
    public static NewMeeting task(String title, String description, Instant due, List<ParticipantRef> assignees,
                                  boolean sendInvitations, boolean includeMyself) {
        return task(title, description, due, assignees, sendInvitations, includeMyself, null, null);
    }

    /** A task in a zone, possibly repeating (due is then the first occurrence's). */
    public static NewMeeting task(String title, String description, Instant due, List<ParticipantRef> assignees,
                                  boolean sendInvitations, boolean includeMyself, String timeZone,
                                  Recurrence recurrence) {
        return new NewMeeting(AppointmentType.TASK, title, description, null, due, due, assignees, sendInvitations,
                includeMyself, timeZone, recurrence);
    }

    /** Whether it makes a series. */
    public boolean repeats() {
        return recurrence != null;
    }

    /** The records each occurrence gets: one per participant, and the owner's unless "don't include myself". */
    int recordsPerOccurrence() {
        return participants.size() + (includeMyself ? 1 : 0);
    }

    /** The people it gathers, as a resource's capacity counts them: associates and persons, and the owner's record. */
    int people() {
        return (int) participants.stream().filter(p -> p.kind() != ParticipantKind.RESOURCE).count()
                + (includeMyself ? 1 : 0);
    }

    /** One participant as named in the request: an associate, a person or a resource id. */
    public record ParticipantRef(ParticipantKind kind, long id) {
    }
}
