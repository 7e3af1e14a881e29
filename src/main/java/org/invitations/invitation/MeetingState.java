package org.invitations.invitation;

import java.util.List;

/** The appointment as its owner sees it after a change, and every participant's record. */
public record MeetingState(AppointmentView appointment, List<CreatedMeeting.Outcome> participants,
                           Notices.NoticeSummary notices) {

    public static MeetingState of(Appointment appointment, Notices.NoticeSummary notices) {
        return new MeetingState(AppointmentView.of(appointment),
                appointment.getParticipantRecords().stream().map(CreatedMeeting.Outcome::of).toList(), notices);
    }
}
