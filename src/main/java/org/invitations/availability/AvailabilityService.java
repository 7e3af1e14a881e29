package org.invitations.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.directory.Associate;
import org.invitations.directory.Resource;
import org.invitations.directory.WorkingHours;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;
import org.invitations.shared.Transactions;

/**
 * Free/busy and the next available time, as Exchange's GetUserAvailability answers them: any associate
 * may ask about anyone, and sees when, never what (no titles). Bounded as Exchange bounds it: at most
 * {@value #MAX_PARTICIPANTS} associates and resources, a window of at most {@link #MAX_WINDOW}; each
 * participant's bookings are one index range, so the cost follows the window, not anyone's history.
 */
public final class AvailabilityService {

    public static final int MAX_PARTICIPANTS = 100;
    public static final Duration MAX_WINDOW = Duration.ofDays(42);
    public static final int DEFAULT_SUGGESTIONS = 5;
    public static final int MAX_SUGGESTIONS = 50;
    public static final int MAX_DURATION_MINUTES = 1440;

    /** What FindAvailableTime asks: who, how long, when, how many answers, and a meeting being moved. */
    public record Search(List<Long> associateIds, List<Long> resourceIds, int durationMinutes, Instant from,
                         Instant to, Integer suggestions, Long ignoreAppointmentId) {
    }

    private final SessionFactory sessionFactory;

    public AvailabilityService(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * Each participant's busy time in [from, to), in request order (associates, then resources; an id named
     * twice answers once), merged and clipped to the window.
     */
    public List<FreeBusyCalendar> freeBusy(Caller caller, List<Long> associateIds, List<Long> resourceIds,
                                           Instant from, Instant to) {
        List<Participant> who = participants(associateIds, resourceIds);
        window(from, to);
        return Transactions.run(sessionFactory, session -> {
            Directory directory = Directory.of(session, who);
            List<List<BookingReads.Booking>> bookings = read(session, who, from, to);
            List<FreeBusyCalendar> calendars = new ArrayList<>();
            for (int i = 0; i < who.size(); i++) {
                Participant p = who.get(i);
                List<BusyInterval> intervals = bookings.get(i).stream()
                        .map(b -> new BusyInterval(b.start(), b.end(), b.kind())).toList();
                calendars.add(directory.calendar(p, BusyTime.merge(intervals, from, to)));
            }
            return calendars;
        });
    }

    /**
     * The earliest {@code suggestions} slots (default {@value #DEFAULT_SUGGESTIONS}) of the length in the
     * window in which every associate is inside its working hours (in its own zone) and neither busy nor
     * tentative, and every resource is free; the records of {@code ignoreAppointmentId} (and of its
     * occurrences, when it is a series) count as free. Empty when there is none.
     */
    public List<TimeSlot> findAvailableTime(Caller caller, Search search) {
        List<Participant> who = participants(search.associateIds(), search.resourceIds());
        if (search.durationMinutes() < 1 || search.durationMinutes() > MAX_DURATION_MINUTES) {
            throw new InvalidRequest("durationMinutes", "durationMinutes must be between 1 and "
                    + MAX_DURATION_MINUTES + " (a day)");
        }
        int count = search.suggestions() == null ? DEFAULT_SUGGESTIONS : search.suggestions();
        if (count < 1 || count > MAX_SUGGESTIONS) {
            throw new InvalidRequest("suggestions", "suggestions must be between 1 and " + MAX_SUGGESTIONS);
        }
        Instant from = search.from();
        Instant to = search.to();
        window(from, to);
        Duration length = Duration.ofMinutes(search.durationMinutes());
        return Transactions.run(sessionFactory, session -> {
            Directory directory = Directory.of(session, who);
            Set<Long> ignored = Set.of();
            if (search.ignoreAppointmentId() != null) {
                ignored = BookingReads.appointmentAndOccurrences(session, search.ignoreAppointmentId());
                if (ignored.isEmpty()) {
                    throw new NotFound("appointment", search.ignoreAppointmentId(), "ignoreAppointmentId");
                }
            }
            List<List<BookingReads.Booking>> bookings = read(session, who, from, to);
            List<Instant[]> blocked = new ArrayList<>();
            for (int i = 0; i < who.size(); i++) {
                for (BookingReads.Booking booking : bookings.get(i)) {
                    if (!ignored.contains(booking.appointmentId())) {
                        blocked.add(new Instant[] {booking.start(), booking.end()});
                    }
                }
                Associate associate = directory.associates.get(who.get(i).id());
                if (who.get(i).kind() == Participant.Kind.ASSOCIATE) {
                    blocked.addAll(outsideWorkingHours(associate.getWorkingHours(), associate.getTimeZone(), from, to));
                }
            }
            return FreeSlots.earliest(blocked, from, to, length, count);
        });
    }

