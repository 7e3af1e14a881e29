package org.invitations.invitation;

import java.time.Instant;

/** An appointment as one participant sees it: that participant's copy of the text and times. */
public record AppointmentView(long appointmentId, AppointmentType type, String title, String description,
                              String location, Instant start, Instant end, long ownerId, String ownerName,
                              int sequence, boolean cancelled) {

    /** The owner's view: the appointment's own text. */
    public static AppointmentView of(Appointment appointment) {
        return new AppointmentView(appointment.getId(), appointment.getType(), appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), appointment.getOwner().getId(), appointment.getOwner().getFullName(),
                appointment.getSequence(), appointment.isCancelled());
    }

    /** A participant's view: the text of its own record, which follows the owner's only when asked to. */
    public static AppointmentView of(ParticipantRecord record) {
        Appointment appointment = record.getAppointment();
        return new AppointmentView(appointment.getId(), appointment.getType(), record.getTitle(),
                record.getDescription(), record.getLocation(), record.getStartsAt(), record.getEndsAt(),
                appointment.getOwner().getId(), appointment.getOwner().getFullName(), appointment.getSequence(),
                appointment.isCancelled());
    }
}
