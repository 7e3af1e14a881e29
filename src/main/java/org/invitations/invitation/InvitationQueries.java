package org.invitations.invitation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.invitations.shared.Hql;
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
     * ones only until the day after the meeting. The owners' names are left empty: joining the
     * associate table made Derby build a hash table of every associate on each call.
     */
    static List<InvitationView> invitations(Session session, long associateId, Set<Status> statuses,
                                            InvitationQuery query, Instant startOfToday) {
        // A run of adjacent codes (5-8, the default) is a range on the (associate, status, start) index;
        // Derby does not probe an IN list on the index's second column.
        Range range = Range.of(statuses);
        PageToken after = query.after();
        return Hql.select(InvitationView.class, """
                        select new org.invitations.invitation.InvitationView(
                            r.id, a.id, a.type, r.text.title, r.text.location, r.startsAt, r.endsAt, a.owner.id, '',
                            r.status, r.fresh)
                        from ParticipantRecord r join r.appointment a
                        where r.associate.id = :who and r.master = false""")
                .with("who", associateId)
                .and("r.status in :statuses", "statuses", range == null ? statuses : null)
                .and("r.status between :lowest and :highest", "lowest", range == null ? null : range.lowest(),
                        "highest", range == null ? null : range.highest())
                .and("(r.status <> :declined or r.endsAt >= :startOfToday)",
                        "declined", statuses.contains(Status.DECLINED) ? Status.DECLINED : null,
                        "startOfToday", startOfToday)
                .and(query.onlyNew(), "r.fresh = true")
                .and("r.startsAt >= :from", "from", query.from())
                .and("r.startsAt < :to", "to", query.to())
                .and("(r.startsAt > :afterStart or (r.startsAt = :afterStart and r.id > :afterId))",
                        "afterStart", after == null ? null : after.start(), "afterId", after == null ? null : after.id())
                .orderBy(session, "r.startsAt, r.id")
                .setMaxResults(query.pageSize() + 1)
                .getResultList();
    }

    /** The owners' names of a page of invitations, in one small query. */
    static List<Object[]> ownerNames(Session session, List<Long> ownerIds) {
        return session.createSelectionQuery("select a.id, a.fullName from Associate a where a.id in :ids",
                        Object[].class)
                .setParameterList("ids", ownerIds)
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
     * An associate's booked meetings (own, accepted, tentative) that overlap [from, to). A booking
     * that overlaps starts after {@code from - MAX_LENGTH}, which bounds the index range.
     */
    static List<DiaryEntry> diary(Session session, long associateId, Instant from, Instant to) {
        return session.createSelectionQuery("""
                        select new org.invitations.invitation.DiaryEntry(r.id, a.id, a.type, r.text.title,
                            r.text.location, r.startsAt, r.endsAt, o.id, o.fullName, r.status, r.master, false)
                        from ParticipantRecord r join r.appointment a join a.owner o
                        where r.associate.id = :who and r.status in :booked and a.type = :meeting
                          and r.startsAt < :to and r.startsAt > :earliest and r.endsAt > :from
                        order by r.startsAt, r.id""", DiaryEntry.class)
                .setParameter("who", associateId)
                .setParameterList("booked", Status.BUSY)
                .setParameter("meeting", AppointmentType.MEETING)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("earliest", from.minus(Appointment.MAX_LENGTH))
                .getResultList();
    }

    /** The bookings of a contact's persons, cancelled ones left out, by start; at most {@code limit}. */
    static List<ArchiveEntry> archive(Session session, long contactId, Instant from, Instant to, int limit) {
        return Hql.select(ArchiveEntry.class, """
                        select new org.invitations.invitation.ArchiveEntry(r.id, a.id, r.text.title, r.text.location,
                            r.startsAt, r.endsAt, o.fullName, p.id, p.fullName, r.status)
                        from ParticipantRecord r join r.person p join r.appointment a join a.owner o
                        where p.contact.id = :contact and r.status <> :cancelled""")
                .with("contact", contactId).with("cancelled", Status.CANCELLED)
                .and("r.startsAt >= :from", "from", from)
                .and("r.startsAt < :to", "to", to)
                .orderBy(session, "r.startsAt, r.id")
                .setMaxResults(limit)
                .getResultList();
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
