package org.invitations.ws;

import org.invitations.ws.generated.ReportTaskProgressResponse;
import org.invitations.task.ProgressReport;
import org.invitations.invitation.CreatedMeeting;
import org.invitations.invitation.NewMeeting;
import org.invitations.shared.Page;
import org.invitations.task.Distribution;
import org.invitations.task.DistributedTask;
import org.invitations.task.TaskFilter;
import org.invitations.task.TaskView;
import org.invitations.ws.generated.CreateTask;
import org.invitations.ws.generated.CreateTaskResponse;
import org.invitations.ws.generated.DistributionLine;
import org.invitations.ws.generated.GetDistributedTasksResponse;
import org.invitations.ws.generated.GetTaskDistributionResponse;
import org.invitations.ws.generated.GetTasksResponse;
import org.invitations.ws.generated.TaskItem;
import org.invitations.ws.generated.TaskProgress;

/** Maps task requests and views between the wire and the task service. */
final class TaskMapper {

    private TaskMapper() {
    }

    static NewMeeting toNewTask(CreateTask request) {
        return NewMeeting.task(request.getTitle(), request.getDescription(), DateTimes.toInstant(request.getDue()),
                InvitationMapper.toRefs(request.getParticipants().getParticipant(), "participants"),
                InvitationMapper.sendInvitations(request.getOptions()),
                InvitationMapper.includeMyself(request.getOptions()), request.getTimeZone(),
                SeriesMapper.toRecurrence(request.getRecurrence()));
    }

    static CreateTaskResponse toResponse(CreatedMeeting created) {
        CreateTaskResponse response = new CreateTaskResponse();
        response.setAppointmentId(created.appointmentId());
        response.setMasterRecordId(created.masterRecordId());
        created.participants().forEach(p -> response.getParticipant().add(InvitationMapper.toResult(p)));
        response.getOccurrence().addAll(SeriesMapper.toOccurrences(created.occurrences()));
        return response;
    }

    static TaskFilter filter(org.invitations.ws.generated.TaskFilter filter, TaskFilter otherwise) {
        return filter == null ? otherwise : TaskFilter.valueOf(filter.name());
    }

    static TaskProgress toWire(org.invitations.invitation.TaskProgress progress) {
        TaskProgress wire = new TaskProgress();
        wire.setPercentDone(progress.percentDone());
        wire.setHoursSpent(progress.hoursSpent());
        wire.setNote(progress.note());
        wire.setProgressAt(DateTimes.toUtc(progress.reportedAt()));
        return wire;
    }

    static GetTasksResponse toTasks(Page<TaskView> page) {
        GetTasksResponse response = new GetTasksResponse();
        for (TaskView view : page.items()) {
            TaskItem item = new TaskItem();
            item.setRecordId(view.recordId());
            item.setAppointmentId(view.appointmentId());
            item.setTitle(view.title());
            item.setDescription(view.description());
            item.setDue(DateTimes.toUtc(view.due()));
            item.setOwnerId(view.ownerId());
            item.setOwnerName(view.ownerName());
            item.setStatus(view.status().code());
            item.setProgress(toWire(view.progress()));
            item.setSeriesId(view.seriesId());
            item.setRecurrenceId(DateTimes.toUtc(view.recurrenceId()));
            response.getTask().add(item);
        }
        response.setNextPageToken(Paging.next(page));
        return response;
    }

    static GetTaskDistributionResponse toDistribution(Distribution distribution) {
        GetTaskDistributionResponse response = new GetTaskDistributionResponse();
        response.setTask(InvitationMapper.toAppointment(distribution.task()));
        response.setOverallPercentDone(distribution.overallPercentDone());
        for (Distribution.Line line : distribution.colleagues()) {
            DistributionLine wire = new DistributionLine();
            wire.setRecordId(line.recordId());
            wire.setAssociateId(line.associateId());
            wire.setName(line.name());
            wire.setStatus(line.status().code());
            wire.setAnswer(ViewMapper.answerOf(line.status(), true));
            wire.setSeen(line.seen());
            wire.setDeclineReason(line.declineReason());
            wire.setProgress(toWire(line.progress()));
            wire.setUpdatedAt(DateTimes.toUtc(line.updatedAt()));
            response.getColleague().add(wire);
        }
        return response;
    }

    static GetDistributedTasksResponse toDistributed(Page<DistributedTask> page) {
        GetDistributedTasksResponse response = new GetDistributedTasksResponse();
        for (DistributedTask task : page.items()) {
            org.invitations.ws.generated.DistributedTask wire = new org.invitations.ws.generated.DistributedTask();
            wire.setTask(InvitationMapper.toAppointment(task.task()));
            wire.setAccepted(task.accepted());
            wire.setDeclined(task.declined());
            wire.setPending(task.pending());
            wire.setOverallPercentDone(task.overallPercentDone());
            wire.setDone(task.done());
            response.getTask().add(wire);
        }
        response.setNextPageToken(Paging.next(page));
        return response;
    }


    /** ReportTaskProgressResponse: the answer's fields of the colleague's record, and its progress. */
    static ReportTaskProgressResponse toProgressResponse(ProgressReport report) {
        ReportTaskProgressResponse response = new ReportTaskProgressResponse();
        response.setRecordId(report.answer().recordId());
        response.setStatus(report.answer().status().code());
        response.setIsNew(report.answer().isNew());
        response.setAppointment(InvitationMapper.toAppointment(report.answer().appointment()));
        response.setProgress(toWire(report.progress()));
        return response;
    }
}
