package org.invitations.reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentType;
import org.invitations.invitation.Appointments;
import org.invitations.invitation.ChangeEvent;
import org.invitations.invitation.ChangePublisher;
import org.invitations.invitation.EventType;
import org.invitations.invitation.ExternalReplies;
import org.invitations.invitation.ExternalReply;
import org.invitations.invitation.ParticipantKind;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.Proposals;
import org.invitations.invitation.SendOptions;
import org.invitations.invitation.Status;
import org.invitations.invitation.TimeProposal;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;
import org.invitations.shared.Transactions;

/**
 * Takes in what external persons' calendar programs send back (RFC 5546 iTIP over RFC 6047 iMIP): one entry
 * point, {@link #receive}, for the SOAP operation and for a mailbox reader alike: a raw RFC 5322 message or
 * its calendar text in, a recorded {@link CalendarReply} out. Every message is recorded with its outcome;
 * none is a fault for its content.
 *
 * <p>The rules: METHOD:REPLY and METHOD:COUNTER only; the UID ({@code appointment-<id>@<uid domain>}) finds the
 * meeting, and RECURRENCE-ID one occurrence of a series; the one ATTENDEE's mailto address finds the person on
 * that meeting, case-insensitively, never the From header (which a forwarding gateway or a delegate changes); a
 * message naming several attendees speaks for someone else and is refused; a missing ORGANIZER is accepted
 * (Outlook leaves it out). A message that answers an earlier SEQUENCE than the meeting's (it moved since)
 * changes nothing, nor does a reply that is not newer than the last applied (SEQUENCE, then DTSTAMP). Unknown
 * UIDs, persons not on the meeting, cancelled meetings, associates' addresses (associates answer through the
 * service), messages without a calendar, malformed iCalendar and messages above {@value #MAX_MESSAGE_CHARS}
 * characters are refused with the reason.
 *
 * <p>A COUNTER (RFC 5546 §3.2.7) is the person's proposal of another time: it carries exactly one ATTENDEE, a
 * DTSTAMP, DTSTART and DTEND (UTC or a TZID, Windows names included), else it is refused; matched as a REPLY is,
 * it becomes a PENDING proposal by {@link Proposals#propose} with its COMMENT (the owner accepts or declines it;
 * a declined one sends the person a DECLINECOUNTER), raises proposal.made, and its record names the proposal.
 * What propose refuses (the meeting's own slot, a whole series, a slot no meeting takes) is refused with its
 * message, and only the message's record is written; the same times again while that proposal is pending change
 * nothing. A COUNTER leaves the person's answer as it was.
 *
 * <p>A reply is applied in one transaction with the meeting's row locked (the series' for a reply to the
 * whole series, then the occurrence's for one occurrence), as every change of a meeting is: the same reply
 * arriving ten times at once is applied once, and a reply racing a move comes before or after it.
 */
public final class ReplyService {

    /**
     * The longest message taken in, in characters: below the SOAP request limit of 1 MiB with room for the
     * envelope and its security header, and far above any real reply (a few KB; with a forwarded invitation
     * and a signature some tens of KB). A longer message is recorded as refused, unread.
     */
    public static final int MAX_MESSAGE_CHARS = 1_000_000;

    /** The longest COMMENT a proposal keeps (time_proposal.comment_text); a longer one is cut. */
    private static final int MAX_COMMENT = 254;

    private static final Pattern UID = Pattern.compile("appointment-(\\d{1,18})@(.+)", Pattern.CASE_INSENSITIVE);

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final ChangePublisher publisher;
    private final String uidDomain;

