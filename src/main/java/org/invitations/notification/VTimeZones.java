package org.invitations.notification;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.IntStream;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * The VTIMEZONE a calendar needs for times written with a TZID, made from the JDK's zone rules: the same
 * rules the service expands its series with, so a mail program that reads the VTIMEZONE (Outlook does,
 * it does not know IANA names) sees the same instants as the service.
 *
 * <p>Not ical4j's own registry ({@code TimeZoneRegistry}): its bundled definitions are the historical
 * tzurl.org files, which for a linked zone carry the other zone's id (Europe/Oslo comes back as
 * {@code TZID:Europe/Berlin}, with Berlin's history and a TZURL pointing to the network), and they come
 * with every transition since the 19th century.
 *
 * <p>Where the zone's current yearly rules cover the whole range, the VTIMEZONE is what Outlook itself
 * writes: one STANDARD and one DAYLIGHT observance, each a yearly RRULE. Otherwise (a zone without
 * daylight-saving time, a rule change inside the range, a rule that iCalendar cannot say the same way)
 * it lists the offset in force at the range's start and each transition up to the range's end as its
 * own observance; both forms are RFC 5545.
 */
final class VTimeZones {

    private VTimeZones() {
    }

    /** The zone's definition, right for every instant from {@code from} to {@code to}. */
    static VTimeZone of(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        VTimeZone vtimezone = new VTimeZone();
        vtimezone.add(new TzId(zone.getId()));
        List<Observance> yearly = yearly(zone, rules, from, to);
        List<Observance> observances = yearly != null ? yearly : transitions(zone, rules, from, to);
        observances.forEach(vtimezone::add);
        return vtimezone;
    }

    /** One STANDARD and one DAYLIGHT with RRULEs, or null when the yearly rules do not say it all. */
    private static List<Observance> yearly(ZoneId zone, ZoneRules rules, Instant from, Instant to) {
        List<ZoneOffsetTransitionRule> yearlyRules = rules.getTransitionRules();
        List<ZoneOffsetTransition> explicit = rules.getTransitions();
        if (yearlyRules.size() != 2) {
            return null;
        }
        // Onsets in the year before the range, so the right observance is in force at its start.
        int year = from.atOffset(ZoneOffset.UTC).getYear() - 1;
        Instant firstOnset = yearlyRules.stream().map(r -> r.createTransition(year).getInstant())
                .min(Instant::compareTo).orElseThrow();
        if (!explicit.isEmpty() && !explicit.get(explicit.size() - 1).getInstant().isBefore(firstOnset)) {
            return null;
        }
        Observance[] observances = new Observance[2];
        for (int i = 0; i < 2; i++) {
            ZoneOffsetTransitionRule rule = yearlyRules.get(i);
            ZoneOffsetTransition first = rule.createTransition(year);
            String byDay = byDay(rule, first.getDateTimeBefore());
            if (byDay == null) {
                return null;
            }
            observances[i] = observance(zone, rules, first);
            observances[i].add(new RRule<>("FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + ";" + byDay));
        }
        return List.of(observances);
    }

    /**
     * The rule's day as RRULE parts, or null when the local date of the transition is not the rule's own
     * (a rule at 01:00 UTC that is the day before in the zone, a 24:00 rule).
     */
    private static String byDay(ZoneOffsetTransitionRule rule, LocalDateTime localBefore) {
        if (localBefore.getMonth() != rule.getMonth() || rule.isMidnightEndOfDay()) {
            return null;
        }
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek weekday = rule.getDayOfWeek();
        if (weekday == null) {
            return localBefore.getDayOfMonth() == indicator ? "BYMONTHDAY=" + indicator : null;
        }
        if (localBefore.getDayOfWeek() != weekday) {
            return null;
        }
        String day = weekday.name().substring(0, 2);
        if (indicator == -1) {
            return "BYDAY=-1" + day;
        }
        if (indicator > 0 && (indicator - 1) % 7 == 0 && indicator <= 22) {
            return "BYDAY=" + ((indicator - 1) / 7 + 1) + day;
        }
        int length = rule.getMonth().minLength();
        if (indicator > 0 && indicator + 6 == length && length == rule.getMonth().maxLength()) {
            // tzdb's "lastSun" comes out of the JDK as "Sun>=25" in a 31-day month: the last one.
            return "BYDAY=-1" + day;
        }
        if (indicator > 0 && indicator + 6 <= length) {
            return "BYDAY=" + day + ";BYMONTHDAY=" + String.join(",",
                    IntStream.rangeClosed(indicator, indicator + 6).mapToObj(Integer::toString).toList());
        }
        return null;
    }

    /**
     * The offset in force at {@code from}, then every transition up to {@code to}, one observance each.
     * The first observance has the same offset before and after: with a TZOFFSETFROM of the zone's
     * distant past (Tokyo's +1000 of 1951), ical4j took that as the zone's offset.
     */
    private static List<Observance> transitions(ZoneId zone, ZoneRules rules, Instant from, Instant to) {
        ZoneOffsetTransition before = rules.previousTransition(from.plusSeconds(1));
        ZoneOffset offset = rules.getOffset(from);
        Observance current = rules.isDaylightSavings(from) ? new Daylight() : new Standard();
        current.add(new DtStart<>(before == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : before.getDateTimeAfter()));
        current.add(new TzOffsetFrom(offset));
        current.add(new TzOffsetTo(offset));
        current.add(new TzName(name(zone, rules, from)));
        List<Observance> observances = new ArrayList<>();
        observances.add(current);
        for (ZoneOffsetTransition next = rules.nextTransition(from); next != null && !next.getInstant().isAfter(to);
                next = rules.nextTransition(next.getInstant())) {
            Observance observance = observance(zone, rules, next);
            // The onset again as an RDATE: ical4j 4.1.1 ignores an observance that has only its DTSTART.
            observance.add(new RDate<>(new DateList<>(List.of(next.getDateTimeBefore()))));
            observances.add(observance);
        }
        return observances;
    }

    private static Observance observance(ZoneId zone, ZoneRules rules, ZoneOffsetTransition transition) {
        Instant at = transition.getInstant();
        Observance observance = rules.isDaylightSavings(at) ? new Daylight() : new Standard();
        observance.add(new DtStart<>(transition.getDateTimeBefore()));
        observance.add(new TzOffsetFrom(transition.getOffsetBefore()));
        observance.add(new TzOffsetTo(transition.getOffsetAfter()));
        observance.add(new TzName(name(zone, rules, at)));
        return observance;
    }

    /** The zone's short English name at that instant ("CET", "CEST", "EDT"). */
    private static String name(ZoneId zone, ZoneRules rules, Instant at) {
        return TimeZone.getTimeZone(zone).getDisplayName(rules.isDaylightSavings(at), TimeZone.SHORT, Locale.ENGLISH);
    }
}
