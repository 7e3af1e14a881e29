package org.invitations.invitation;

import java.util.List;

/**
 * The appointment as its owner sees it after a change, and every participant's record; for a series, the
 * occurrences the change applied to, in recurrence order.
 */
public record MeetingState(AppointmentView appointment, List<CreatedMeeting.Outcome> participants,
                           SendReport sent, List<CreatedMeeting.CreatedOccurrence> occurrences) {

    public MeetingState(AppointmentView appointment, List<CreatedMeeting.Outcome> participants, SendReport sent) {
        this(appointment, participants, sent, List.of());
    }

    public static MeetingState of(Appointment appointment, SendReport sent) {
        return of(appointment, sent, List.of());
    }

    /** After a change of a series: the series (or the occurrence) and the occurrences it applied to. */
    static MeetingState of(Appointment appointment, SendReport sent, List<Appointment> occurrences) {
        return new MeetingState(AppointmentView.of(appointment),
                appointment.getParticipantRecords().stream().map(CreatedMeeting.Outcome::of).toList(), sent,
                occurrences.stream().map(CreatedMeeting.CreatedOccurrence::of).toList());
    }
}
