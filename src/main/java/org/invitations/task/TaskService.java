package org.invitations.task;

import org.invitations.shared.Transactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.invitation.Answer;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentType;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.Appointments;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.Status;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;

/**
 * Tasks handed to colleagues. They are created, answered, moved and cancelled like meetings; this
 * service adds what is particular to them: progress, the colleague's task list and the owner's
 * Distribution views. One transaction per public method.
 */
public final class TaskService {

    private static final Set<Status> ACCEPTED = EnumSet.of(Status.BOOKED, Status.STARTED, Status.COMPLETED);
    private static final Set<Status> OUT = EnumSet.of(Status.DECLINED, Status.CANCELLED);

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;

    public TaskService(SessionFactory sessionFactory, Clock clock, AuditLog audit) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
    }

    /** An associate's task list: accepted tasks (1, 2, 3) by due date, then record id. */
    public Page<TaskView> tasks(Caller caller, Long associateId, TaskFilter filter, int pageSize, PageToken after) {
        long who = associateId == null ? caller.associateId() : associateId;
        Set<Status> statuses = switch (filter) {
            case OPEN -> EnumSet.of(Status.BOOKED, Status.STARTED);
            case DONE -> EnumSet.of(Status.COMPLETED);
            case ALL -> ACCEPTED;
        };
        return Transactions.run(sessionFactory, session -> {
            if (who != caller.associateId() && session.find(Associate.class, who) == null) {
                throw new NotFound("associate", who, "associateId");
            }
            SelectionQuery<ParticipantRecord> query = session.createSelectionQuery("""
                            from ParticipantRecord r join fetch r.appointment a join fetch a.owner
                            where r.associate.id = :who and r.status in :statuses and a.type = :task"""
                            + (after == null ? "" : " and (r.startsAt > :afterDue or (r.startsAt = :afterDue and r.id > :afterId))")
                            + " order by r.startsAt, r.id", ParticipantRecord.class)
                    .setParameter("who", who)
                    .setParameterList("statuses", statuses)
                    .setParameter("task", AppointmentType.TASK)
                    .setMaxResults(pageSize + 1);
            if (after != null) {
                query.setParameter("afterDue", after.start()).setParameter("afterId", after.id());
            }
            List<TaskView> views = query.getResultList().stream().map(TaskService::view).toList();
            return Page.of(views, pageSize, v -> new PageToken(v.due(), v.recordId()));
        });
    }

    /** Progress on the caller's own accepted task: status follows the percentage (1, 2, 3). */
    public ProgressReport reportProgress(Caller caller, long recordId, int percent, BigDecimal hours, String note) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord record = Appointments.participantsOwn(session, caller, recordId,
                    "Only the colleague the task was given to reports progress on it");
            if (record.getAppointment().getType() != AppointmentType.TASK) {
                throw new InvalidRequest("recordId", "record " + recordId + " belongs to a meeting, not a task");
            }
            record.reportProgress(percent, hours, note, clock.instant());
            audit.record(session, caller, "ReportTaskProgress", "record", recordId, percent + "%");
            return new ProgressReport(Answer.of(record), progressOf(record));
        });
    }

    /** The owner's Distribution view: every colleague's answer, read or not, and progress. */
    public Distribution distribution(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            Appointment task = Appointments.owned(session, owner, appointmentId, "view the distribution of",
                    AppointmentType.TASK);
            List<ParticipantRecord> records = session.createSelectionQuery("""
                            from ParticipantRecord r join fetch r.associate
                            where r.appointment.id = :id and r.master = false order by r.id""",
                    ParticipantRecord.class).setParameter("id", appointmentId).getResultList();
            List<Distribution.Line> lines = new ArrayList<>();
            for (ParticipantRecord r : records) {
                lines.add(new Distribution.Line(r.getId(), r.getAssociate().getId(), r.getAssociate().getFullName(),
                        r.getStatus(), r.isSeen(), r.getDeclineReason(), progressOf(r), r.getUpdatedAt()));
            }
            return new Distribution(viewOf(task), overall(records), lines);
        });
    }

    /**
     * Every task the caller handed out, newest first, with the counts of answers and the overall
     * progress. A task is done when someone completed it and every colleague still on it did.
     */
    public Page<DistributedTask> distributedTasks(Caller owner, TaskFilter filter, int pageSize, PageToken after) {
        return Transactions.run(sessionFactory, session -> {
            String done = "exists (select 1 from ParticipantRecord c where c.appointment = a and c.master = false"
                    + " and c.status = :completed) and not exists (select 1 from ParticipantRecord o"
                    + " where o.appointment = a and o.master = false and o.status not in :finished)";
            StringBuilder hql = new StringBuilder("""
                    from Appointment a join fetch a.owner
                    where a.owner.id = :owner and a.type = :task""");
            switch (filter) {
                case OPEN -> hql.append(" and a.cancelledAt is null and not (").append(done).append(")");
                case DONE -> hql.append(" and a.cancelledAt is null and ").append(done);
                case ALL -> { }
            }
            if (after != null) {
                hql.append(" and (a.createdAt < :afterCreated or (a.createdAt = :afterCreated and a.id < :afterId))");
            }
            hql.append(" order by a.createdAt desc, a.id desc");
            SelectionQuery<Appointment> query = session.createSelectionQuery(hql.toString(), Appointment.class)
                    .setParameter("owner", owner.associateId())
                    .setParameter("task", AppointmentType.TASK)
                    .setMaxResults(pageSize + 1);
            if (filter != TaskFilter.ALL) {
                query.setParameter("completed", Status.COMPLETED)
                        .setParameterList("finished", EnumSet.of(Status.COMPLETED, Status.DECLINED, Status.CANCELLED));
            }
            if (after != null) {
                query.setParameter("afterCreated", after.start()).setParameter("afterId", after.id());
            }
            Page<Appointment> page = Page.of(query.getResultList(), pageSize,
                    a -> new PageToken(a.getCreatedAt(), a.getId()));
            Map<Long, List<ParticipantRecord>> byTask = new LinkedHashMap<>();
            page.items().forEach(a -> byTask.put(a.getId(), new ArrayList<>()));
            if (!byTask.isEmpty()) {
                session.createSelectionQuery("from ParticipantRecord r where r.appointment.id in :ids"
                                + " and r.master = false order by r.id", ParticipantRecord.class)
                        .setParameterList("ids", byTask.keySet())
                        .getResultList()
                        .forEach(r -> byTask.get(r.getAppointment().getId()).add(r));
            }
            List<DistributedTask> lines = page.items().stream()
                    .map(a -> summary(a, byTask.get(a.getId())))
                    .toList();
            return new Page<>(lines, page.next());
        });
    }

    private static DistributedTask summary(Appointment task, List<ParticipantRecord> records) {
        int accepted = 0;
        int declined = 0;
        int pending = 0;
        boolean anyCompleted = false;
        boolean allFinished = true;
        for (ParticipantRecord r : records) {
            Status s = r.getStatus();
            accepted += ACCEPTED.contains(s) ? 1 : 0;
            declined += s == Status.DECLINED ? 1 : 0;
            pending += Status.PENDING.contains(s) || s == Status.TENTATIVE ? 1 : 0;
            anyCompleted |= s == Status.COMPLETED;
            allFinished &= s == Status.COMPLETED || OUT.contains(s);
        }
        boolean done = !task.isCancelled() && anyCompleted && allFinished;
        return new DistributedTask(viewOf(task), accepted, declined, pending, overall(records), done);
    }

    /** The mean progress of the colleagues still on the task; those who have not answered count as 0. */
    static int overall(List<ParticipantRecord> records) {
        int sum = 0;
        int count = 0;
        for (ParticipantRecord r : records) {
            if (!OUT.contains(r.getStatus())) {
                sum += r.getPercentDone();
                count++;
            }
        }
        return count == 0 ? 0 : Math.round((float) sum / count);
    }

    private static TaskView view(ParticipantRecord r) {
        Appointment a = r.getAppointment();
        return new TaskView(r.getId(), a.getId(), r.getTitle(), r.getDescription(), r.getEndsAt(),
                a.getOwner().getId(), a.getOwner().getFullName(), r.getStatus(), progressOf(r));
    }

    private static Progress progressOf(ParticipantRecord r) {
        return new Progress(r.getPercentDone(), r.getHoursSpent(), r.getProgressNote(), r.getProgressAt());
    }

    private static AppointmentView viewOf(Appointment task) {
        return AppointmentView.of(task);
    }
}
