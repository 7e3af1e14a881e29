package org.invitations.invitation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;

/**
 * The owner's changes of a series with a scope: one occurrence (as a single meeting), this and the
 * following ones (the series is split there: the old series ends just before, a new one goes on), or the
 * whole series (every occurrence not cancelled, and the series appointment itself). The target is found
 * and locked first: the occurrence for a change of one occurrence, the series appointment for anything
 * wider (then its occurrences, read with their records in one query).
 */
final class SeriesChanges {

    static final String SAME_DAY = "a series moves to another time of the same day; cancel the following"
            + " occurrences and create a new series to change days";

    private SeriesChanges() {
    }

    /**
     * What a change is aimed at, locked: a single appointment (scope null), one occurrence (the
     * occurrence), or a series (the series, with the named occurrence for FOLLOWING or as the reference).
     */
    record Target(Appointment appointment, Appointment occurrence, Scope scope) {

        boolean single() {
            return scope == null;
        }
    }

    /**
     * What a change did: the appointment it answers with and publishes (after a split, the new series),
     * the occurrences it applied to, whether anything changed, the records an update removed (the series'
     * own, so that each person hears once) and a line for the audit.
     */
    record Change(Appointment appointment, List<Appointment> occurrences, boolean changed,
                  List<ParticipantRecord> removed, String detail, Appointment splitFrom) {

        Change(Appointment appointment, List<Appointment> occurrences, boolean changed,
               List<ParticipantRecord> removed, String detail) {
            this(appointment, occurrences, changed, removed, detail, null);
        }

        /** The same change, made on a new series split off {@code old}, whose persons hear of its shorter rule. */
        Change splitOff(Appointment old) {
            return new Change(appointment, occurrences, changed, removed, detail, old);
        }
    }

    /**
     * Finds and locks the target of an owner's change. The appointment must be the caller's (and of the
     * expected type); a recurrenceId must name an occurrence of the series (NotFound, field recurrenceId);
     * OCCURRENCE and FOLLOWING need an occurrence named; a single appointment takes neither a recurrenceId
     * nor FOLLOWING.
     */
    static Target target(Session session, Caller owner, long appointmentId, ChangeScope asked, String action,
                         AppointmentType expected) {
        Object[] row = session.createSelectionQuery("""
                        select a.owner.id, a.type, a.series.id, a.recurrenceRule, a.recurrenceId
                        from Appointment a where a.id = :id""", Object[].class)
                .setParameter("id", appointmentId)
                .getSingleResultOrNull();
        if (row == null) {
            throw new NotFound("appointment", appointmentId, "appointmentId");
        }
        if ((Long) row[0] != owner.associateId() || expected != null && row[1] != expected) {
            Appointments.owned(session, owner, appointmentId, action, expected); // refuses, saying why
        }
        Long seriesOf = (Long) row[2];
        boolean isSeries = row[3] != null;
        Instant recurrenceId = asked.recurrenceId();
        if (seriesOf == null && !isSeries) {
            if (recurrenceId != null) {
                throw new InvalidRequest("recurrenceId", "appointment " + appointmentId
                        + " is not part of a series; leave recurrenceId out");
            }
            if (asked.scope() == Scope.FOLLOWING) {
                throw new InvalidRequest("scope", "appointment " + appointmentId
                        + " is not part of a series; FOLLOWING is for the occurrences of a series");
            }
            return new Target(Appointments.ownedForChange(session, owner, appointmentId, action, expected), null,
                    null);
        }
        long seriesId = isSeries ? appointmentId : seriesOf;
        Long named = null;
        if (!isSeries) {
            Instant own = (Instant) row[4];
            if (recurrenceId != null && !recurrenceId.equals(own)) {
                throw new InvalidRequest("recurrenceId", "appointment " + appointmentId + " is the occurrence "
                        + own + " of series " + seriesId + ", not " + recurrenceId
                        + "; to name another occurrence, give the seriesId as appointmentId");
            }
            named = appointmentId;
        } else if (recurrenceId != null) {
            named = Series.occurrenceId(session, seriesId, recurrenceId);
            if (named == null) {
                throw new NotFound("No occurrence of series " + seriesId + " has recurrenceId " + recurrenceId
                        + " (recurrenceId): give an occurrence's original start, as the series' occurrences"
                        + " list it", "recurrenceId");
            }
        }
        Scope scope = asked.scope() != null ? asked.scope() : named == null ? Scope.SERIES : Scope.OCCURRENCE;
        if (scope != Scope.SERIES && named == null) {
            throw new InvalidRequest("recurrenceId", "scope " + scope + " is about one occurrence: give its"
                    + " recurrenceId (or that occurrence's own appointmentId)");
        }
        if (scope == Scope.OCCURRENCE) {
            Appointment occurrence = Appointments.locked(session, named);
            if (occurrence == null) {
                throw new NotFound("appointment", named, "appointmentId");
            }
            return new Target(occurrence, occurrence, Scope.OCCURRENCE);
        }
        Appointment series = Appointments.locked(session, seriesId);
        Series.occurrencesWithRecords(session, seriesId);
        Appointment occurrence = null;
        if (named != null) {
            long id = named;
            // read before the lock: a split committed meanwhile moved it to another series, so start again
            occurrence = series.getOccurrences().stream().filter(o -> o.getId() == id).findFirst()
                    .orElseThrow(() -> new StaleStateException("occurrence " + id + " left series " + seriesId));
        }
        return new Target(series, occurrence, scope);
    }