    /** The time in [from, to) outside the working hours: the gaps between its working spans. */
    static List<Instant[]> outsideWorkingHours(WorkingHours hours, ZoneId zone, Instant from, Instant to) {
        List<Instant[]> outside = new ArrayList<>();
        Instant cursor = from;
        for (Instant[] span : hours.spans(zone, from, to)) {
            if (span[0].isAfter(cursor)) {
                outside.add(new Instant[] {cursor, span[0]});
            }
            if (span[1].isAfter(cursor)) {
                cursor = span[1];
            }
        }
        if (to.isAfter(cursor)) {
            outside.add(new Instant[] {cursor, to});
        }
        return outside;
    }

    private static List<List<BookingReads.Booking>> read(Session session, List<Participant> who, Instant from,
                                                       Instant to) {
        List<List<Object[]>> rows = new ArrayList<>();
        for (Participant p : who) {
            rows.add(BookingReads.rows(session, p, from, to));
        }
        return BookingReads.bookings(session, rows);
    }

    /** Distinct, in request order; at least one, at most {@value #MAX_PARTICIPANTS} in all. */
    static List<Participant> participants(List<Long> associateIds, List<Long> resourceIds) {
        Set<Participant> who = new LinkedHashSet<>();
        associateIds.forEach(id -> who.add(Participant.associate(id)));
        int associates = who.size();
        resourceIds.forEach(id -> who.add(Participant.resource(id)));
        if (who.isEmpty()) {
            throw new InvalidRequest("associateId", "name at least one associate (associateId) or resource"
                    + " (resourceId)");
        }
        if (who.size() > MAX_PARTICIPANTS) {
            throw new InvalidRequest(associates > MAX_PARTICIPANTS ? "associateId" : "resourceId",
                    who.size() + " associates and resources named; at most " + MAX_PARTICIPANTS + " in all are"
                            + " asked about at once");
        }
        return List.copyOf(who);
    }

    static void window(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidRequest("fromTime", "fromTime is required");
        }
        if (to == null) {
            throw new InvalidRequest("toTime", "toTime is required");
        }
        if (!to.isAfter(from)) {
            throw new InvalidRequest("toTime", "toTime must be after fromTime");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRequest("toTime", "the window is at most " + MAX_WINDOW.toDays()
                    + " days long; ask for a shorter one");
        }
    }

    /** The associates and resources asked about, each found or refused as not found. */
    private record Directory(Map<Long, Associate> associates, Map<Long, Resource> resources) {

        static Directory of(Session session, List<Participant> who) {
            List<Long> associateIds = who.stream().filter(p -> p.kind() == Participant.Kind.ASSOCIATE)
                    .map(Participant::id).toList();
            List<Long> resourceIds = who.stream().filter(p -> p.kind() == Participant.Kind.RESOURCE)
                    .map(Participant::id).toList();
            Map<Long, Associate> associates = new HashMap<>();
            if (!associateIds.isEmpty()) {
                session.createSelectionQuery("from Associate a where a.id in :ids", Associate.class)
                        .setParameterList("ids", associateIds).getResultList()
                        .forEach(a -> associates.put(a.getId(), a));
            }
            Map<Long, Resource> resources = new HashMap<>();
            if (!resourceIds.isEmpty()) {
                session.createSelectionQuery("from Resource r where r.id in :ids", Resource.class)
                        .setParameterList("ids", resourceIds).getResultList()
                        .forEach(r -> resources.put(r.getId(), r));
            }
            for (Participant p : who) {
                boolean found = p.kind() == Participant.Kind.ASSOCIATE ? associates.containsKey(p.id())
                        : resources.containsKey(p.id());
                if (!found) {
                    throw new NotFound(p.kind() == Participant.Kind.ASSOCIATE ? "associate" : "resource", p.id(),
                            p.field());
                }
            }
            return new Directory(associates, resources);
        }

        FreeBusyCalendar calendar(Participant p, List<BusyInterval> busy) {
            if (p.kind() == Participant.Kind.ASSOCIATE) {
                Associate a = associates.get(p.id());
                return new FreeBusyCalendar(p, a.getFullName(), a.getTimeZone(), a.getWorkingHours(), busy);
            }
            return new FreeBusyCalendar(p, resources.get(p.id()).getName(), null, null, busy);
        }
    }
}
