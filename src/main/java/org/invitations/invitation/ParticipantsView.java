package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/**
 * The owner's Invitations view of one appointment. On a series, one line per participant from the series'
 * records (the answer for the whole series), each with the occurrences answered, moved or cancelled on their
 * own as exceptions, in recurrence order.
 */
public record ParticipantsView(AppointmentView appointment, int declines, int unacknowledgedDeclines,
                               List<Line> participants) {

    /**
     * One participant: the answer, whether it was seen, the reason of a refusal, and a conflict: checked now
     * for a single appointment or an occurrence, as flagged when written for a series (some occurrence clashed);
     * and the participant's proposals of another time, newest first (on a series, about its occurrences).
     */
    public record Line(long recordId, ParticipantKind kind, long participantId, String name, Status status,
                       boolean seen, String declineReason, boolean declineAcknowledged, Instant answeredAt,
                       boolean conflict, boolean invited, List<OccurrenceAnswer> exceptions,
                       List<ProposalView> proposals, ExternalReply externalReply) {

        /** A line without proposals and without an external person's answer. */
        public Line(long recordId, ParticipantKind kind, long participantId, String name, Status status,
                    boolean seen, String declineReason, boolean declineAcknowledged, Instant answeredAt,
                    boolean conflict, boolean invited, List<OccurrenceAnswer> exceptions) {
            this(recordId, kind, participantId, name, status, seen, declineReason, declineAcknowledged, answeredAt,
                    conflict, invited, exceptions, List.of(), null);
        }

        /** A line with no exceptions: a single appointment's or an occurrence's. */
        public Line(long recordId, ParticipantKind kind, long participantId, String name, Status status,
                    boolean seen, String declineReason, boolean declineAcknowledged, Instant answeredAt,
                    boolean conflict, boolean invited) {
            this(recordId, kind, participantId, name, status, seen, declineReason, declineAcknowledged, answeredAt,
                    conflict, invited, List.of());
        }
    }

    /** A participant's occurrence record that no longer follows the series' answer. */
    public record OccurrenceAnswer(long appointmentId, Instant recurrenceId, long recordId, Status status,
                                   boolean invited, String declineReason, boolean declineAcknowledged,
                                   ExternalReply externalReply) {

        static OccurrenceAnswer of(ParticipantRecord record) {
            Appointment occurrence = record.getAppointment();
            return new OccurrenceAnswer(occurrence.getId(), occurrence.getRecurrenceId(), record.getId(),
                    record.getStatus(), record.isInvitationSent(), record.getDeclineReason(),
                    record.isDeclineAcknowledged(), record.getExternalReply());
        }
    }
}
