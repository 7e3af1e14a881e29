package org.invitations.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.invitations.directory.Person;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.ChangeEvent;
import org.invitations.invitation.ChangePublisher;
import org.invitations.invitation.EventType;
import org.invitations.invitation.ParticipantKind;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.SendOptions;
import org.invitations.invitation.SendReport;
import org.invitations.invitation.Status;
import org.invitations.invitation.TimeProposal;

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
        this.confirmations = new Confirmations(new Party("Invitations", settings.mailFrom()), settings.uidDomain(),
                java.time.Clock.systemUTC(), settings.replyAddress());
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
        // in id order, sorted here: ORDER BY made Derby set up a sort on every change, with no webhook at all
        List<Webhook> webhooks = new ArrayList<>(session.createSelectionQuery("from Webhook w where w.removedAt is null",
                Webhook.class).getResultList());
        webhooks.sort(Comparator.comparing(Webhook::getId));
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
        Report report = new Report(session, asked, change);
        if (change.proposal() != null) {
            if (change.type() == EventType.PROPOSAL_DECLINED
                    && change.proposal().getProposerKind() == ParticipantKind.PERSON) {
                declineCounter(session, change.proposal(), report);
            }
            return report.done();
        }
        if (appointment.isSeries() || appointment.isOccurrence()) {
            publishSeries(session, change, report);
            if (change.splitFrom() != null) {
                // the old series' rule now ends before the new one: its persons get it again, or their
                // calendars would show the following weeks twice
                publishSeries(session, ChangeEvent.ofAppointment(EventType.APPOINTMENT_UPDATED, change.splitFrom(),
                        asked, change.at()), report);
            }
            return report.done();
        }
        boolean cancelled = appointment.isCancelled();
        List<Person> taking = persons(appointment.getParticipantRecords(), cancelled);
        List<Person> leaving = persons(change.removed(), true);
        MeetingSnapshot meeting = snapshot(appointment, taking);
        for (Person person : concat(taking, leaving)) {
            Method method = cancelled || leaving.contains(person) ? Method.CANCEL : Method.REQUEST;
            report.send(appointment.getId(), person, method, appointment.getSequence(),
                    recipient -> confirmations.message(meeting, method, recipient).mime(),
                    () -> SmsText.of(meeting, method));
        }
        return report.done();
    }

    /**
     * A change of a series or of one of its occurrences. The calendar entry is the series (its UID), so every
     * message is the series' and is kept under the series' id: one REQUEST for the whole series per person
     * (created, changed, or one occurrence moved or changed: the REQUEST again, with that occurrence as an
     * override), the series' CANCEL when it was cancelled, and the CANCEL of one occurrence (RECURRENCE-ID)
     * to that occurrence's persons when it alone was cancelled, or to the persons taken out of it alone.
     * SMS about the series name its first occurrence and how it repeats; SMS about one occurrence name it.
     */
    private void publishSeries(Session session, ChangeEvent change, Report report) {
        Appointment appointment = change.appointment();
        Appointment series = appointment.isSeries() ? appointment : appointment.getSeries();
        long seriesId = series.getId();
        boolean seriesCancelled = series.isCancelled();
        List<Person> seriesPersons = persons(series.getParticipantRecords(), seriesCancelled);
        SeriesSnapshots.Read read = SeriesSnapshots.of(session, series, organizer(series), parties(seriesPersons));
        MeetingSnapshot whole = read.meeting();
        // each calendar is written once per change, whatever the number of persons
        Supplier<String> request = once(() -> confirmations.calendar(whole, Method.REQUEST));
        Supplier<String> cancel = once(() -> confirmations.calendar(whole, Method.CANCEL));
        if (appointment.isSeries() || seriesCancelled) {
            List<Person> leaving = appointment.isSeries() ? persons(change.removed(), true) : List.of();
            for (Person person : concat(seriesPersons, leaving)) {
                Method method = seriesCancelled || among(leaving, person) ? Method.CANCEL : Method.REQUEST;
                Supplier<String> ics = method == Method.CANCEL ? cancel : request;
                report.send(seriesId, person, method, whole.sequence(),
                        recipient -> confirmations.message(whole, method, recipient, ics.get()).mime(),
                        () -> SmsText.of(whole, method));
            }
            return;
        }
        Instant recurrenceId = read.calendarId(appointment.getRecurrenceId());
        int sequence = Math.max(series.getSequence(), appointment.getSequence());
        MeetingSnapshot occurrence = snapshot(appointment, List.of());
        Supplier<String> occurrenceCancel = once(() -> confirmations.occurrenceCancelCalendar(whole, recurrenceId));
        Function<Party, String> cancelMime = recipient -> confirmations.occurrenceCancelMessage(whole, recurrenceId,
                recipient, occurrenceCancel.get()).mime();
        if (appointment.isCancelled()) {
            for (Person person : persons(appointment.getParticipantRecords(), true)) {
                report.send(seriesId, person, Method.CANCEL, sequence, cancelMime,
                        () -> SmsText.of(occurrence, Method.CANCEL));
            }
            return;
        }
        List<Person> taking = persons(appointment.getParticipantRecords(), false);
        for (Person person : seriesPersons) {
            report.send(seriesId, person, Method.REQUEST, sequence,
                    recipient -> confirmations.message(whole, Method.REQUEST, recipient, request.get()).mime(),
                    among(taking, person) ? () -> SmsText.of(occurrence, Method.REQUEST) : null);
        }
        for (Person person : taking) {
            if (!among(seriesPersons, person)) {
                // taking part in this occurrence alone: it is a meeting of its own for them
                MeetingSnapshot single = snapshot(appointment, taking);
                report.send(appointment.getId(), person, Method.REQUEST, appointment.getSequence(),
                        recipient -> confirmations.message(single, Method.REQUEST, recipient).mime(),
                        () -> SmsText.of(single, Method.REQUEST));
            }
        }
        for (Person person : persons(change.removed(), true)) {
            report.send(seriesId, person, Method.CANCEL, sequence, cancelMime,
                    () -> SmsText.of(occurrence, Method.CANCEL));
        }
    }

    /**
     * The DECLINECOUNTER to the external person whose proposal the owner declined: the meeting as it stands,
     * under its calendar entry's UID (the series' for an occurrence, named by its RECURRENCE-ID as the series'
     * REQUEST names it) and kept with the meeting's other confirmations. E-mail only.
     */
    private void declineCounter(Session session, TimeProposal proposal, Report report) {
        Appointment appointment = proposal.getAppointment();
        Person person = proposal.getRecord().getPerson();
        long keptUnder = appointment.getId();
        int sequence = appointment.getSequence();
        Instant recurrenceId = null;
        if (appointment.isOccurrence()) {
            Appointment series = appointment.getSeries();
            keptUnder = series.getId();
            sequence = Math.max(series.getSequence(), sequence);
            recurrenceId = SeriesSnapshots.of(session, series, organizer(series), List.of())
                    .calendarId(appointment.getRecurrenceId());
        }
        MeetingSnapshot meeting = new MeetingSnapshot(keptUnder, sequence, appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), organizer(appointment), List.of(), appointment.getTimeZone());
        Instant named = recurrenceId;
        report.send(keptUnder, person, Method.DECLINECOUNTER, sequence,
                recipient -> confirmations.declineCounter(meeting, named, recipient, proposal.getStartsAt(),
                        proposal.getEndsAt()).mime(), null);
    }

    /** Made at the first call, then the same. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /**
     * The messages one change writes, counted for the owner's answer: an e-mail and an SMS per person as
     * asked, or the person named as skipped for want of an address or a number.
     */
    private final class Report {
        private final Session session;
        private final SendOptions asked;
        private final ChangeEvent change;
        private int mails;
        private int texts;
        private final List<SendReport.Skipped> skipped = new ArrayList<>();

        Report(Session session, SendOptions asked, ChangeEvent change) {
            this.session = session;
            this.asked = asked;
            this.change = change;
        }

        /** The e-mail ({@code mime} for the recipient) and the SMS ({@code sms}; null: no SMS for this person). */
        void send(long appointmentId, Person person, Method method, int sequence, Function<Party, String> mime,
                  Supplier<String> sms) {
            if (asked.confirmation()) {
                Party recipient = new Party(person.getFullName(), person.getEmail());
                if (recipient.hasEmail()) {
                    session.persist(OutboxItem.email(appointmentId, person.getId(), recipient.email(), method.name(),
                            sequence, mime.apply(recipient), settings.smtp() != null, change.at()));
                    mails++;
                } else {
                    skipped.add(new SendReport.Skipped(person.getId(), person.getFullName(), "EMAIL"));
                }
            }
            if (asked.sms() && sms != null) {
                if (person.getMobile() != null && !person.getMobile().isBlank()) {
                    session.persist(OutboxItem.sms(appointmentId, person.getId(), person.getMobile(), sms.get(),
                            change.at()));
                    texts++;
                } else {
                    skipped.add(new SendReport.Skipped(person.getId(), person.getFullName(), "SMS"));
                }
            }
        }

        SendReport done() {
            return new SendReport(mails, texts, skipped, true);
        }
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
        return new MeetingSnapshot(appointment.getId(), appointment.getSequence(), appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), organizer(appointment), parties(attendees), appointment.getTimeZone());
    }

    private static Party organizer(Appointment appointment) {
        return new Party(appointment.getOwner().getFullName(), appointment.getOwner().getEmail());
    }

    private static List<Party> parties(List<Person> persons) {
        return persons.stream().map(p -> new Party(p.getFullName(), p.getEmail())).toList();
    }

    private static boolean among(List<Person> persons, Person person) {
        return persons.stream().anyMatch(p -> p.getId().equals(person.getId()));
    }

    private static List<Person> concat(List<Person> a, List<Person> b) {
        List<Person> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
