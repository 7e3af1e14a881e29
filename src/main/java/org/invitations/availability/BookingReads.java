package org.invitations.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.RecordList;
import org.invitations.invitation.Status;
import org.invitations.shared.IndexHint;

/**
 * The bookings free/busy and the search for a free time read: per participant, one index range of its
 * records by start, from the longest meeting ({@link Appointment#MAX_LENGTH}) before the window to its end,
 * as the conflict check and the diary read them; never its whole history.
 */
final class BookingReads {

    /** A meeting's record as free/busy sees it: the appointment, the slot, and how busy it makes one. */
    record Booking(long appointmentId, Instant start, Instant end, BusyKind kind) {
    }

    private static final Set<RecordList> LISTS = EnumSet.of(RecordList.DIARY, RecordList.WAITING, RecordList.SERIES);
    private static final Set<Status> COUNTED = EnumSet.of(Status.BOOKED, Status.STARTED, Status.COMPLETED,
            Status.TENTATIVE, Status.INVITED, Status.MOVED, Status.SEEN, Status.MOVED_SEEN);
    private static final int IDS_PER_QUERY = 500;

    private BookingReads() {
    }

    /**
     * The participant's records that overlap [from, to) and take time: in the diary (booked: BUSY;
     * tentative, 14: TENTATIVE) or pending (5-8: TENTATIVE; a pending occurrence that follows its series
     * too). Tasks (no slot), declined, cancelled and removed records never; a series' own records are
     * left out by {@link #withoutSeries}. Columns: appointment id, start, end, status, list.
     */
    static List<Object[]> rows(Session session, Participant who, Instant from, Instant to) {
        if (who.kind() != Participant.Kind.ASSOCIATE) {
            return IndexHint.index(session, query(session, "resource", who, from, to)
                            .setParameterList("lists", LISTS), "participant_record", "IX_RECORD_RESOURCE")
                    .getResultList();
        }
        // an associate's records of each list are one range of the list index (associate, list, start):
        // one range per list, since Derby probes an IN list only on an index's first column
        List<Object[]> rows = new ArrayList<>();
        for (RecordList list : LISTS) {
            rows.addAll(IndexHint.index(session, query(session, "associate", who, from, to)
                            .setParameterList("lists", List.of(list)), "participant_record", "IX_RECORD_LIST")
                    .getResultList());
        }
        return rows;
    }

    /** The participant's counted records of the given lists that start in the window's reach. */
    private static SelectionQuery<Object[]> query(Session session, String role, Participant who, Instant from,
                                                  Instant to) {
        return session.createSelectionQuery(
                        "select r.appointment.id, r.startsAt, r.endsAt, r.status, r.listedIn from ParticipantRecord r"
                                + " where r." + role + ".id = :who and r.startsAt < :to and r.startsAt > :earliest"
                                + " and r.endsAt > :from and r.endsAt > r.startsAt and r.listedIn in :lists"
                                + " and r.status in :statuses", Object[].class)
                .setParameter("who", who.id())
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("earliest", from.minus(Appointment.MAX_LENGTH))
                .setParameterList("statuses", COUNTED);
    }

    /**
     * The rows as bookings. A pending record listed WAITING may be a series' own record (the series'
     * invitation, whose occurrences have their own records): those are looked up by key and never count.
     */
    static List<List<Booking>> bookings(Session session, List<List<Object[]>> rowsPerParticipant) {
        Set<Long> maybeSeries = new HashSet<>();
        for (List<Object[]> rows : rowsPerParticipant) {
            for (Object[] row : rows) {
                if (row[4] == RecordList.WAITING) {
                    maybeSeries.add((Long) row[0]);
                }
            }
        }
        Set<Long> series = seriesAmong(session, maybeSeries);
        List<List<Booking>> all = new ArrayList<>();
        for (List<Object[]> rows : rowsPerParticipant) {
            List<Booking> bookings = new ArrayList<>();
            for (Object[] row : rows) {
                Status status = (Status) row[3];
                RecordList list = (RecordList) row[4];
                long appointment = (Long) row[0];
                boolean pending = Status.PENDING.contains(status);
                if (list == RecordList.DIARY) {
                    bookings.add(new Booking(appointment, (Instant) row[1], (Instant) row[2],
                            status == Status.TENTATIVE ? BusyKind.TENTATIVE : BusyKind.BUSY));
                } else if (pending && !series.contains(appointment)) {
                    bookings.add(new Booking(appointment, (Instant) row[1], (Instant) row[2], BusyKind.TENTATIVE));
                }
            }
            all.add(bookings);
        }
        return all;
    }

    /** Which of these appointments are series themselves, by primary key. */
    private static Set<Long> seriesAmong(Session session, Collection<Long> appointmentIds) {
        Set<Long> series = new HashSet<>();
        List<Long> ids = new ArrayList<>(appointmentIds);
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            series.addAll(session.createSelectionQuery(
                            "select a.id from Appointment a where a.id in :ids and a.recurrenceRule is not null", Long.class)
                    .setParameterList("ids", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)))
                    .getResultList());
        }
        return series;
    }

    /**
     * The appointment a search ignores, with its occurrences when it is a series: a meeting being moved
     * frees its own slot. Empty when there is no such appointment.
     */
    static Set<Long> appointmentAndOccurrences(Session session, long appointmentId) {
        Object[] found = session.createSelectionQuery(
                        "select a.id, a.recurrenceRule from Appointment a where a.id = :id", Object[].class)
                .setParameter("id", appointmentId)
                .getSingleResultOrNull();
        if (found == null) {
            return Set.of();
        }
        Set<Long> ids = new HashSet<>();
        ids.add(appointmentId);
        if (found[1] != null) {
            ids.addAll(session.createSelectionQuery("select a.id from Appointment a where a.series.id = :series",
                    Long.class).setParameter("series", appointmentId).getResultList());
        }
        return ids;
    }
}
