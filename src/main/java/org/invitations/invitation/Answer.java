package org.invitations.invitation;

/**
 * A record after its invitee answered, with the appointment as the invitee sees it. For an answer on a
 * series, {@code occurrencesChanged} says how many occurrences' records it changed; null otherwise.
 */
public record Answer(long recordId, Status status, boolean isNew, AppointmentView appointment,
                     Integer occurrencesChanged) {

    /** An answer on a single appointment's record. */
    public Answer(long recordId, Status status, boolean isNew, AppointmentView appointment) {
        this(recordId, status, isNew, appointment, null);
    }

    public static Answer of(ParticipantRecord record) {
        return new Answer(record.getId(), record.getStatus(), record.isNew(), AppointmentView.of(record));
    }

    /** The target record of an answer on a series, and how many occurrences' records it changed. */
    static Answer ofSeries(ParticipantRecord record, int occurrencesChanged) {
        return new Answer(record.getId(), record.getStatus(), record.isNew(), AppointmentView.of(record),
                occurrencesChanged);
    }
}