    /**
     * @param uidDomain the right-hand side of the UIDs this service writes (--uid-domain): other UIDs name no
     *                  meeting of this service
     */
    public ReplyService(SessionFactory sessionFactory, Clock clock, ChangePublisher publisher, String uidDomain) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.publisher = publisher;
        this.uidDomain = uidDomain;
    }

    /**
     * ProcessCalendarReply: an ADMIN, or an integration acting for anyone, hands in a received message (exactly
     * one of {@code mime} and {@code calendar}).
     */
    public CalendarReply process(Caller caller, String mime, String calendar) {
        if (!caller.isAdmin() && caller.integration() == null) {
            throw new NotAllowed("Only an ADMIN or an INTEGRATION account may hand in calendar replies", null);
        }
        if ((mime == null) == (calendar == null)) {
            throw new InvalidRequest("mime", mime == null
                    ? "give the received message: the whole message as mime, or its text/calendar part as calendar"
                    : "give mime or calendar, not both");
        }
        return receive(ReplySource.SOAP, mime, calendar);
    }

    /**
     * The one entry point: a received message (the whole RFC 5322 message as {@code mime}, or its calendar
     * text as {@code calendar}; exactly one) is read, matched, applied or refused, and recorded, in one
     * transaction.
     */
    public CalendarReply receive(ReplySource source, String mime, String calendar) {
        Instant now = clock.instant();
        Reading reading = read(mime, calendar);
        return Transactions.run(sessionFactory, session -> take(session, source, now, reading));
    }

    /**
     * The mailbox reader's entry: the message {@code messageKey} of {@code mailbox} (its whole RFC 5322 text) is
     * claimed and taken in as {@link #receive} takes a message in, claim and record in ONE transaction, refusals
     * included. Empty when the message was taken in before (by this node before a restart, or by another node
     * reading the same mailbox): then nothing is written, and the reader only moves it on.
     *
     * <p>The claim is inserted and flushed first: a second node taking the same message in waits there for the
     * first one's transaction, and when it committed gets a unique violation, which {@link Transactions} replays;
     * the replay finds the claim and writes nothing.
     */
    public Optional<CalendarReply> receiveOnce(String mailbox, String messageKey, String mime) {
        Instant now = clock.instant();
        Reading reading = read(mime, null);
        return Transactions.run(sessionFactory, session -> claimed(session, mailbox, messageKey, now,
                () -> take(session, ReplySource.IMAP, now, reading)));
    }

    /**
     * The mailbox reader's entry for a message it does not download: one larger than
     * {@value #MAX_MESSAGE_CHARS} by the size the mailbox gives. Claimed and recorded as refused, with the reason
     * {@link #receive} gives a message of that size; empty when it was taken in before.
     *
     * @param hash a SHA-256 (hex) that tells this message apart without its text, e.g. of its header block
     */
    public Optional<CalendarReply> refuseUnread(String mailbox, String messageKey, long size, String hash) {
        Instant now = clock.instant();
        Reading reading = Reading.refused(hash, null, tooLarge(size));
        return Transactions.run(sessionFactory, session -> claimed(session, mailbox, messageKey, now,
                () -> take(session, ReplySource.IMAP, now, reading)));
    }

    /** Whether a message of {@code size} characters (or bytes, by a mailbox's count) is taken in at all. */
    public static boolean tooLargeToRead(long size) {
        return size > MAX_MESSAGE_CHARS;
    }

    private static String tooLarge(long size) {
        return "the message is larger than " + MAX_MESSAGE_CHARS + " characters (" + size
                + "); a calendar reply is a few KB";
    }

    private static Optional<CalendarReply> claimed(Session session, String mailbox, String messageKey, Instant now,
                                                   java.util.function.Supplier<CalendarReply> work) {
        Long taken = session.createSelectionQuery("""
                        select m.id from MailboxMessage m where m.mailbox = :mailbox and m.messageKey = :key""",
                        Long.class)
                .setParameter("mailbox", mailbox)
                .setParameter("key", messageKey)
                .getSingleResultOrNull();
        if (taken != null) {
            return Optional.empty();
        }
        MailboxMessage claim = new MailboxMessage(mailbox, messageKey, now);
        session.persist(claim);
        session.flush();
        CalendarReply reply = work.get();
        claim.recordedAs(reply);
        return Optional.of(reply);
    }

    /**
     * What a message says before the database is asked: a refusal (with what was read, if anything), or the
     * reply and the meeting its UID names.
     */
    private record Reading(String hash, ItipReply read, String refusal, long appointmentId) {

        static Reading refused(String hash, ItipReply read, String reason) {
            return new Reading(hash, read, reason, 0);
        }
    }

    /** Reads the message without the database: never throws for its content. */
    private Reading read(String mime, String calendar) {
        if ((mime == null) == (calendar == null)) {
            throw new IllegalArgumentException("exactly one of mime and calendar");
        }
        String text = mime != null ? mime : calendar;
        String hash = sha256(text);
        if (text.length() > MAX_MESSAGE_CHARS) {
            return Reading.refused(hash, null, tooLarge(text.length()));
        }
        String ics = text;
        if (mime != null) {
            Optional<String> found;
            try {
                found = CalendarParts.calendarOf(mime);
            } catch (CalendarParts.Unreadable e) {
                return Reading.refused(hash, null, e.getMessage());
            }
            if (found.isEmpty()) {
                return Reading.refused(hash, null,
                        "the message has no calendar part (no text/calendar part, no .ics attachment)");
            }
            ics = found.get();
        }
        ItipReply read;
        try {
            read = ItipReply.read(ics);
        } catch (ItipReply.Malformed e) {
            return Reading.refused(hash, null, e.getMessage());
        }
        String refusal = refusalOf(read);
        if (refusal != null) {
            return Reading.refused(hash, read, refusal);
        }
        Matcher uid = UID.matcher(read.uid());
        uid.matches();
        return new Reading(hash, read, null, Long.parseLong(uid.group(1)));
    }

    /** Records the refusal, or matches and applies the reply, in the given session's transaction. */
    private CalendarReply take(Session session, ReplySource source, Instant now, Reading reading) {
        if (reading.refusal() != null) {
            return record(session, source, now, reading.hash(), reading.read(), ReplyOutcome.REFUSED,
                    reading.refusal(), null, null, null);
        }
        return apply(session, source, now, reading.hash(), reading.read(), reading.appointmentId());
    }

    /** What makes the message no usable reply whatever the database holds; null when there is nothing. */
    private String refusalOf(ItipReply read) {
        if (read.method() == null) {
            return "no METHOD: not an iTIP message (RFC 5546 requires one)";
        }
        boolean counter = read.method().equals("COUNTER");
        if (!counter && !read.method().equals("REPLY")) {
            return "METHOD:" + read.method() + " is not a reply; only REPLY and COUNTER are taken in";
        }
        String kind = counter ? "a COUNTER" : "a reply";
        if (read.events() == 0) {
            return "no VEVENT: " + kind + " to a meeting carries one";
        }
        if (read.events() > 1) {
            return read.events() + " VEVENTs in one message; " + kind
                    + " carries one (per occurrence, one message each)";
        }
        if (read.uid() == null || read.uid().isEmpty()) {
            return "no UID: the " + (counter ? "COUNTER" : "reply") + " names no meeting";
        }
        Matcher uid = UID.matcher(read.uid());
        if (!uid.matches() || !uid.group(2).equalsIgnoreCase(uidDomain)) {
            return "unknown UID " + read.uid() + ": not a meeting of this service";
        }
        String who = counter ? "the one who proposes" : "the one who answers";
        if (read.attendees().isEmpty()) {
            return "no ATTENDEE: " + (counter ? "a COUNTER names the attendee who proposes"
                    : "a REPLY names the attendee who answers");
        }
        if (read.attendees().size() > 1) {
            return "speaks for someone else: " + (counter ? "a COUNTER" : "a REPLY") + " carries exactly one ATTENDEE, "
                    + who + "; this one names " + read.attendees().size();
        }
        if (!read.attendee().contains("@")) {
            return "ATTENDEE " + read.attendee() + " is no mailto: address";
        }
        if (!counter && read.answer() == null) {
            return "PARTSTAT=" + read.partStat() + " is no answer (ACCEPTED, DECLINED or TENTATIVE)";
        }
        if (read.dtstamp() == null) {
            return "no DTSTAMP: " + (counter ? "a COUNTER carries one (RFC 5546 §3.2.7)"
                    : "replies are ordered by it (RFC 5546 §2.1.5)");
        }
        if (counter && read.start() == null) {
            return "no DTSTART: a COUNTER proposes a start and an end";
        }
        if (counter && read.end() == null) {
            return "no DTEND: a COUNTER proposes a start and an end";
        }
        return null;
    }

    private CalendarReply apply(Session session, ReplySource source, Instant now, String hash, ItipReply read,
                                long appointmentId) {
        Appointment named = Appointments.locked(session, appointmentId);
        if (named == null) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED,
                    "unknown UID " + read.uid() + ": no such meeting", null, null);
        }
        if (named.getType() != AppointmentType.MEETING) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED,
                    "appointment " + appointmentId + " is a task, not a meeting", appointmentId, null);
        }
        Appointment target = named;
        if (read.recurrenceId() != null) {
            if (!named.isSeries()) {
                return record(session, source, now, hash, read, ReplyOutcome.REFUSED, "RECURRENCE-ID "
                        + read.recurrenceId() + " given, but meeting " + appointmentId + " is no series",
                        appointmentId, null);
            }
            Long occurrenceId = Appointments.occurrenceOf(session, appointmentId, read.recurrenceId());
            if (occurrenceId == null) {
                return record(session, source, now, hash, read, ReplyOutcome.REFUSED, "series " + appointmentId
                        + " has no occurrence at RECURRENCE-ID " + read.recurrenceId(), appointmentId, null);
            }
            target = Appointments.locked(session, occurrenceId);
        }
        long targetId = target.getId();
        if (target.isCancelled() || target.isOccurrence() && target.getSeries().isCancelled()) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED,
                    "the meeting was cancelled", targetId, null);
        }
        String address = read.attendee();
        Long associate = session.createSelectionQuery(
                        "select a.id from Associate a where lower(a.email) = :address", Long.class)
                .setParameter("address", address.toLowerCase(Locale.ROOT))
                .setMaxResults(1)
                .getSingleResultOrNull();
        if (associate != null) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED, address
                    + " is an associate's address: associates answer their invitations through the service",
                    targetId, null);
        }
        List<ParticipantRecord> persons = target.getParticipantRecords().stream()
                .filter(r -> r.getKind() == ParticipantKind.PERSON && r.getPerson().getEmail() != null
                        && r.getPerson().getEmail().strip().equalsIgnoreCase(address))
                .toList();
        List<ParticipantRecord> taking = persons.stream().filter(r -> r.getStatus() != Status.CANCELLED).toList();
        if (taking.isEmpty()) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED, address
                    + (persons.isEmpty() ? " is not on meeting " : " was taken off meeting ") + targetId,
                    targetId, persons.isEmpty() ? null : persons.get(0).getPerson().getId());
        }
        if (taking.size() > 1) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED, taking.size()
                    + " persons on meeting " + targetId + " share the address " + address
                    + "; the reply cannot tell which one answers", targetId, null);
        }
        ParticipantRecord record = taking.get(0);
        long personId = record.getPerson().getId();
        int current = target.isOccurrence() ? Math.max(target.getSequence(), target.getSeries().getSequence())
                : target.getSequence();
        if (read.sequence() < current) {
            return record(session, source, now, hash, read, ReplyOutcome.UNCHANGED, "out of date: it answers SEQUENCE "
                    + read.sequence() + ", and the meeting is at SEQUENCE " + current
                    + " since it was moved or changed", targetId, personId);
        }
        if (read.method().equals("COUNTER")) {
            return propose(session, source, now, hash, read, record, targetId, personId);
        }
        ExternalReply reply = ExternalReply.of(read.answer(), read.comment(), read.sequence(), read.dtstamp(), now);
        ExternalReply before = record.getLastReply();
        ExternalReplies.Outcome outcome = ExternalReplies.apply(session, target, record, reply, now);
        if (outcome.effect() == ExternalReply.Effect.APPLIED || outcome.occurrencesChanged() > 0) {
            publisher.publish(session, ChangeEvent.ofRecord(EventType.PERSON_REPLIED, record, now));
            return record(session, source, now, hash, read, ReplyOutcome.APPLIED, null, targetId, personId, null);
        }
        String last = " (SEQUENCE " + before.sequence() + ", DTSTAMP " + before.dtstamp() + ")";
        return record(session, source, now, hash, read, ReplyOutcome.UNCHANGED,
                outcome.effect() == ExternalReply.Effect.SAME ? "the same reply again" + last
                        : "older than the reply applied before" + last, targetId, personId, null);
    }

    /**
     * A matched COUNTER: the person's proposal of another time, as {@link Proposals#propose} takes it (its
     * refusals are this message's, recorded with their message, and nothing else is written). The same times
     * proposed again while that proposal is still pending change nothing.
     */
    private CalendarReply propose(Session session, ReplySource source, Instant now, String hash, ItipReply read,
                                  ParticipantRecord record, long targetId, long personId) {
        TimeProposal pending = session.createSelectionQuery("""
                        from TimeProposal p where p.record.id = :record and p.state = :pending
                        and p.startsAt = :start and p.endsAt = :end""", TimeProposal.class)
                .setParameter("record", record.getId())
                .setParameter("pending", TimeProposal.State.PENDING)
                .setParameter("start", read.start())
                .setParameter("end", read.end())
                .setMaxResults(1)
                .getSingleResultOrNull();
        if (pending != null) {
            return record(session, source, now, hash, read, ReplyOutcome.UNCHANGED, "the same proposal again: "
                    + read.start() + " - " + read.end() + " is pending as proposal " + pending.getId(), targetId,
                    personId, pending.getId());
        }
        CalendarReply later = laterCounter(session, record.getId(), read);
        if (later != null) {
            return record(session, source, now, hash, read, ReplyOutcome.UNCHANGED, "older than the COUNTER pending"
                    + " as proposal " + later.getProposalId() + " (SEQUENCE " + later.getSequence() + ", DTSTAMP "
                    + later.getDtstamp() + ")", targetId, personId, later.getProposalId());
        }
        TimeProposal made;
        try {
            // every refusal of propose comes before it writes anything
            made = Proposals.propose(session, record, read.start(), read.end(), cut(read.comment(), MAX_COMMENT),
                    now);
        } catch (InvalidRequest | InvalidTransition refused) {
            return record(session, source, now, hash, read, ReplyOutcome.REFUSED, refused.getMessage(), targetId,
                    personId, null);
        }
        publisher.publish(session, ChangeEvent.ofProposal(EventType.PROPOSAL_MADE, made, SendOptions.NONE, now));
        return record(session, source, now, hash, read, ReplyOutcome.APPLIED, null, targetId, personId,
                made.getId());
    }

    /**
     * The COUNTER behind the person's pending proposal when it is not older than {@code read} (SEQUENCE, then
     * DTSTAMP, as replies are ordered): a COUNTER that arrives late, after a newer one, does not replace it.
     * Null when nothing is pending, or the pending proposal is older.
     */
    private static CalendarReply laterCounter(Session session, long recordId, ItipReply read) {
        // two look-ups by key (ix_proposal_record, ix_calendar_reply_proposal), no join for a planner to weigh
        Long proposal = session.createSelectionQuery("""
                        select p.id from TimeProposal p where p.record.id = :record and p.state = :pending""", Long.class)
                .setParameter("record", recordId)
                .setParameter("pending", TimeProposal.State.PENDING)
                .setMaxResults(1)
                .getSingleResultOrNull();
        CalendarReply pending = proposal == null ? null : session.createSelectionQuery("""
                        from CalendarReply c where c.proposalId = :proposal and c.outcome = :applied""",
                        CalendarReply.class)
                .setParameter("proposal", proposal)
                .setParameter("applied", ReplyOutcome.APPLIED)
                .setMaxResults(1)
                .getSingleResultOrNull();
        if (pending == null || pending.getSequence() == null || pending.getDtstamp() == null) {
            return null;
        }
        int sequence = read.sequence();
        int pendingSequence = pending.getSequence();
        boolean older = sequence < pendingSequence
                || sequence == pendingSequence && !read.dtstamp().isAfter(pending.getDtstamp());
        return older ? pending : null;
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** ListCalendarReplies: newest first, of one outcome or all; ADMIN only. */
    public Page<CalendarReply> list(Caller caller, ReplyOutcome outcome, int pageSize, PageToken before) {
        if (!caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may list calendar replies"
                    + (caller.integration() != null ? " (an integration never acts as an admin)" : ""), null);
        }
        return Transactions.run(sessionFactory, session -> Page.of(session.createSelectionQuery(
                        "from CalendarReply c where c.id < :before"
                                + (outcome == null ? "" : " and c.outcome = :outcome") + " order by c.id desc",
                        CalendarReply.class)
                .setParameter("before", before == null ? Long.MAX_VALUE : before.id())
                .setProperties(outcome == null ? java.util.Map.of() : java.util.Map.of("outcome", outcome))
                .setMaxResults(pageSize + 1)
                .getResultList(), pageSize, c -> PageToken.afterId(c.getId())));
    }

    private static CalendarReply record(Session session, ReplySource source, Instant now, String hash,
                                        ItipReply read, ReplyOutcome outcome, String reason, Long appointmentId,
                                        Long personId) {
        return record(session, source, now, hash, read, outcome, reason, appointmentId, personId, null);
    }

    private static CalendarReply record(Session session, ReplySource source, Instant now, String hash,
                                        ItipReply read, ReplyOutcome outcome, String reason, Long appointmentId,
                                        Long personId, Long proposalId) {
        CalendarReply reply = new CalendarReply(now, source, hash, read, outcome, reason, appointmentId, personId,
                proposalId);
        session.persist(reply);
        return reply;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
