package org.invitations.invitation;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.invitations.shared.Hql;
import org.invitations.shared.IndexHint;
import org.invitations.shared.PageToken;

/**
 * Every list query of the invitation feature: the invitee's invitations, the owner's participants, the
 * diary and the activity archive. Each reads one participant's records as a range of an index that
 * starts with that participant, in the order the list is sorted by.
 */
final class InvitationQueries {

    private InvitationQueries() {
    }

    /**
     * One page of an associate's invitations in the given statuses, by start and record id; declined
     * ones only until the day after the meeting. One statement: the records in index order, each one's
     * appointment and owner by key (see {@link #byKey}); and for the series on the page, one grouped
     * statement for their next start (as of {@code now}) and count ({@link #seriesFacts}).
     */
    static List<InvitationView> invitations(Session session, long associateId, Set<Status> statuses,
                                            InvitationQuery query, Instant startOfToday, Instant now) {
        List<Object[]> rows = invitationRows(session, associateId, statuses, query, startOfToday);
        Map<Long, AppointmentView.SeriesFacts> series = seriesFacts(session, rows.stream()
                .filter(row -> row[14] != null)
                .map(row -> new SeriesRow((Long) row[1], (String) row[14], (String) row[11], (Instant) row[15]))
                .toList(), now);
        return rows.stream()
                .map(row -> new InvitationView((Long) row[0], (Long) row[1], (AppointmentType) row[8], (String) row[2],
                        (String) row[3], (Instant) row[4], (Instant) row[5], (Long) row[9], (String) row[10],
                        (Status) row[6], (Boolean) row[7], (String) row[11], series.get((Long) row[1]),
                        (Long) row[12], (Instant) row[13]))
                .toList();
    }

    /** A series appointment on a list page: its id, rule, zone and first start. */
    record SeriesRow(long seriesId, String rrule, String timeZone, Instant firstStart) {
    }

    /**
     * The facts of the series on one page, by series id: one grouped query over their occurrences (by the
     * series index), however many series the page holds.
     */
    static Map<Long, AppointmentView.SeriesFacts> seriesFacts(Session session, List<SeriesRow> series, Instant now) {
        Map<Long, AppointmentView.SeriesFacts> facts = new HashMap<>();
        if (series.isEmpty()) {
            return facts;
        }
        Map<Long, Object[]> counts = new HashMap<>();
        session.createSelectionQuery("""
                        select o.series.id, count(o), min(case when o.startsAt >= :now then o.startsAt end)
                        from Appointment o
                        where o.series.id in :ids and o.cancelledAt is null
                        group by o.series.id""", Object[].class)
                .setParameterList("ids", series.stream().map(SeriesRow::seriesId).distinct().toList())
                .setParameter("now", now)
                .getResultList()
                .forEach(row -> counts.put((Long) row[0], row));
        for (SeriesRow row : series) {
            Object[] count = counts.get(row.seriesId());
            facts.put(row.seriesId(), new AppointmentView.SeriesFacts(row.seriesId(), row.rrule(), row.timeZone(),
                    row.firstStart(), count == null ? null : (Instant) count[2],
                    count == null ? 0 : ((Number) count[1]).intValue()));
        }
        return facts;
    }

    /**
     * The page's records with what a list line shows of their appointment and its owner: id, appointment
     * id, title, location, start, end, status, new, type, owner id, owner name, zone, series id,
     * recurrence id, rule (of a series) and the appointment's start. With a status filter, occurrence records
     * that follow their series' answer are left out: the series' record stands for them.
     */
    static List<Object[]> invitationRows(Session session, long associateId, Set<Status> statuses,
                                         InvitationQuery query, Instant startOfToday) {
        // Waiting invitations (the default, or some of 5-8) are one range of the (associate, list, start)
        // index, read in start order: a page reads its own rows only. Other statuses: a run of adjacent
        // codes is a range on the (associate, status, start) index (Derby does not probe an IN list on
        // an index's second column), sorted by start.
        boolean waiting = Status.PENDING.containsAll(statuses);
        Range range = waiting ? null : Range.of(statuses);
        PageToken after = query.after();
        SelectionQuery<Object[]> rows = Hql.select(Object[].class, """
                        select r.id, a.id, r.text.title, r.text.location, r.startsAt, r.endsAt, r.status,
                            r.fresh, a.type, o.id, o.fullName, a.timeZone, a.series.id, a.recurrenceId,
                            a.recurrenceRule, a.startsAt
                        from ParticipantRecord r join r.appointment a join a.owner o
                        where r.associate.id = :who and r.master = false""")
                .with("who", associateId)
                .and(!waiting, "r.followsSeries = false")
                .and("r.listedIn = :waiting", "waiting", waiting ? RecordList.WAITING : null)
                .and("r.status in :statuses", "statuses",
                        waiting && statuses.equals(Status.PENDING) || range != null ? null : statuses)
                .and("r.status between :lowest and :highest", "lowest", range == null ? null : range.lowest(),
                        "highest", range == null ? null : range.highest())
                .and("(r.status <> :declined or r.endsAt >= :startOfToday)",
                        "declined", statuses.contains(Status.DECLINED) ? Status.DECLINED : null,
                        "startOfToday", startOfToday)
                .and(query.onlyNew(), "r.fresh = true")
                .and("r.startsAt >= :from", "from", query.from())
                .and("r.startsAt < :to", "to", query.to())
                // the first, redundant term is what lets a database start the index scan at the cursor
                .and("r.startsAt >= :afterStart and (r.startsAt > :afterStart or (r.startsAt = :afterStart and r.id > :afterId))",
                        "afterStart", after == null ? null : after.start(), "afterId", after == null ? null : after.id())
                .orderBy(session, "r.startsAt, r.id");
        if (waiting) {
            IndexHint.index(session, rows, "participant_record", "IX_RECORD_LIST");
        }
        return byKey(session, rows).setMaxResults(query.pageSize() + 1).getResultList();
    }

