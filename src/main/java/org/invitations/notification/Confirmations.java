package org.invitations.notification;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Comment;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import net.fortuna.ical4j.validate.ValidationException;
import org.invitations.notification.SeriesSnapshot.OccurrenceOverride;

/**
 * Builds the confirmation e-mail that tells an external person about a meeting, with the meeting as an
 * iCalendar invitation (RFC 5545/5546) that mail programs offer to put in the calendar.
 *
 * <p>The message is laid out as Gmail and Outlook send invitations themselves: {@code multipart/mixed}
 * holding a {@code multipart/alternative} (a readable {@code text/plain} part, then
 * {@code text/calendar; method=...}, which Outlook and Gmail act on), followed by the same calendar as an
 * {@code invite.ics} attachment for programs that only look at attachments.
 *
 * <p>The calendar entry's UID is {@code appointment-<id>@<uid domain>}, the same for every message about
 * one appointment, so a later REQUEST (moved, changed) updates the entry and a CANCEL removes it;
 * SEQUENCE is the appointment's, which goes up on every move, and DTSTAMP is when the message was made,
 * which orders two messages of the same sequence (a text change that did not move the meeting). It is a
 * real iTIP request (RFC 5546 §3.2.2): every ATTENDEE has PARTSTAT=NEEDS-ACTION and RSVP=TRUE, so calendar
 * programs offer Accept, Tentative and Decline and send an iTIP REPLY, which the service takes in
 * (ProcessCalendarReply). The ORGANIZER is the owner, with no SENT-BY: SENT-BY names who acts for the
 * organizer, not where answers go, and Gmail shows an "unknown organizer" when it is there. Answers by
 * plain e-mail go to the Reply-To: the configured reply address, else the owner's. An attendee without an
 * address is named in the text but is no ATTENDEE, which needs one. A CANCEL carries the sequence as it stands (cancelling does not
 * raise it), never lower than that of a REQUEST sent before, so calendar programs apply it.
 *
 * <p>Times are written in UTC, in the calendar (with the Z suffix, so no VTIMEZONE is needed) and in the
 * text (marked "UTC"); the calendar program shows them in the reader's own zone.
 */
public final class Confirmations {

    /** The calendar's PRODID: who made it, as RFC 5545 asks. */
    public static final String PRODUCT_ID = "-//Invitations SOAP service//Meeting confirmations//EN";

    /** The attachment's file name. */
    public static final String ATTACHMENT_NAME = "invite.ics";

    private final InternetAddress sender;
    private final InternetAddress replyAddress;
    private final String uidDomain;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    /** With the system clock. */
    public Confirmations(Party sender, String uidDomain) {
        this(sender, uidDomain, Clock.systemUTC());
    }

    /**
     * @param sender    the From of every message (the service's address, e.g. "Invitations
     *                  &lt;no-reply@invitations.example.com&gt;"); also the ORGANIZER's address when the
     *                  organizer has none, since iCalendar requires one
     * @param uidDomain the right-hand side of every UID and Message-ID, e.g. the service's host name;
     *                  keep it unchanged, or calendars see new meetings instead of updates
     * @param clock     for DTSTAMP and the Date header
     */
    public Confirmations(Party sender, String uidDomain, Clock clock) {
        this(sender, uidDomain, clock, null);
    }

