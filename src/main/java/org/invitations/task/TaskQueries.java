package org.invitations.task;

import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.invitations.directory.Associate;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentType;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.RecordList;
import org.invitations.shared.Hql;
import org.invitations.shared.IndexHint;
import org.invitations.shared.PageToken;

/** Every query of the task feature. */
final class TaskQueries {

    private TaskQueries() {
    }

    /**
     * A colleague's accepted tasks in the given lists, by due date, then record id: one list is one range
     * of the (associate, list, start) index, in due order.
     */
    static List<ParticipantRecord> taskList(Session session, long associateId, Set<RecordList> lists,
                                            PageToken after, int limit) {
        List<ParticipantRecord> records = taskRecords(session, associateId, lists, after, limit);
        // the page's tasks and their owners, by key: joined into the list query, Derby hashed whole tables
        List<Appointment> tasks = session.findMultiple(Appointment.class,
                records.stream().map(r -> r.getAppointment().getId()).distinct().toList());
        session.findMultiple(Associate.class, tasks.stream().map(t -> t.getOwner().getId()).distinct().toList());
        return records;
    }

    /** The page's records alone, in index order. */
    static List<ParticipantRecord> taskRecords(Session session, long associateId, Set<RecordList> lists,
                                               PageToken after, int limit) {
        return IndexHint.index(session, Hql.select(ParticipantRecord.class, """
                        from ParticipantRecord r
                        where r.associate.id = :who and r.listedIn in :lists""")
                .with("who", associateId).with("lists", lists)
                .and("r.startsAt >= :afterDue and (r.startsAt > :afterDue or (r.startsAt = :afterDue and r.id > :afterId))",
                        "afterDue", after == null ? null : after.start(), "afterId", after == null ? null : after.id())
                .orderBy(session, "r.startsAt, r.id"), "participant_record", "IX_RECORD_LIST")
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * The tasks an owner handed out, newest first, after the cursor: one range of the newest-first
     * index, read in its order. A series' own appointment is left out: its occurrences are the tasks.
     * Filtering on "done" is the service's, on the colleagues' records.
     */
    static List<Appointment> distributed(Session session, long ownerId, PageToken after, int limit) {
        return IndexHint.index(session, Hql.select(Appointment.class, """
                        from Appointment a
                        where a.owner.id = :owner and a.type = :task and a.recurrenceRule is null""")
                .with("owner", ownerId).with("task", AppointmentType.TASK)
                .and("a.createdAt <= :afterCreated and (a.createdAt < :afterCreated or (a.createdAt = :afterCreated"
                                + " and a.id < :afterId))",
                        "afterCreated", after == null ? null : after.start(), "afterId", after == null ? null : after.id())
                .orderBy(session, "a.createdAt desc, a.id desc"), "appointment", "IX_APPOINTMENT_NEWEST")
                .setMaxResults(limit)
                .getResultList();
    }

    /** The colleagues' records of these tasks, the owner's left out, in creation order, with their associates. */
    static List<ParticipantRecord> colleagues(Session session, List<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        List<ParticipantRecord> records = colleagueRecords(session, taskIds);
        session.findMultiple(Associate.class, records.stream().map(r -> r.getAssociate().getId()).distinct().toList());
        return records;
    }

    /** The records alone, by the appointment's foreign key index. */
    static List<ParticipantRecord> colleagueRecords(Session session, List<Long> taskIds) {
        return IndexHint.constraint(session, session.createSelectionQuery("""
                        from ParticipantRecord r
                        where r.appointment.id in :ids and r.master = false order by r.id""", ParticipantRecord.class),
                        "participant_record", "FK_RECORD_APPOINTMENT")
                .setParameterList("ids", taskIds)
                .getResultList();
    }
}
