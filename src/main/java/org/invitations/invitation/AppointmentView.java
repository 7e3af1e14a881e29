package org.invitations.invitation;

import java.time.Instant;

/** An appointment as an answer returns it. */
public record AppointmentView(long appointmentId, AppointmentType type, String title, String description,
                              String location, Instant start, Instant end, long ownerId, String ownerName,
                              int sequence) {

    static AppointmentView of(Appointment appointment) {
        return new AppointmentView(appointment.getId(), appointment.getType(), appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), appointment.getOwner().getId(), appointment.getOwner().getFullName(),
                appointment.getSequence());
    }
}