    /**
     * As {@link #Confirmations(Party, String, Clock)}, with the address answers go to.
     *
     * @param replyAddress the Reply-To of every message (where persons' answers are read); null: the
     *                     organizer's address, or none when the organizer has none
     */
    public Confirmations(Party sender, String uidDomain, Clock clock, String replyAddress) {
        Objects.requireNonNull(sender, "sender");
        this.replyAddress = replyAddress == null ? null : plainAddress(replyAddress);
        Objects.requireNonNull(uidDomain, "uidDomain");
        this.sender = address(sender).orElseThrow(
                () -> new IllegalArgumentException("the sender needs a valid e-mail address: " + sender.email()));
        if (!uidDomain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("the UID domain must be a host name: " + uidDomain);
        }
        this.uidDomain = uidDomain;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The calendar entry's UID, stable for the appointment: moves, changes and the cancel all use it. */
    public String uid(MeetingSnapshot meeting) {
        return "appointment-" + meeting.appointmentId() + "@" + uidDomain;
    }

    /**
     * One message for each of the meeting's attendees who has a usable address; the others are
     * returned as skipped.
     */
    public ConfirmationBatch messages(MeetingSnapshot meeting, Method method) {
        return messages(meeting, method, meeting.attendees());
    }

    /**
     * One message for each recipient who has a usable address; the others are returned as skipped. The
     * recipients are usually some of the meeting's attendees (its external persons, say), who are also
     * listed in every message's calendar.
     */
    public ConfirmationBatch messages(MeetingSnapshot meeting, Method method, List<Party> recipients) {
        String ics = calendar(meeting, method);
        List<Confirmation> messages = new ArrayList<>();
        List<Party> skipped = new ArrayList<>();
        for (Party recipient : recipients) {
            address(recipient).ifPresentOrElse(
                    to -> messages.add(build(meeting, method, recipient, to, ics)),
                    () -> skipped.add(recipient));
        }
        return new ConfirmationBatch(messages, skipped);
    }

    /**
     * The message for one recipient.
     *
     * @throws IllegalArgumentException when the recipient has no address, or one that is not valid
     */
    public Confirmation message(MeetingSnapshot meeting, Method method, Party recipient) {
        InternetAddress to = address(recipient).orElseThrow(() -> new IllegalArgumentException(
                recipient.name() + " has no valid e-mail address: " + recipient.email()));
        return build(meeting, method, recipient, to, calendar(meeting, method));
    }

    /**
     * The message for one recipient with a calendar made before by {@link #calendar} for this meeting and
     * method: a series told to many persons is expanded and written once per change, not once a person.
     *
     * @throws IllegalArgumentException when the recipient has no address, or one that is not valid
     */
    Confirmation message(MeetingSnapshot meeting, Method method, Party recipient, String ics) {
        InternetAddress to = address(recipient).orElseThrow(() -> new IllegalArgumentException(
                recipient.name() + " has no valid e-mail address: " + recipient.email()));
        return build(meeting, method, recipient, to, ics);
    }

    /**
     * The CANCEL of one occurrence for one recipient, with the calendar made before by
     * {@link #occurrenceCancelCalendar} for this series and occurrence.
     *
     * @throws IllegalArgumentException when the recipient has no address, or one that is not valid
     */
    Confirmation occurrenceCancelMessage(MeetingSnapshot series, Instant recurrenceId, Party recipient, String ics) {
        InternetAddress to = address(recipient).orElseThrow(() -> new IllegalArgumentException(
                recipient.name() + " has no valid e-mail address: " + recipient.email()));
        return build(series, Method.CANCEL, recipient, to, ics, occurrenceText(series, recurrenceId));
    }

    /**
     * The iCalendar object alone (what the calendar part and {@value #ATTACHMENT_NAME} hold), CRLF line ends.
     *
     * @throws IllegalArgumentException for DECLINECOUNTER, which answers one proposer: see {@link #declineCounter}
     */
    public String calendar(MeetingSnapshot meeting, Method method) {
        requireMeetingMethod(method);
        Calendar calendar = calendar(method);
        if (!meeting.isSeries()) {
            calendar.add(event(meeting, method, meeting.sequence(), meeting.start(), meeting.end(), meeting.title(),
                    meeting.location(), List.of()));
            return write(calendar);
        }
        SeriesSnapshot series = meeting.series();
        ZoneId zone = meeting.timeZone();
        addTimeZone(calendar, meeting);
        List<Property> rule = new ArrayList<>();
        rule.add(new RRule<>(series.rrule()));
        if (!series.cancelled().isEmpty()) {
            rule.add(exDate(series.cancelled(), zone));
        }
        calendar.add(event(meeting, method, meeting.sequence(), meeting.start(), meeting.end(), meeting.title(),
                meeting.location(), rule));
        if (method == Method.REQUEST) {
            for (OccurrenceOverride override : series.overrides()) {
                calendar.add(event(meeting, method, override.sequence(), override.start(), override.end(),
                        override.title() == null ? meeting.title() : override.title(),
                        override.location() == null ? meeting.location() : override.location(),
                        List.of(new RecurrenceId<>(time(override.recurrenceId(), zone)))));
            }
        }
        return write(calendar);
    }

    /**
     * The CANCEL of one occurrence of a series (RFC 5546 §3.2.5): the series' UID with the occurrence's
     * RECURRENCE-ID, so calendar programs take away that occurrence and keep the others. Later REQUESTs
     * for the series carry the occurrence as an EXDATE.
     *
     * @param series       the series as it stands (with or without this occurrence among its cancelled)
     * @param recurrenceId the occurrence's original start
     * @throws IllegalArgumentException when the meeting is no series
     */
    public String occurrenceCancelCalendar(MeetingSnapshot series, Instant recurrenceId) {
        if (!series.isSeries()) {
            throw new IllegalArgumentException("appointment " + series.appointmentId() + " is no series");
        }
        Objects.requireNonNull(recurrenceId, "recurrenceId");
        OccurrenceOverride override = series.series().override(recurrenceId);
        if (override == null) {
            Duration length = Duration.between(series.start(), series.end());
            override = OccurrenceOverride.moved(recurrenceId, recurrenceId, recurrenceId.plus(length), series.sequence());
        }
        Calendar calendar = calendar(Method.CANCEL);
        addTimeZone(calendar, series);
        calendar.add(event(series, Method.CANCEL, Math.max(series.sequence(), override.sequence()), override.start(),
                override.end(), override.title() == null ? series.title() : override.title(),
                override.location() == null ? series.location() : override.location(),
                List.of(new RecurrenceId<>(time(recurrenceId, series.timeZone())))));
        return write(calendar);
    }

    /**
     * The CANCEL of one occurrence for each recipient who has a usable address (see
     * {@link #occurrenceCancelCalendar}); the others are returned as skipped.
     */
    public ConfirmationBatch occurrenceCancelled(MeetingSnapshot series, Instant recurrenceId, List<Party> recipients) {
        String ics = occurrenceCancelCalendar(series, recurrenceId);
        List<Confirmation> messages = new ArrayList<>();
        List<Party> skipped = new ArrayList<>();
        for (Party recipient : recipients) {
            address(recipient).ifPresentOrElse(
                    to -> messages.add(build(series, Method.CANCEL, recipient, to, ics,
                            occurrenceText(series, recurrenceId))),
                    () -> skipped.add(recipient));
        }
        return new ConfirmationBatch(messages, skipped);
    }

    private static void requireMeetingMethod(Method method) {
        if (method == Method.DECLINECOUNTER) {
            throw new IllegalArgumentException("a DECLINECOUNTER answers one proposer: build it with declineCounter");
        }
    }

    private static Calendar calendar(Method method) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(switch (method) {
            case REQUEST -> ImmutableMethod.REQUEST;
            case CANCEL -> ImmutableMethod.CANCEL;
            case DECLINECOUNTER -> ImmutableMethod.DECLINE_COUNTER;
        });
        return calendar;
    }

