package org.invitations.invitation;

/** The kinds of change, as integrations see them in an event's {@code type}. */
public enum EventType {
    INVITATION_CREATED("invitation.created"),
    INVITATION_SEEN("invitation.seen"),
    INVITATION_ACCEPTED("invitation.accepted"),
    INVITATION_TENTATIVE("invitation.tentative"),
    INVITATION_DECLINED("invitation.declined"),
    INVITATION_POSTPONED("invitation.postponed"),
    APPOINTMENT_MOVED("appointment.moved"),
    APPOINTMENT_UPDATED("appointment.updated"),
    APPOINTMENT_CANCELLED("appointment.cancelled"),
    TASK_PROGRESS("task.progress"),
    PROPOSAL_MADE("proposal.made"),
    PROPOSAL_ACCEPTED("proposal.accepted"),
    PROPOSAL_DECLINED("proposal.declined"),
    /** An external person answered from its own calendar (an iTIP REPLY came in). */
    PERSON_REPLIED("person.replied");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
