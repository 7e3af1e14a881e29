package org.invitations.task;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.invitation.Answer;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentType;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.Appointments;
import org.invitations.invitation.Bookings;
import org.invitations.invitation.ChangeEvent;
import org.invitations.invitation.ChangePublisher;
import org.invitations.invitation.CreatedMeeting;
import org.invitations.invitation.EventType;
import org.invitations.invitation.MeetingState;
import org.invitations.invitation.NewMeeting;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.RecordList;
import org.invitations.invitation.SendOptions;
import org.invitations.invitation.Status;
import org.invitations.invitation.TaskProgress;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;
import org.invitations.shared.Transactions;

/**
 * Tasks handed to colleagues: created, given a new due date, progress reported, the colleague's task
 * list and the owner's Distribution views. A task is answered and cancelled like a meeting (the
 * invitation feature); the rules particular to tasks (associates only, no time slot, progress decides
 * the status) are the appointment's, and "done" and the overall progress are {@link Colleagues}'. One
 * transaction per public method.
 */
public final class TaskService {

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;

    private final Bookings bookings;
    private final ChangePublisher publisher;

    public TaskService(SessionFactory sessionFactory, Clock clock, AuditLog audit) {
        this(sessionFactory, clock, audit, ChangePublisher.NONE);
    }

