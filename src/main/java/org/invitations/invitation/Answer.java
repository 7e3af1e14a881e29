package org.invitations.invitation;

/** A record after its invitee answered, with the appointment it belongs to. */
public record Answer(long recordId, Status status, AppointmentView appointment) {
}
