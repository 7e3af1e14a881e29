package org.invitations.invitation;

/** A record after its invitee answered, with the appointment as the invitee sees it. */
public record Answer(long recordId, Status status, boolean isNew, AppointmentView appointment) {

    public static Answer of(ParticipantRecord record) {
        return new Answer(record.getId(), record.getStatus(), record.isNew(), AppointmentView.of(record));
    }
}
