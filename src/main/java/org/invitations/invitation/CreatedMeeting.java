package org.invitations.invitation;

import java.util.List;

/** The records one create wrote, in the order the participants were given. */
public record CreatedMeeting(long appointmentId, Long masterRecordId, List<Outcome> participants,
                             SendReport sent) {

    /** One participant's record: its status, whether it was asked, and whether it clashes with a booking. */
    public record Outcome(long recordId, ParticipantKind kind, long participantId, Status status,
                          boolean invitationSent, boolean conflict) {

        public static Outcome of(ParticipantRecord record) {
            return new Outcome(record.getId(), record.getKind(), record.getParticipantId(), record.getStatus(),
                    record.isInvitationSent(), record.isConflict());
        }
    }
}
