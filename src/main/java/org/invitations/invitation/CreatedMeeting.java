package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/**
 * The records one create wrote, in the order the participants were given. For a series: the series'
 * id and its records (a participant's conflict means a conflict in some occurrence), and every occurrence
 * in order.
 */
public record CreatedMeeting(long appointmentId, Long masterRecordId, List<Outcome> participants,
                             SendReport sent, List<CreatedOccurrence> occurrences) {

    /** A single appointment: no occurrences. */
    public CreatedMeeting(long appointmentId, Long masterRecordId, List<Outcome> participants, SendReport sent) {
        this(appointmentId, masterRecordId, participants, sent, List.of());
    }

    /** One participant's record: its status, whether it was asked, and whether it clashes with a booking. */
    public record Outcome(long recordId, ParticipantKind kind, long participantId, Status status,
                          boolean invitationSent, boolean conflict) {

        public static Outcome of(ParticipantRecord record) {
            return new Outcome(record.getId(), record.getKind(), record.getParticipantId(), record.getStatus(),
                    record.isInvitationSent(), record.isConflict());
        }
    }

    /** One occurrence of a new series, with the participants already booked at its time. */
    public record CreatedOccurrence(long appointmentId, Instant recurrenceId, Instant start, Instant end,
                                    int sequence, boolean cancelled, List<NewMeeting.ParticipantRef> conflicts) {

        static CreatedOccurrence of(Appointment occurrence) {
            return new CreatedOccurrence(occurrence.getId(), occurrence.getRecurrenceId(), occurrence.getStartsAt(),
                    occurrence.getEndsAt(), occurrence.getSequence(), occurrence.isCancelled(),
                    occurrence.getParticipantRecords().stream().filter(ParticipantRecord::isConflict)
                            .map(r -> new NewMeeting.ParticipantRef(r.getKind(), r.getParticipantId())).toList());
        }
    }
}