    /**
     * The DECLINECOUNTER that tells an external person the organizer turned down the time it proposed (its
     * COUNTER, RFC 5546 §3.2.8): METHOD:DECLINECOUNTER, the meeting's UID (the series' for an occurrence, with
     * its RECURRENCE-ID), its current SEQUENCE and times, the organizer, and the proposer as the ATTENDEE.
     *
     * @param meeting      the meeting as it stands; its attendees are ignored (only the proposer is named); for
     *                     an occurrence, a single-meeting snapshot carrying the series' id and the occurrence's times
     * @param recurrenceId the occurrence's original start, or null for a single meeting
     * @param proposer     who proposed, with an address
     * @param proposedStart the time that was proposed, for the readable text
     * @throws IllegalArgumentException when the proposer has no valid address
     */
    public Confirmation declineCounter(MeetingSnapshot meeting, Instant recurrenceId, Party proposer,
                                       Instant proposedStart, Instant proposedEnd) {
        InternetAddress to = address(proposer).orElseThrow(() -> new IllegalArgumentException(
                proposer.name() + " has no valid e-mail address: " + proposer.email()));
        Calendar calendar = calendar(Method.DECLINECOUNTER);
        VEvent event = new VEvent(false);
        event.add(new DtStamp(now()));
        event.add(new Uid(uid(meeting)));
        event.add(new Sequence(meeting.sequence()));
        event.add(new DtStart<>(time(meeting.start(), ZoneOffset.UTC)));
        event.add(new DtEnd<>(time(meeting.end(), ZoneOffset.UTC)));
        if (recurrenceId != null) {
            event.add(new RecurrenceId<>(time(recurrenceId, ZoneOffset.UTC)));
        }
        event.add(new Summary(meeting.title()));
        event.add(organizer(meeting.organizer()));
        event.add(new Attendee(mailto(proposer.email())).add(new Cn(proposer.name())));
        event.add(new Comment("The organizer declined the proposed time "
                + MeetingTimes.format(proposedStart, proposedEnd, meeting.timeZone())
                + "; the meeting stays at " + MeetingTimes.format(meeting.start(), meeting.end(), meeting.timeZone())));
        calendar.add(event);
        return build(meeting, Method.DECLINECOUNTER, proposer, to, write(calendar),
                declineCounterText(meeting, proposedStart, proposedEnd));
    }