    // ------------------------------------------------------------------ move

    /** A move of one occurrence, the whole series, or this and the following ones (split first). */
    static Change move(Session session, Target target, Instant start, Instant end, Instant now) {
        Appointment occurrence = target.occurrence();
        if (target.scope() == Scope.OCCURRENCE) {
            ResourceRules.forMove(session, occurrence, start, end, now);
        }
        // a wider move: the resources of every live occurrence locked now, before a split writes anything
        ResourceRules rules = target.scope() == Scope.OCCURRENCE ? null
                : ResourceRules.lockIds(session, target.appointment().getType(), resourcesOf(live(target.appointment())));
        return switch (target.scope()) {
            case OCCURRENCE -> {
                occurrence.moveTo(start, end, moved -> Conflicts.of(session, moved), now);
                yield new Change(occurrence, List.of(occurrence), true, List.of(),
                        "occurrence " + occurrence.getRecurrenceId() + " of series " + occurrence.getSeriesId());
            }
            case SERIES -> moveSeries(session, target.appointment(), occurrence, start, end, now, "", rules);
            case FOLLOWING -> {
                Appointment series = target.appointment();
                if (isFirst(series, occurrence)) {
                    yield moveSeries(session, series, occurrence, start, end, now, "", rules);
                }
                requireSameDay(series, occurrence, start);
                Appointment next = split(session, series, occurrence, now);
                yield moveSeries(session, next, occurrence, start, end, now, ", split from series " + series.getId()
                        + " at " + occurrence.getRecurrenceId(), rules).splitOff(series);
            }
        };
    }