    public TaskService(SessionFactory sessionFactory, Clock clock, AuditLog audit, ChangePublisher publisher) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.publisher = publisher;
        this.bookings = new Bookings(sessionFactory, clock, audit, publisher);
    }

    /** Hands a task to colleagues: each is asked (5) or, without invitations, given it (1). */
    public CreatedMeeting create(Caller owner, NewMeeting task, String requestId) {
        if (task.type() != AppointmentType.TASK) {
            throw new IllegalArgumentException("not a task: " + task.type());
        }
        return bookings.create(owner, task, requestId, "CreateTask", SendOptions.NONE);
    }

    /** A new due date; colleagues who answered are asked again, as for a moved meeting. */
    public MeetingState moveDue(Caller owner, long appointmentId, Instant due) {
        return Transactions.run(sessionFactory, session -> {
            Appointment task = Appointments.ownedForChange(session, owner, appointmentId, "move",
                    AppointmentType.TASK);
            Instant now = clock.instant();
            task.moveDue(due, now);
            audit.record(session, owner, "MoveTaskDueDate", "appointment", appointmentId, due + " - " + due);
            return MeetingState.of(task, publisher.publish(session, ChangeEvent.ofAppointment(
                    EventType.APPOINTMENT_MOVED, task, SendOptions.NONE, now)));
        });
    }

    /** An associate's task list: accepted tasks (1, 2, 3) by due date, then record id. */
    public Page<TaskView> tasks(Caller caller, Long associateId, TaskFilter filter, int pageSize, PageToken after) {
        long who = associateId == null ? caller.associateId() : associateId;
        Set<RecordList> lists = switch (filter) {
            case OPEN -> EnumSet.of(RecordList.OPEN_TASKS);
            case DONE -> EnumSet.of(RecordList.DONE_TASKS);
            case ALL -> EnumSet.of(RecordList.OPEN_TASKS, RecordList.DONE_TASKS);
        };
        return Transactions.run(sessionFactory, session -> {
            if (who != caller.associateId() && session.find(Associate.class, who) == null) {
                throw new NotFound("associate", who, "associateId");
            }
            List<TaskView> views = TaskQueries.taskList(session, who, lists, after, pageSize + 1).stream()
                    .map(TaskService::view).toList();
            return Page.of(views, pageSize, v -> new PageToken(v.due(), v.recordId()));
        });
    }

    /** Progress on the caller's own accepted task: status follows the percentage (1, 2, 3). */
    public ProgressReport reportProgress(Caller caller, long recordId, int percent, BigDecimal hours, String note) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord record = Appointments.participantsOwn(session, caller, recordId,
                    "Only the colleague the task was given to reports progress on it");
            Instant now = clock.instant();
            record.getAppointment().reportProgress(record, percent, hours, note, now);
            audit.record(session, caller, "ReportTaskProgress", "record", recordId, percent + "%");
            publisher.publish(session, ChangeEvent.ofRecord(EventType.TASK_PROGRESS, record, now));
            return new ProgressReport(Answer.of(record), record.getProgress());
        });
    }

    /** The owner's Distribution view: every colleague's answer, read or not, and progress. */
    public Distribution distribution(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            Appointment task = Appointments.owned(session, owner, appointmentId, "view the distribution of",
                    AppointmentType.TASK);
            List<ParticipantRecord> records = TaskQueries.colleagues(session, List.of(appointmentId));
            List<Distribution.Line> lines = new ArrayList<>();
            for (ParticipantRecord r : records) {
                lines.add(new Distribution.Line(r.getId(), r.getAssociate().getId(), r.getAssociate().getFullName(),
                        r.getStatus(), r.isSeen(), r.getDeclineReason(), r.getProgress(), r.getUpdatedAt()));
            }
            return new Distribution(viewOf(task), Colleagues.overall(records), lines);
        });
    }

    /**
     * Every task the caller handed out, newest first (a series as its occurrences, each a task of its own;
     * never the series itself), with the counts of answers and the overall
     * progress; {@code OPEN} and {@code DONE} keep those that are not, or are, done ({@link Colleagues#isDone}).
     * The owner's tasks are read newest first in batches, each with its colleagues' records, until the
     * page is full: a page costs the tasks it passes over, never the owner's whole list.
     */
    public Page<DistributedTask> distributedTasks(Caller owner, TaskFilter filter, int pageSize, PageToken after) {
        return Transactions.run(sessionFactory, session -> {
            List<Map.Entry<Appointment, DistributedTask>> kept = new ArrayList<>();
            PageToken cursor = after;
            int batchSize = pageSize + 1;
            boolean more = true;
            while (more && kept.size() <= pageSize) {
                List<Appointment> batch = TaskQueries.distributed(session, owner.associateId(), cursor, batchSize);
                more = batch.size() == batchSize;
                List<Long> ids = batch.stream().map(Appointment::getId).toList();
                Map<Long, List<ParticipantRecord>> byTask = new LinkedHashMap<>();
                ids.forEach(id -> byTask.put(id, new ArrayList<>()));
                TaskQueries.colleagues(session, ids).forEach(r -> byTask.get(r.getAppointment().getId()).add(r));
                for (Appointment task : batch) {
                    cursor = new PageToken(task.getCreatedAt(), task.getId());
                    List<ParticipantRecord> colleagues = byTask.get(task.getId());
                    boolean done = Colleagues.isDone(task, colleagues);
                    boolean wanted = switch (filter) {
                        case ALL -> true;
                        case OPEN -> !task.isCancelled() && !done;
                        case DONE -> done;
                    };
                    if (wanted) {
                        kept.add(Map.entry(task, Colleagues.summary(task, colleagues, done)));
                        if (kept.size() > pageSize) {
                            break;
                        }
                    }
                }
            }
            Page<Map.Entry<Appointment, DistributedTask>> page = Page.of(kept, pageSize,
                    e -> new PageToken(e.getKey().getCreatedAt(), e.getKey().getId()));
            return new Page<>(page.items().stream().map(Map.Entry::getValue).toList(), page.next());
        });
    }

    private static TaskView view(ParticipantRecord r) {
        Appointment a = r.getAppointment();
        return new TaskView(r.getId(), a.getId(), r.getTitle(), r.getDescription(), r.getEndsAt(),
                a.getOwner().getId(), a.getOwner().getFullName(), r.getStatus(), r.getProgress(), a.getSeriesId(),
                a.getRecurrenceId());
    }

    private static AppointmentView viewOf(Appointment task) {
        return AppointmentView.of(task);
    }
}