    /** The readable part of a DECLINECOUNTER. */
    static String declineCounterText(MeetingSnapshot meeting, Instant proposedStart, Instant proposedEnd) {
        List<String> lines = new ArrayList<>();
        lines.add(meeting.organizer().name() + " has declined the time you proposed for this meeting.");
        lines.add("");
        lines.add(OneLine.of(meeting.title()));
        lines.add("Proposed:  " + MeetingTimes.format(proposedStart, proposedEnd, meeting.timeZone()));
        lines.add("Stays at:  " + MeetingTimes.format(meeting.start(), meeting.end(), meeting.timeZone()));
        lines.add("Organizer: " + meeting.organizer().name()
                + address(meeting.organizer()).map(a -> " <" + a.getAddress() + ">").orElse(""));
        lines.add("");
        lines.add("The attached " + ATTACHMENT_NAME + " tells your calendar that the proposal was declined.");
        return String.join("\r\n", lines) + "\r\n";
    }

    /**
     * One VEVENT: the meeting's own properties, with these times and {@code timing} (RRULE, EXDATE,
     * RECURRENCE-ID) after DTEND.
     */
    private VEvent event(MeetingSnapshot meeting, Method method, int sequence, Instant start, Instant end,
                         String title, String location, List<Property> timing) {
        ZoneId zone = meeting.isSeries() ? meeting.timeZone() : ZoneOffset.UTC;
        VEvent event = new VEvent(false);
        event.add(new DtStamp(now()));
        event.add(new Uid(uid(meeting)));
        event.add(new Sequence(sequence));
        event.add(new DtStart<>(time(start, zone)));
        event.add(new DtEnd<>(time(end, zone)));
        timing.forEach(event::add);
        event.add(new Summary(title));
        if (meeting.description() != null) {
            event.add(new Description(meeting.description()));
        }
        if (location != null) {
            event.add(new Location(location));
        }
        event.add(organizer(meeting.organizer()));
        for (Party attendee : meeting.attendees()) {
            if (address(attendee).isPresent()) {
                event.add(new Attendee(mailto(attendee.email()))
                        .add(new Cn(attendee.name()))
                        .add(Role.REQ_PARTICIPANT)
                        .add(PartStat.NEEDS_ACTION)
                        .add(Rsvp.TRUE));
            }
        }
        event.add(method == Method.CANCEL ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }

    /**
     * A series written in a zone other than UTC gets the zone's VTIMEZONE, for every instant from its first
     * start to its last end (the rule is expanded over at most {@value #HORIZON_YEARS} years, the bound
     * of a series).
     */
    private static void addTimeZone(Calendar calendar, MeetingSnapshot meeting) {
        if (isUtc(meeting.timeZone())) {
            return;
        }
        SeriesSnapshot series = meeting.series();
        Instant from = meeting.start();
        Instant to = lastEnd(meeting);
        for (Instant cancelled : series.cancelled()) {
            from = min(from, cancelled);
            to = max(to, cancelled);
        }
        for (OccurrenceOverride override : series.overrides()) {
            from = min(from, min(override.start(), override.recurrenceId()));
            to = max(to, max(override.end(), override.recurrenceId()));
        }
        calendar.add(VTimeZones.of(meeting.timeZone(), from, to));
    }

    /** How far a series' rule is expanded to find its last occurrence: the design's bound of a series. */
    static final int HORIZON_YEARS = 2;

    /** The end of the series' last occurrence by its rule, within {@value #HORIZON_YEARS} years and a day. */
    private static Instant lastEnd(MeetingSnapshot meeting) {
        ZonedDateTime seed = meeting.start().truncatedTo(ChronoUnit.SECONDS).atZone(meeting.timeZone());
        Recur<ZonedDateTime> recur = new Recur<>(meeting.series().rrule());
        if (EnumSet.of(Frequency.SECONDLY, Frequency.MINUTELY, Frequency.HOURLY).contains(recur.getFrequency())) {
            throw new IllegalArgumentException("a series repeats at most daily: " + meeting.series().rrule());
        }
        List<ZonedDateTime> starts = recur.getDates(seed, seed, seed.plusYears(HORIZON_YEARS).plusDays(1));
        Instant last = starts.isEmpty() ? meeting.start() : starts.get(starts.size() - 1).toInstant();
        return last.plus(Duration.between(meeting.start(), meeting.end()));
    }

    private static ExDate<Temporal> exDate(List<Instant> cancelled, ZoneId zone) {
        DateList<Temporal> dates = new DateList<>(cancelled.stream().map(c -> time(c, zone)).toList());
        return isUtc(zone)
                ? new ExDate<>(dates)
                : new ExDate<>(new ParameterList(List.of(new TzId(zone.getId()))), dates);
    }

    /** The instant as the calendar writes it: with a TZID in the series' zone, or in UTC with the Z suffix. */
    private static Temporal time(Instant instant, ZoneId zone) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return isUtc(zone) ? seconds : seconds.atZone(zone);
    }