    /**
     * Every occurrence not cancelled takes the new local time of day (on its own local date) and the new
     * length, in the series' zone, so 09:00 to 10:00 stays 10:00 local across a daylight-saving change; the
     * series appointment too, and a rule ending by UNTIL ends at the new time of its last start. Invitees
     * are asked again on the series' record and on the occurrences, whose records keep following the series.
     */
    private static Change moveSeries(Session session, Appointment series, Appointment reference, Instant start,
                                     Instant end, Instant now, String detail, ResourceRules rules) {
        Appointment.requireSlot(start, end);
        ZoneId zone = series.getTimeZone();
        requireSameDay(series, reference, start);
        LocalTime oldTime = LocalTime.ofInstant(series.getStartsAt(), zone);
        LocalTime time = LocalTime.ofInstant(start, zone);
        Duration length = Duration.between(start, end);
        List<Appointment> live = live(series);
        List<Instant> starts = new ArrayList<>();
        for (Appointment occurrence : live) {
            starts.add(at(LocalDate.ofInstant(occurrence.getStartsAt(), zone), time, zone));
        }
        requireNoOverlap(starts, length);
        Set<Long> own = ids(series.getOccurrences());
        Conflicts.Timeline timeline = timeline(session, series, live, starts, length);
        // every occurrence's new slot for each of its resources with rules, before any occurrence moves
        for (int i = 0; i < live.size(); i++) {
            Instant at = starts.get(i);
            for (long resourceId : new java.util.TreeSet<>(live.get(i).takingPart(ParticipantKind.RESOURCE))) {
                rules.requireSlot(resourceId, at, at.plus(length), now, timeline, own, "start",
                        live.get(i).getRecurrenceId());
            }
        }
        Set<Long> busyAssociates = new HashSet<>();
        Set<Long> busyResources = new HashSet<>();
        for (int i = 0; i < live.size(); i++) {
            Appointment occurrence = live.get(i);
            Instant at = starts.get(i);
            Conflicts busy = timeline.at(at, at.plus(length), own);
            occurrence.moveWithSeries(at, at.plus(length), busy, now);
            for (ParticipantRecord record : occurrence.getRecords()) {
                if (busy.isBusy(record)) {
                    (record.getKind() == ParticipantKind.RESOURCE ? busyResources : busyAssociates)
                            .add(record.getParticipantId());
                }
            }
        }
        String rule = series.getRecurrenceRule();
        Instant until = storedUntil(rule);
        if (until != null) {
            Appointment last = null;
            for (Appointment occurrence : series.getOccurrences()) {
                if (!at(LocalDate.ofInstant(occurrence.getRecurrenceId(), zone), oldTime, zone).isAfter(until)) {
                    last = occurrence;
                }
            }
            if (last != null) {
                series.changeRule(Recurrences.withLastStart(rule, at(LocalDate.ofInstant(last.getRecurrenceId(), zone),
                        time, zone)), false);
            }
        }
        Instant seriesStart = at(LocalDate.ofInstant(series.getStartsAt(), zone), time, zone);
        series.moveWithSeries(seriesStart, seriesStart.plus(length), new Conflicts(busyAssociates, busyResources),
                now);
        return new Change(series, live, true, List.of(), "series " + series.getId() + ", " + live.size()
                + " occurrences" + detail);
    }

    private static void requireSameDay(Appointment series, Appointment reference, Instant start) {
        ZoneId zone = series.getTimeZone();
        Appointment named = reference != null ? reference : series.getOccurrences().get(0);
        LocalDate day = LocalDate.ofInstant(named.getStartsAt(), zone);
        LocalDate asked = LocalDate.ofInstant(start, zone);
        if (!asked.equals(day)) {
            throw new InvalidRequest("start", SAME_DAY + " (the occurrence is on " + day + " in " + zone
                    + "; start is on " + asked + ")");
        }
    }

