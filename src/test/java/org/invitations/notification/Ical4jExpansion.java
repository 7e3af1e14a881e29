package org.invitations.notification;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * The instances a calendar program sees in a series confirmation, as ical4j computes them: the master
 * VEVENT's recurrence set (RRULE less EXDATE, {@code VEvent.calculateRecurrenceSet}), less the
 * occurrences an override replaces (by RECURRENCE-ID), plus the overrides' own starts.
 */
final class Ical4jExpansion {

    private Ical4jExpansion() {
    }

    static Calendar parse(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    /** Every instance's start, in order, within 1900-2200. */
    static List<Instant> instants(String ics) throws IOException, ParserException {
        Calendar calendar = parse(ics);
        List<VEvent> events = calendar.getComponents("VEVENT");
        List<VEvent> masters = events.stream().filter(e -> e.getProperty("RECURRENCE-ID").isEmpty()).toList();
        if (masters.size() != 1) {
            throw new IllegalArgumentException("expected one VEVENT without RECURRENCE-ID, found " + masters.size());
        }
        Period<ZonedDateTime> window = new Period<>(ZonedDateTime.parse("1900-01-01T00:00:00Z"),
                ZonedDateTime.parse("2200-01-01T00:00:00Z"));
        Set<Period<Temporal>> set = masters.get(0).calculateRecurrenceSet(window);
        TreeSet<Instant> instants = new TreeSet<>();
        for (Period<Temporal> period : set) {
            instants.add(Instant.from(period.getStart()));
        }
        for (VEvent override : events) {
            if (override.getProperty("RECURRENCE-ID").isPresent()) {
                instants.remove(instant(override, "RECURRENCE-ID"));
                instants.add(instant(override, "DTSTART"));
            }
        }
        return new ArrayList<>(instants);
    }

    static Instant instant(VEvent event, String property) {
        DateProperty<?> date = event.<DateProperty<?>>getProperty(property).orElseThrow();
        return Instant.from(date.getDate());
    }
}
