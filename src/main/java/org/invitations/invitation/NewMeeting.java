package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/** What the owner saves: the shared text and time, the participants, and the saving options. */
public record NewMeeting(AppointmentType type, String title, String description, String location,
                         Instant start, Instant end, List<ParticipantRef> participants,
                         boolean sendInvitations, boolean includeMyself) {

    /** A task: an appointment without a location whose start and end are both the due date. */
    public static NewMeeting task(String title, String description, Instant due, List<ParticipantRef> assignees,
                                  boolean sendInvitations, boolean includeMyself) {
        return new NewMeeting(AppointmentType.TASK, title, description, null, due, due, assignees, sendInvitations,
                includeMyself);
    }

    /** One participant as named in the request: an associate, a person or a resource id. */
    public record ParticipantRef(ParticipantKind kind, long id) {
    }
}