    private static void requireNoOverlap(List<Instant> starts, Duration length) {
        List<Instant> sorted = starts.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).isBefore(sorted.get(i - 1).plus(length))) {
                throw new InvalidRequest("end", "occurrences of a series must not overlap: each would last "
                        + length.toMinutes() + " minutes, and the occurrence of " + sorted.get(i) + " starts "
                        + Duration.between(sorted.get(i - 1), sorted.get(i)).toMinutes()
                        + " minutes after the one before");
            }
        }
    }

    // ------------------------------------------------------------------ cancel

    /**
     * One occurrence (its records 10, the series goes on), this and the following ones (cancelled, and the
     * rule ends just before: no split needed), or the series and every occurrence. A retried cancel changes
     * nothing.
     */
    static Change cancel(Target target, Instant now) {
        Appointment occurrence = target.occurrence();
        Appointment series = target.appointment();
        if (target.scope() == Scope.OCCURRENCE) {
            boolean changed = occurrence.cancelOnItsOwn(now);
            return new Change(occurrence, changed ? List.of(occurrence) : List.of(), changed, List.of(),
                    "occurrence " + occurrence.getRecurrenceId() + " of series " + occurrence.getSeriesId());
        }
        List<Appointment> cancelled = new ArrayList<>();
        if (target.scope() == Scope.FOLLOWING && !isFirst(series, occurrence)) {
            if (series.isCancelled()) {
                return new Change(series, List.of(), false, List.of(), null);
            }
            String rule = Recurrences.endingBefore(series.getRecurrenceRule(), patternStart(series, occurrence));
            boolean ruleChanged = !rule.equals(series.getRecurrenceRule());
            series.changeRule(rule, true);
            List<Appointment> all = series.getOccurrences();
            for (Appointment later : all.subList(all.indexOf(occurrence), all.size())) {
                if (later.cancel(now)) {
                    cancelled.add(later);
                }
            }
            return new Change(series, cancelled, ruleChanged || !cancelled.isEmpty(), List.of(),
                    "series " + series.getId() + " from " + occurrence.getRecurrenceId() + ", " + cancelled.size()
                            + " occurrences");
        }
        boolean changed = series.cancel(now);
        for (Appointment each : series.getOccurrences()) {
            if (each.cancel(now)) {
                cancelled.add(each);
            }
        }
        return new Change(series, cancelled, changed || !cancelled.isEmpty(), List.of(),
                "series " + series.getId() + ", " + cancelled.size() + " occurrences");
    }

    // ------------------------------------------------------------------ update

    /**
     * New text and participants for the whole series (the series appointment and every occurrence not
     * cancelled: an added participant gets the series' invitation and a record on each, conflicts checked
     * per occurrence), or for this and the following ones (split first). One occurrence alone is updated
     * as a single appointment by the service; its changed records no longer follow the series.
     */
    static Change updateSeries(Session session, Target target, AppointmentUpdate update, String addedList,
                               String removedList, ResourceRules rules, Instant now) {
        Appointment series = target.appointment();
        Appointment occurrence = target.occurrence();
        String detail = "";
        Appointment old = null;
        if (target.scope() == Scope.FOLLOWING && !isFirst(series, occurrence)) {
            old = series;
            Appointment next = split(session, series, occurrence, now);
            detail = ", split from series " + series.getId() + " at " + occurrence.getRecurrenceId();
            series = next;
        }
        series.changeText(series.getText().changedBy(update.title(), update.description(), update.location()),
                update.updateAllRecords());
        List<Appointment> live = live(series);
        for (Appointment each : live) {
            each.changeText(each.getText().changedBy(update.title(), update.description(), update.location()),
                    update.updateAllRecords());
        }
        List<ParticipantRecord> left = new ArrayList<>();
        List<ParticipantRef> removed = update.remove();
        for (int i = 0; i < removed.size(); i++) {
            ParticipantRef ref = removed.get(i);
            left.add(series.removeParticipant(ref, now, Participants.field(removedList, i, ref.kind())));
            for (Appointment each : live) {
                if (each.takingPart(ref.kind()).contains(ref.id())) {
                    each.removeParticipant(ref, now, Participants.field(removedList, i, ref.kind()));
                }
            }
        }
        List<ParticipantRef> added = update.add();
        if (!added.isEmpty()) {
            Participants found = Participants.resolve(session, added, addedList);
            List<Instant> starts = live.stream().map(Appointment::getStartsAt).toList();
            Conflicts.Timeline timeline = series.getType() == AppointmentType.TASK || live.isEmpty()
                    ? new Conflicts.Timeline(java.util.Map.of(), java.util.Map.of())
                    : Conflicts.timeline(session, found.associates.keySet(), found.resources.keySet(),
                    starts.stream().min(Comparator.naturalOrder()).orElseThrow(),
                    live.stream().map(Appointment::getEndsAt).max(Comparator.naturalOrder()).orElseThrow());
            Set<Long> own = ids(series.getOccurrences());
            for (Appointment each : live) {
                for (int i = 0; i < added.size(); i++) {
                    ParticipantRef ref = added.get(i);
                    if (ref.kind() == ParticipantKind.RESOURCE && !each.takingPart(ref.kind()).contains(ref.id())) {
                        rules.requireSlot(ref.id(), each.getStartsAt(), each.getEndsAt(), now, timeline, own,
                                Participants.place(addedList, i), each.getRecurrenceId());
                    }
                }
            }
            Set<ParticipantRef> everBusy = new HashSet<>();
            for (Appointment each : live) {
                Conflicts busy = timeline.at(each.getStartsAt(), each.getEndsAt(), own);
                for (int i = 0; i < added.size(); i++) {
                    ParticipantRef ref = added.get(i);
                    if (each.takingPart(ref.kind()).contains(ref.id())) {
                        continue;
                    }
                    boolean conflict = busy.isBusy(ref.kind(), ref.id());
                    if (conflict) {
                        everBusy.add(ref);
                    }
                    each.addParticipant(ref, found, update.sendInvitations(), conflict, now,
                            Participants.field(addedList, i, ref.kind())).followSeries();
                }
            }
            for (int i = 0; i < added.size(); i++) {
                ParticipantRef ref = added.get(i);
                series.addParticipant(ref, found, update.sendInvitations(), everBusy.contains(ref), now,
                        Participants.field(addedList, i, ref.kind()));
            }
        }
        rules.requireRoomFor(series, added, addedList);
        session.flush(); // the new records get their ids (cascaded from their appointments)
        Change change = new Change(series, live, true, left, "series " + series.getId() + ", " + live.size()
                + " occurrences" + detail);
        return old == null ? change : change.splitOff(old);
    }

    // ------------------------------------------------------------------ the split

    /**
     * Splits {@code series} at {@code first} (a later occurrence than its first): the old series' rule ends
     * just before it, the new series (persisted here) starts there with the rest of the rule and copies of
     * the old series' records, and the occurrences from {@code first} on belong to it.
     */
    private static Appointment split(Session session, Appointment series, Appointment first, Instant now) {
        int k = series.getOccurrences().indexOf(first) + 1;
        String rule = series.getRecurrenceRule();
        series.getRecords().size(); // read before the copy
        Appointment next = series.splitAt(first, Recurrences.endingBefore(rule, patternStart(series, first)),
                Recurrences.from(rule, k), now);
        session.persist(next);
        session.flush(); // the new series' row before its occurrences point to it
        return next;
    }

    /** Where the rule puts an occurrence now: its original local date at the series' local time of day. */
    private static Instant patternStart(Appointment series, Appointment occurrence) {
        ZoneId zone = series.getTimeZone();
        return at(LocalDate.ofInstant(occurrence.getRecurrenceId(), zone),
                LocalTime.ofInstant(series.getStartsAt(), zone), zone);
    }

    /** A local date and time in the zone, placed as RFC 5545 §3.3.5 says (a gap moves forward). */
    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static Instant storedUntil(String rule) {
        for (String part : rule.split(";")) {
            if (part.startsWith("UNTIL=")) {
                return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC).parse(part.substring(6), Instant::from);
            }
        }
        return null;
    }

    private static boolean isFirst(Appointment series, Appointment occurrence) {
        return series.getOccurrences().indexOf(occurrence) == 0;
    }

    private static List<Appointment> live(Appointment series) {
        return series.getOccurrences().stream().filter(o -> !o.isCancelled()).toList();
    }

    private static Set<Long> resourcesOf(List<Appointment> appointments) {
        Set<Long> ids = new HashSet<>();
        appointments.forEach(a -> ids.addAll(a.takingPart(ParticipantKind.RESOURCE)));
        return ids;
    }

    private static Set<Long> ids(List<Appointment> appointments) {
        Set<Long> ids = new HashSet<>();
        appointments.forEach(a -> ids.add(a.getId()));
        return ids;
    }

    /** The bookings of everyone taking part in these occurrences, over the span of their new slots. */
    private static Conflicts.Timeline timeline(Session session, Appointment series, List<Appointment> live,
                                               List<Instant> starts, Duration length) {
        if (series.getType() == AppointmentType.TASK || live.isEmpty()) {
            return new Conflicts.Timeline(java.util.Map.of(), java.util.Map.of());
        }
        Set<Long> associates = new HashSet<>();
        Set<Long> resources = new HashSet<>();
        for (Appointment occurrence : live) {
            associates.addAll(occurrence.takingPart(ParticipantKind.ASSOCIATE));
            resources.addAll(occurrence.takingPart(ParticipantKind.RESOURCE));
        }
        Instant from = starts.stream().min(Comparator.naturalOrder()).orElseThrow();
        Instant to = starts.stream().max(Comparator.naturalOrder()).orElseThrow().plus(length);
        return Conflicts.timeline(session, associates, resources, from, to);
    }
}
