package org.invitations.reply;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import org.invitations.invitation.ExternalAnswer;

/**
 * What an iTIP message says, read with ical4j (folded lines, CRLF or bare LF line ends, time zones given by a VTIMEZONE of
 * the message or known by name, Windows names such as "W. Europe Standard Time" included): the METHOD, and
 * from its one VEVENT the UID, RECURRENCE-ID, SEQUENCE (0 when absent, as RFC 5545 says), DTSTAMP, every
 * ATTENDEE's address with the PARTSTAT of the first, COMMENT, and whether an ORGANIZER is there (Outlook
 * leaves it out of replies); of a COUNTER also the proposed DTSTART and DTEND, as instants read as RECURRENCE-ID
 * is (UTC, or a TZID of the message's VTIMEZONE or known by name, Windows names included). Nothing is judged
 * here; {@link ReplyService} applies the rules.
 *
 * @param events    how many VEVENTs the message holds
 * @param attendees the ATTENDEEs' addresses, as written (mailto: taken off, case kept)
 * @param partStat  the first ATTENDEE's PARTSTAT, upper case (NEEDS-ACTION when absent, its default)
 * @param answer    that PARTSTAT when it is an answer (ACCEPTED, DECLINED, TENTATIVE); null otherwise
 * @param start     a COUNTER's proposed DTSTART; null when absent, and for every other METHOD (not read)
 * @param end       a COUNTER's proposed DTEND; null when absent, and for every other METHOD (not read)
 */
record ItipReply(String method, int events, String uid, Instant recurrenceId, Integer sequence, Instant dtstamp,
                 List<String> attendees, String partStat, ExternalAnswer answer, String comment, boolean organizer,
                 Instant start, Instant end) {

    /** Why the text is no iCalendar object this service can read. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** The one attendee a REPLY names, or the first of several; null when none. */
    String attendee() {
        return attendees.isEmpty() ? null : attendees.get(0);
    }

    static ItipReply read(String ics) throws Malformed {
        Calendar calendar;
        try {
            // CRLF as RFC 5545 writes it: ical4j unfolds "CRLF space" only, and some programs write bare LF
            String crlf = ics.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            calendar = new CalendarBuilder().build(new StringReader(crlf));
        } catch (ParserException e) {
            throw new Malformed("malformed iCalendar: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new Malformed("malformed iCalendar: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        try {
            String method = calendar.getProperty("METHOD").map(Property::getValue)
                    .map(m -> m.strip().toUpperCase(Locale.ROOT)).orElse(null);
            List<VEvent> events = calendar.getComponents("VEVENT");
            if (events.isEmpty()) {
                return new ItipReply(method, 0, null, null, null, null, List.of(), null, null, null, false, null,
                        null);
            }
            VEvent event = events.get(0);
            String uid = event.getProperty("UID").map(Property::getValue).map(String::strip).orElse(null);
            Instant recurrenceId = event.<RecurrenceId<?>>getProperty("RECURRENCE-ID")
                    .map(r -> instant(r.getDate(), "RECURRENCE-ID")).orElse(null);
            Integer sequence = event.<Sequence>getProperty("SEQUENCE").map(Sequence::getSequenceNo).orElse(0);
            Instant dtstamp = event.<DtStamp>getProperty("DTSTAMP").map(d -> instant(d.getDate(), "DTSTAMP"))
                    .orElse(null);
            // only a COUNTER's times mean something; a REPLY's echo of the meeting is not judged (nor refused)
            boolean counter = "COUNTER".equals(method);
            Instant start = counter ? event.<DtStart<?>>getProperty("DTSTART")
                    .map(d -> instant(d.getDate(), "DTSTART")).orElse(null) : null;
            Instant end = counter ? event.<DtEnd<?>>getProperty("DTEND")
                    .map(d -> instant(d.getDate(), "DTEND")).orElse(null) : null;
            List<String> attendees = new ArrayList<>();
            String partStat = null;
            for (Property property : event.getProperties("ATTENDEE")) {
                Attendee attendee = (Attendee) property;
                attendees.add(address(attendee.getCalAddress(), attendee.getValue()));
                if (partStat == null) {
                    partStat = attendee.getParameter("PARTSTAT").map(Parameter::getValue)
                            .map(p -> p.strip().toUpperCase(Locale.ROOT)).orElse("NEEDS-ACTION");
                }
            }
            List<String> comments = new ArrayList<>();
            for (Property property : event.getProperties("COMMENT")) {
                comments.add(property.getValue());
            }
            return new ItipReply(method, events.size(), uid, recurrenceId, sequence, dtstamp, List.copyOf(attendees),
                    partStat, answer(partStat), comments.isEmpty() ? null : String.join("\n", comments),
                    event.getProperty("ORGANIZER").isPresent(), start, end);
        } catch (RuntimeException e) {
            throw new Malformed("malformed iCalendar: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static ExternalAnswer answer(String partStat) {
        if (partStat == null) {
            return null;
        }
        return switch (partStat) {
            case "ACCEPTED" -> ExternalAnswer.ACCEPTED;
            case "DECLINED" -> ExternalAnswer.DECLINED;
            case "TENTATIVE" -> ExternalAnswer.TENTATIVE;
            default -> null;
        };
    }

    /** The address of a calendar user: a mailto URI's address, or the value as written for anything else. */
    private static String address(URI uri, String written) {
        if (uri != null && "mailto".equalsIgnoreCase(uri.getScheme()) && uri.getSchemeSpecificPart() != null) {
            return uri.getSchemeSpecificPart().strip();
        }
        String value = written == null ? "" : written.strip();
        return value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7).strip() : value;
    }

    /** A date-time with a zone (UTC, an offset or a TZID) as an instant; anything else is not understood. */
    private static Instant instant(Temporal temporal, String property) {
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalArgumentException(property + " " + temporal + " has no time zone (floating or a date):"
                + " give it in UTC or with a TZID");
    }
}
