package org.invitations.invitation;

import java.time.Instant;
import java.util.List;

/**
 * One change, as the {@link ChangePublisher} is told of it: its type, the appointment after it, the
 * record it was about (absent for a change of the whole appointment), what the owner asked to be sent,
 * the records an update removed, for an answer on a series its scope (null otherwise), and after a split
 * ("this and following") the old series, whose rule now ends before the new one (null otherwise). Built
 * through the named factories, so that no caller passes a positional null.
 */
public record ChangeEvent(EventType type, Appointment appointment, ParticipantRecord record, SendOptions options,
                          List<ParticipantRecord> removed, Instant at, Scope answerScope, Appointment splitFrom,
                          TimeProposal proposal) {

    private ChangeEvent(EventType type, Appointment appointment, ParticipantRecord record, SendOptions options,
                        List<ParticipantRecord> removed, Instant at, Scope answerScope) {
        this(type, appointment, record, options, removed, at, answerScope, null, null);
    }

    /**
     * The same change, made on a new series split off {@code old} (null: no split): the old series' persons
     * get its shortened rule too, and the event names the series it came from.
     */
    public ChangeEvent splitFrom(Appointment old) {
        return new ChangeEvent(type, appointment, record, options, removed, at, answerScope, old, proposal);
    }

    /** A change of the whole appointment (created, moved, cancelled), with what the owner asked to be sent. */
    public static ChangeEvent ofAppointment(EventType type, Appointment appointment, SendOptions options, Instant at) {
        return new ChangeEvent(type, appointment, null, options, List.of(), at, null);
    }

    /** An update of the appointment that took these records out of it; their persons hear of it too. */
    public static ChangeEvent ofUpdate(Appointment appointment, SendOptions options, List<ParticipantRecord> removed,
                                       Instant at) {
        return new ChangeEvent(EventType.APPOINTMENT_UPDATED, appointment, null, options, removed, at, null);
    }

    /** A change of one participant's record (an answer, a progress report); it sends nothing. */
    public static ChangeEvent ofRecord(EventType type, ParticipantRecord record, Instant at) {
        return new ChangeEvent(type, record.getAppointment(), record, SendOptions.NONE, List.of(), at, null);
    }

    /**
     * An invitee's answer on a series: {@code record} is the one the answer names (the series' record for
     * SERIES, the named occurrence's for OCCURRENCE and FOLLOWING). One event, however many occurrences it changed.
     */
    public static ChangeEvent ofSeriesAnswer(EventType type, ParticipantRecord record, Scope scope, Instant at) {
        return new ChangeEvent(type, record.getAppointment(), record, SendOptions.NONE, List.of(), at, scope);
    }

    /**
     * A proposal of another time made, accepted or declined, about the proposal's appointment and the
     * proposer's record. With {@code options} on a decline, an external proposer is told (DECLINECOUNTER); the
     * move an accepted proposal makes is published on its own, as any move.
     */
    public static ChangeEvent ofProposal(EventType type, TimeProposal proposal, SendOptions options, Instant at) {
        return new ChangeEvent(type, proposal.getAppointment(), proposal.getRecord(), options, List.of(), at, null,
                null, proposal);
    }
}
