package org.invitations.invitation;

import java.util.List;
import org.invitations.invitation.NewMeeting.ParticipantRef;

/**
 * What the owner changes: text fields left null stay as they are (an empty description or location
 * clears it); participants to add and to remove.
 */
public record AppointmentUpdate(long appointmentId, String title, String description, String location,
                                List<ParticipantRef> add, List<ParticipantRef> remove, boolean sendInvitations,
                                boolean updateAllRecords) {
}
