package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/** The owner's Invitations view of one appointment. */
public record ParticipantsView(AppointmentView appointment, int declines, int unacknowledgedDeclines,
                               List<Line> participants) {

    /** One participant: the answer, whether it was seen, the reason of a refusal, and a live conflict check. */
    public record Line(long recordId, ParticipantKind kind, long participantId, String name, Status status,
                       boolean seen, String declineReason, boolean declineAcknowledged, Instant answeredAt,
                       boolean conflict, boolean invited) {
    }
}
