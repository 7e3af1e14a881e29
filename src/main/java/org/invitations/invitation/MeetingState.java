package org.invitations.invitation;

import java.util.List;

/** The appointment as its owner sees it after a change, and every participant's record. */
public record MeetingState(AppointmentView appointment, List<CreatedMeeting.Outcome> participants,
                           SendReport sent) {

    public static MeetingState of(Appointment appointment, SendReport sent) {
        return new MeetingState(AppointmentView.of(appointment),
                appointment.getParticipantRecords().stream().map(CreatedMeeting.Outcome::of).toList(), sent);
    }
}