    /** What a list line shows of its appointment: the type, the owner, the zone and its place in a series. */
    record Facts(AppointmentType type, long ownerId, String ownerName, String timeZone, Long seriesId,
                 Instant recurrenceId) {
    }

    /**
     * The appointments and owners of the diary's and the archive's records, by appointment id: two
     * queries on primary keys. (The archive reads the customer's persons first, so it cannot join in the
     * order of {@link #byKey}; the diary has no row limit, and PostgreSQL hashed a joined table.)
     */
    static Map<Long, Facts> withAppointments(Session session, List<Object[]> rows) {
        Map<Long, Facts> facts = new HashMap<>();
        if (rows.isEmpty()) {
            return facts;
        }
        List<Object[]> appointments = appointmentsOf(session, rows.stream().map(row -> (Long) row[1]).distinct().toList());
        Map<Long, String> names = new HashMap<>();
        ownerNames(session, appointments.stream().map(a -> (Long) a[2]).distinct().toList())
                .forEach(o -> names.put((Long) o[0], (String) o[1]));
        appointments.forEach(a -> facts.put((Long) a[0], new Facts((AppointmentType) a[1], (Long) a[2],
                names.get((Long) a[2]), (String) a[3], (Long) a[4], (Instant) a[5])));
        return facts;
    }

    /** Id, type, owner id, zone, series id and recurrence id of each appointment. */
    static List<Object[]> appointmentsOf(Session session, List<Long> ids) {
        return session.createSelectionQuery("select a.id, a.type, a.owner.id, a.timeZone, a.series.id, a.recurrenceId"
                                + " from Appointment a where a.id in :ids", Object[].class)
                .setParameterList("ids", ids)
                .getResultList();
    }

    /** Id and name of each owner. */
    static List<Object[]> ownerNames(Session session, List<Long> ids) {
        return session.createSelectionQuery("select o.id, o.fullName from Associate o where o.id in :ids",
                        Object[].class)
                .setParameterList("ids", ids)
                .getResultList();
    }

    /** The participants' records of one appointment with whom they book, in creation order. */
    static List<ParticipantRecord> participants(Session session, long appointmentId) {
        return session.createSelectionQuery("""
                        from ParticipantRecord r left join fetch r.associate left join fetch r.person
                        left join fetch r.resource
                        where r.appointment.id = :id and r.master = false order by r.id""", ParticipantRecord.class)
                .setParameter("id", appointmentId)
                .getResultList();
    }

    /**
     * The participants' occurrence records of a series that no longer follow its answer (answered, moved or
     * cancelled on their own), with their occurrences, in recurrence order: the exceptions of the owner's view.
     */
    static List<ParticipantRecord> exceptions(Session session, long seriesId) {
        return session.createSelectionQuery("""
                        from ParticipantRecord r join fetch r.appointment o
                        where o.series.id = :series and r.master = false and r.followsSeries = false
                        order by o.recurrenceId, r.id""", ParticipantRecord.class)
                .setParameter("series", seriesId)
                .getResultList();
    }

    /**
     * An associate's booked meetings (own, accepted, tentative) that overlap [from, to). A booking
     * that overlaps starts after {@code from - MAX_LENGTH}, which bounds the index range.
     */
    static List<DiaryEntry> diary(Session session, long associateId, Instant from, Instant to) {
        List<Object[]> rows = diaryRows(session, associateId, from, to);
        Map<Long, Facts> facts = withAppointments(session, rows);
        return rows.stream().map(row -> {
            Facts a = facts.get((Long) row[1]);
            return new DiaryEntry((Long) row[0], (Long) row[1], a.type(), (String) row[2], (String) row[3],
                    (Instant) row[4], (Instant) row[5], a.ownerId(), a.ownerName(), (Status) row[6], (Boolean) row[7],
                    false, a.timeZone(), a.seriesId(), a.recurrenceId());
        }).toList();
    }

