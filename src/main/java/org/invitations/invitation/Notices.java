package org.invitations.invitation;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * What a change tells the world: events for integrations, meeting confirmations and SMS for external
 * persons. Called by the services inside the transaction of the change, with the appointment locked, so
 * what it writes (an outbox) commits or rolls back with the change and comes in the order of the changes.
 * The notification feature implements it; {@link #NONE} tells nobody.
 */
public interface Notices {

    /** Tells nobody, sends nothing; refuses SMS, since there is no gateway. */
    Notices NONE = new Notices() {
        @Override
        public void requireAvailable(Notify notify, String field) {
            if (notify.sms()) {
                throw new org.invitations.shared.InvalidRequest(field, SMS_NOT_IN_USE);
            }
        }

        @Override
        public NoticeSummary publish(Session session, Notice notice) {
            return NoticeSummary.NONE;
        }
    };

    String SMS_NOT_IN_USE = "SMS is not in use: the service has no SMS gateway configured (--sms-url);"
            + " leave sendSms out or ask the operator to configure one";

    /** Refuses, before anything is written, what this service cannot send (SMS without a gateway). */
    void requireAvailable(Notify notify, String field);

    /** Writes the event, and the confirmations and SMS asked for, in the caller's transaction. */
    NoticeSummary publish(Session session, Notice notice);

    /** The event types, as integrations see them. */
    enum EventType {
        INVITATION_CREATED("invitation.created"),
        INVITATION_SEEN("invitation.seen"),
        INVITATION_ACCEPTED("invitation.accepted"),
        INVITATION_TENTATIVE("invitation.tentative"),
        INVITATION_DECLINED("invitation.declined"),
        INVITATION_POSTPONED("invitation.postponed"),
        APPOINTMENT_MOVED("appointment.moved"),
        APPOINTMENT_UPDATED("appointment.updated"),
        APPOINTMENT_CANCELLED("appointment.cancelled"),
        TASK_PROGRESS("task.progress");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** "Send meeting confirmation" and "send SMS", as the owner chose them for this change. */
    record Notify(boolean confirmation, boolean sms) {

        public static final Notify NONE = new Notify(false, false);

        public boolean any() {
            return confirmation || sms;
        }
    }

    /**
     * One change: its type, the appointment after it, the record it was about (null for a change of
     * the whole appointment), what the owner asked to be sent, and the records an update removed.
     */
    record Notice(EventType type, Appointment appointment, ParticipantRecord record, Notify options,
                  List<ParticipantRecord> removed, Instant at) {

        public static Notice ofAppointment(EventType type, Appointment appointment, Notify notify, Instant at) {
            return new Notice(type, appointment, null, notify, List.of(), at);
        }

        public static Notice ofRecord(EventType type, ParticipantRecord record, Instant at) {
            return new Notice(type, record.getAppointment(), record, Notify.NONE, List.of(), at);
        }
    }

    /** What was written for the owner to see: confirmations and SMS, and the persons skipped. */
    record NoticeSummary(int confirmations, int sms, List<Skipped> skipped, boolean asked) {

        public static final NoticeSummary NONE = new NoticeSummary(0, 0, List.of(), false);

        /** A person without an e-mail address (EMAIL) or mobile number (SMS). */
        public record Skipped(long personId, String name, String channel) {
        }
    }
}
