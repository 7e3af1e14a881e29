package org.invitations.notification;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.invitations.directory.Person;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.ChangeEvent;
import org.invitations.invitation.ChangePublisher;
import org.invitations.invitation.ParticipantKind;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.SendOptions;
import org.invitations.invitation.SendReport;
import org.invitations.invitation.Status;

/**
 * Writes what a change tells the world into the outbox, in the change's own transaction: the event for
 * each registered webhook, and the confirmations and SMS the owner asked for. Persons without an e-mail
 * address or a mobile number are skipped and named in the answer.
 */
public final class Outbox implements ChangePublisher {

    private final NotificationSettings settings;
    private final Confirmations confirmations;

    public Outbox(NotificationSettings settings) {
        this.settings = settings;
        this.confirmations = new Confirmations(new Party("Invitations", settings.mailFrom()), settings.uidDomain());
    }

    @Override
    public void requireAvailable(SendOptions options, String field) {
        if (options.sms() && settings.sms() == null) {
            throw new org.invitations.shared.InvalidRequest(field, SMS_NOT_IN_USE);
        }
    }

    @Override
    public SendReport publish(Session session, ChangeEvent change) {
        Appointment appointment = change.appointment();
        List<Webhook> webhooks = session.createSelectionQuery("from Webhook w where w.removedAt is null order by w.id",
                Webhook.class).getResultList();
        if (!webhooks.isEmpty()) {
            EventJson.Event event = EventJson.of(change);
            for (Webhook webhook : webhooks) {
                session.persist(OutboxItem.event(webhook, appointment.getId(), event.id(), event.type(), event.json(),
                        change.at()));
            }
        }
        SendOptions asked = change.options();
        if (!asked.any()) {
            return SendReport.NONE;
        }
        boolean cancelled = appointment.isCancelled();
        List<Person> taking = persons(appointment.getParticipantRecords(), cancelled);
        List<Person> leaving = persons(change.removed(), true);
        MeetingSnapshot meeting = snapshot(appointment, taking);
        int mails = 0;
        int texts = 0;
        List<SendReport.Skipped> skipped = new ArrayList<>();
        for (Person person : concat(taking, leaving)) {
            Method method = cancelled || leaving.contains(person) ? Method.CANCEL : Method.REQUEST;
            if (asked.confirmation()) {
                Party recipient = new Party(person.getFullName(), person.getEmail());
                if (recipient.hasEmail()) {
                    Confirmation mail = confirmations.message(meeting, method, recipient);
                    session.persist(OutboxItem.email(appointment.getId(), person.getId(), recipient.email(),
                            method.name(), appointment.getSequence(), mail.mime(), settings.smtp() != null,
                            change.at()));
                    mails++;
                } else {
                    skipped.add(new SendReport.Skipped(person.getId(), person.getFullName(), "EMAIL"));
                }
            }
            if (asked.sms()) {
                if (person.getMobile() != null && !person.getMobile().isBlank()) {
                    session.persist(OutboxItem.sms(appointment.getId(), person.getId(), person.getMobile(),
                            SmsText.of(meeting, method), change.at()));
                    texts++;
                } else {
                    skipped.add(new SendReport.Skipped(person.getId(), person.getFullName(), "SMS"));
                }
            }
        }
        return new SendReport(mails, texts, skipped, true);
    }

    /** The external persons among these records: those still taking part, or all of them. */
    private static List<Person> persons(List<ParticipantRecord> records, boolean evenCancelled) {
        List<Person> persons = new ArrayList<>();
        for (ParticipantRecord record : records) {
            if (record.getKind() == ParticipantKind.PERSON
                    && (evenCancelled || record.getStatus() != Status.CANCELLED)) {
                persons.add(record.getPerson());
            }
        }
        return persons;
    }

    /** The meeting as the calendar entry shows it: the owner organizes, every person taking part attends. */
    private static MeetingSnapshot snapshot(Appointment appointment, List<Person> attendees) {
        List<Party> parties = attendees.stream().map(p -> new Party(p.getFullName(), p.getEmail())).toList();
        return new MeetingSnapshot(appointment.getId(), appointment.getSequence(), appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), new Party(appointment.getOwner().getFullName(), appointment.getOwner().getEmail()),
                parties, appointment.getTimeZone());
    }

    private static List<Person> concat(List<Person> a, List<Person> b) {
        List<Person> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