    /**
     * The diary's records: id, appointment id, title, location, start, end, status, own. Its appointments
     * and owners are read next by key ({@link #withAppointments}): joined in, with no limit to the rows,
     * PostgreSQL hashed the whole appointment table.
     */
    static List<Object[]> diaryRows(Session session, long associateId, Instant from, Instant to) {
        return IndexHint.index(session, session.createSelectionQuery("""
                        select r.id, r.appointment.id, r.text.title, r.text.location, r.startsAt, r.endsAt, r.status,
                            r.master
                        from ParticipantRecord r
                        where r.associate.id = :who and r.listedIn = :diary
                          and r.startsAt < :to and r.startsAt > :earliest and r.endsAt > :from
                        order by r.startsAt, r.id""", Object[].class), "participant_record", "IX_RECORD_LIST")
                .setParameter("who", associateId)
                .setParameter("diary", RecordList.DIARY)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("earliest", from.minus(Appointment.MAX_LENGTH))
                .getResultList();
    }

    /**
     * Records first, in their index's order; then each one's appointment and its owner by primary key.
     * Left to itself, Derby hashed the whole appointment or associate table for such a join on each call.
     */
    private static <Q extends SelectionQuery<?>> Q byKey(Session session, Q query) {
        return IndexHint.byKeyInOrder(session, query, "appointment", "PK_APPOINTMENT", "associate", "PK_ASSOCIATE");
    }

    /**
     * The bookings of a contact's persons, cancelled ones and a series' own records left out (its
     * occurrences are listed), by start; at most {@code limit}. The
     * records are read by person and start (one index range per person); their appointments' owners
     * next, by key, as for the other lists.
     */
    static List<ArchiveEntry> archive(Session session, long contactId, Instant from, Instant to, int limit) {
        List<Object[]> rows = archiveRows(session, contactId, from, to, limit);
        Map<Long, Facts> facts = withAppointments(session, rows);
        return rows.stream().map(row -> new ArchiveEntry((Long) row[0], (Long) row[1], (String) row[2],
                (String) row[3], (Instant) row[4], (Instant) row[5], facts.get((Long) row[1]).ownerName(),
                (Long) row[7], (String) row[row.length - 1], (Status) row[6], reply(row))).toList();
    }

    /** The person's answer from its own calendar in an archive row (columns 8 to 10), or null. */
    private static ExternalReply reply(Object[] row) {
        return row[8] == null ? null
                : new ExternalReply((ExternalAnswer) row[8], (String) row[9], null, null, (Instant) row[10]);
    }

    /**
     * The archive's records: id, appointment id, title, location, start, end, status, person id, the person's
     * answer, comment and when it came (null without one), and the person's name last.
     */
    static List<Object[]> archiveRows(Session session, long contactId, Instant from, Instant to, int limit) {
        Map<Long, String> persons = new HashMap<>();
        session.createSelectionQuery("select p.id, p.fullName from Person p where p.contact.id = :contact", Object[].class)
                .setParameter("contact", contactId)
                .getResultList()
                .forEach(p -> persons.put((Long) p[0], (String) p[1]));
        if (persons.isEmpty()) {
            return List.of();
        }
        // The persons by key, each one's bookings a range of (person, start): joined to the person table
        // instead, PostgreSQL merged the whole index's time window with the persons, a cost that grew
        // with everybody's bookings.
        List<Object[]> rows = IndexHint.index(session, Hql.select(Object[].class, """
                        select r.id, r.appointment.id, r.text.title, r.text.location, r.startsAt, r.endsAt, r.status,
                            r.person.id, r.externalReply.answer, r.externalReply.comment, r.externalReply.receivedAt
                        from ParticipantRecord r
                        where r.person.id in :persons and r.status <> :cancelled and r.listedIn <> :series""")
                .with("persons", persons.keySet()).with("cancelled", Status.CANCELLED).with("series", RecordList.SERIES)
                .and("r.startsAt >= :from", "from", from)
                .and("r.startsAt < :to", "to", to)
                .orderBy(session, "r.startsAt, r.id"), "participant_record", "IX_RECORD_PERSON_START")
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(row -> {
            Object[] named = Arrays.copyOf(row, row.length + 1);
            named[row.length] = persons.get((Long) row[7]);
            return named;
        }).toList();
    }

    /** Removes an associate's cancelled records: one, or all of them when {@code recordId} is null. */
    static int deleteCancelled(Session session, long associateId, Long recordId) {
        return session.createMutationQuery("delete from ParticipantRecord r where r.associate.id = :who"
                        + " and r.status = :cancelled" + (recordId == null ? "" : " and r.id = :id"))
                .setParameter("who", associateId)
                .setParameter("cancelled", Status.CANCELLED)
                .setProperties(recordId == null ? java.util.Map.of() : java.util.Map.of("id", recordId))
                .executeUpdate();
    }

    /** A set of statuses that is every code from its lowest to its highest. */
    record Range(Status lowest, Status highest) {

        static Range of(Set<Status> statuses) {
            Status lowest = null;
            Status highest = null;
            for (Status status : statuses) {
                lowest = lowest == null || status.code() < lowest.code() ? status : lowest;
                highest = highest == null || status.code() > highest.code() ? status : highest;
            }
            for (Status status : Status.values()) {
                if (status.code() >= lowest.code() && status.code() <= highest.code() && !statuses.contains(status)) {
                    return null;
                }
            }
            return new Range(lowest, highest);
        }
    }
}
