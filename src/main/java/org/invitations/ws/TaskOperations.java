package org.invitations.ws;

import org.invitations.task.TaskFilter;
import org.invitations.task.TaskService;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.CreateTask;
import org.invitations.ws.generated.CreateTaskResponse;
import org.invitations.ws.generated.GetDistributedTasks;
import org.invitations.ws.generated.GetDistributedTasksResponse;
import org.invitations.ws.generated.GetTaskDistributionResponse;
import org.invitations.ws.generated.GetTasks;
import org.invitations.ws.generated.GetTasksResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.MoveTaskDueDate;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.ReportTaskProgress;
import org.invitations.ws.generated.ReportTaskProgressResponse;

/** The task operations: handing out, due dates, progress, the task list and the Distribution views. */
final class TaskOperations {

    private final TaskService tasks;

    TaskOperations(TaskService tasks) {
        this.tasks = tasks;
    }

    CreateTaskResponse create(CreateTask request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toResponse(tasks.create(CallerInterceptor.current(),
                TaskMapper.toNewTask(request), request.getRequestId())));
    }

    ParticipantsResult moveDue(MoveTaskDueDate request) throws InvalidRequestFault, NotFoundFault,
            NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(tasks.moveDue(CallerInterceptor.current(),
                request.getAppointmentId(), DateTimes.toInstant(request.getDue()))));
    }

    ReportTaskProgressResponse reportProgress(ReportTaskProgress request) throws InvalidRequestFault,
            NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> TaskMapper.toProgressResponse(tasks.reportProgress(CallerInterceptor.current(),
                request.getRecordId(), request.getPercentDone(), request.getHoursSpent(), request.getNote())));
    }

    GetTasksResponse list(GetTasks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toTasks(tasks.tasks(CallerInterceptor.current(), request.getAssociateId(),
                TaskMapper.filter(request.getFilter(), TaskFilter.OPEN), Paging.size(request.getPageSize()),
                Paging.afterTime(request.getPageToken()))));
    }

    GetTaskDistributionResponse distribution(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toDistribution(
                tasks.distribution(CallerInterceptor.current(), request.getAppointmentId())));
    }

    GetDistributedTasksResponse distributed(GetDistributedTasks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toDistributed(tasks.distributedTasks(CallerInterceptor.current(),
                TaskMapper.filter(request.getFilter(), TaskFilter.ALL), Paging.size(request.getPageSize()),
                Paging.afterTime(request.getPageToken()))));
    }
}
