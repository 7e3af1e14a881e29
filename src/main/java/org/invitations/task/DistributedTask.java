package org.invitations.task;

import org.invitations.invitation.AppointmentView;

/** One line of the owner's Distributed tasks list. */
public record DistributedTask(AppointmentView task, int accepted, int declined, int pending,
                              int overallPercentDone, boolean done) {
}