    private static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String write(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("the calendar did not validate: " + e.getMessage(), e);
        }
        return fold(out.toString().replace("\r\n ", ""));
    }

    /**
     * Folds every line at 75 octets of UTF-8, as RFC 5545 §3.1 asks, never inside a character: ical4j
     * folds at 75 characters, which makes a line of names with "å" or "Ø" longer than 75 octets.
     */
    static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 64);
        for (String line : unfolded.split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (octets + size > 75) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }

    /** The organizer with its own address, or with the sender's when it has none: iCalendar needs one. */
    private Organizer organizer(Party organizer) {
        String email = address(organizer).map(InternetAddress::getAddress).orElse(sender.getAddress());
        return new Organizer(mailto(email)).add(new Cn(organizer.name()));
    }

    private Confirmation build(MeetingSnapshot meeting, Method method, Party recipient, InternetAddress to, String ics) {
        return build(meeting, method, recipient, to, ics, text(meeting, method));
    }

    private Confirmation build(MeetingSnapshot meeting, Method method, Party recipient, InternetAddress to, String ics,
                               String readable) {
        String messageId = "<" + UUID.randomUUID() + "@" + uidDomain + ">";
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // Ours, not one made of the local host's name, which is often "localhost" in a container.
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(sender);
            message.setRecipient(Message.RecipientType.TO, to);
            Optional<InternetAddress> answersTo = replyAddress != null ? Optional.of(replyAddress)
                    : address(meeting.organizer());
            if (answersTo.isPresent()) {
                // Answers reach the reply address or the organizer, not the service's no-reply address.
                message.setReplyTo(new InternetAddress[] {answersTo.get()});
            }
            message.setSubject(subject(meeting, method), "UTF-8");
            message.setSentDate(Date.from(now()));
            // RFC 3834: made by a program, so auto-responders (vacation replies) stay quiet.
            message.setHeader("Auto-Submitted", "auto-generated");

            MimeBodyPart text = new MimeBodyPart();
            text.setText(readable, "UTF-8");
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8),
                    "text/calendar; method=" + method.name() + "; charset=UTF-8")));
            MimeMultipart alternative = new MimeMultipart("alternative", text, calendar);
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);

            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8),
                    "application/ics; name=" + ATTACHMENT_NAME)));
            attachment.setDisposition(Part.ATTACHMENT);
            attachment.setFileName(ATTACHMENT_NAME);

            message.setContent(new MimeMultipart("mixed", body, attachment));
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return new Confirmation(recipient, messageId, out.toString(StandardCharsets.UTF_8));
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the confirmation for appointment "
                    + meeting.appointmentId() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String subject(MeetingSnapshot meeting, Method method) {
        return switch (method) {
            case REQUEST -> "Invitation: ";
            case CANCEL -> "Cancelled: ";
            case DECLINECOUNTER -> "Proposal declined: ";
        } + OneLine.of(meeting.title());
    }

    /** The readable part: what, when, where, who, and what the attachment is for. */
    static String text(MeetingSnapshot meeting, Method method) {
        List<String> lines = new ArrayList<>();
        lines.add(method == Method.CANCEL
                ? "This meeting has been cancelled."
                : meeting.organizer().name() + " has booked you for this meeting.");
        lines.add("");
        lines.add(OneLine.of(meeting.title()));
        lines.add("When:      " + MeetingTimes.format(meeting.start(), meeting.end(), meeting.timeZone()));
        if (meeting.isSeries()) {
            lines.add("Repeats:   " + repeats(meeting));
        }
        if (meeting.location() != null) {
            lines.add("Where:     " + OneLine.of(meeting.location()));
        }
        lines.add("Organizer: " + meeting.organizer().name()
                + address(meeting.organizer()).map(a -> " <" + a.getAddress() + ">").orElse(""));
        if (!meeting.attendees().isEmpty()) {
            lines.add("Attendees: " + String.join(", ", meeting.attendees().stream().map(Party::name).toList()));
        }
        if (meeting.description() != null) {
            lines.add("");
            lines.addAll(meeting.description().lines().toList());
        }
        lines.add("");
        lines.add(method == Method.CANCEL
                ? "The attached " + ATTACHMENT_NAME + " removes the meeting from your calendar."
                : "The attached " + ATTACHMENT_NAME + " adds the meeting to your calendar."
                        + " Accept or decline it there, and the organizer sees your answer.");
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The readable part of the CANCEL of one occurrence. */
    static String occurrenceText(MeetingSnapshot series, Instant recurrenceId) {
        OccurrenceOverride override = series.series().override(recurrenceId);
        Instant start = override == null ? recurrenceId : override.start();
        Instant end = override == null
                ? recurrenceId.plus(Duration.between(series.start(), series.end())) : override.end();
        List<String> lines = new ArrayList<>();
        lines.add("One occurrence of this series has been cancelled; the others take place as planned.");
        lines.add("");
        lines.add(OneLine.of(series.title()));
        lines.add("Cancelled: " + MeetingTimes.format(start, end, series.timeZone()));
        lines.add("Series:    " + repeats(series));
        lines.add("Organizer: " + series.organizer().name()
                + address(series.organizer()).map(a -> " <" + a.getAddress() + ">").orElse(""));
        lines.add("");
        lines.add("The attached " + ATTACHMENT_NAME + " removes this occurrence from your calendar.");
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The series' rule as the calendar carries it, and the zone it repeats in. */
    private static String repeats(MeetingSnapshot series) {
        return series.series().rrule() + " (" + series.timeZone().getId() + " time)";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The party's address when it has one that parses strictly, with its name; otherwise empty. */
    private static Optional<InternetAddress> address(Party party) {
        if (!party.hasEmail()) {
            return Optional.empty();
        }
        try {
            InternetAddress address = new InternetAddress(party.email(), true);
            if (address.isGroup() || !party.email().equals(address.getAddress()) || !party.email().contains("@")) {
                return Optional.empty();
            }
            address.setPersonal(party.name(), "UTF-8");
            return Optional.of(address);
        } catch (AddressException | UnsupportedEncodingException e) {
            return Optional.empty();
        }
    }

    /** An address alone (no name), strictly parsed. */
    private static InternetAddress plainAddress(String email) {
        if (!address(new Party("x", email)).isPresent()) {
            throw new IllegalArgumentException("the reply address is not valid: " + email);
        }
        try {
            return new InternetAddress(email, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("the reply address is not valid: " + email, e);
        }
    }

    private static URI mailto(String email) {
        try {
            return new URI("mailto", email, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not usable as a calendar address: " + email, e);
        }
    }
}
