package org.invitations.ws;

import jakarta.jws.WebService;
import org.invitations.audit.AuditLog;
import org.invitations.directory.DirectoryService;
import org.invitations.security.Caller;
import org.invitations.invitation.DiaryService;
import org.invitations.invitation.InvitationService;
import org.invitations.invitation.MeetingService;
import org.invitations.shared.Page;
import org.invitations.task.ProgressReport;
import org.invitations.task.TaskFilter;
import org.invitations.task.TaskService;
import org.invitations.shared.PageToken;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.AcknowledgeDeclineResponse;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.CleanUpCancelled;
import org.invitations.ws.generated.CleanUpCancelledResponse;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.CreateAssociateResponse;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateContactResponse;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.CreateResource;
import org.invitations.ws.generated.CreateResourceResponse;
import org.invitations.ws.generated.GetAuditLogResponse;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.SetAssociateEnabledResponse;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.invitations.ws.generated.ChangePasswordResponse;
import org.invitations.ws.generated.ChangePassword;
import org.invitations.ws.generated.GetDistributedTasksResponse;
import org.invitations.ws.generated.GetDistributedTasks;
import org.invitations.ws.generated.GetTaskDistributionResponse;
import org.invitations.ws.generated.GetTasksResponse;
import org.invitations.ws.generated.GetTasks;
import org.invitations.ws.generated.ReportTaskProgressResponse;
import org.invitations.ws.generated.ReportTaskProgress;
import org.invitations.ws.generated.MoveTaskDueDate;
import org.invitations.ws.generated.CreateTaskResponse;
import org.invitations.ws.generated.CreateTask;
import org.invitations.ws.generated.DeclineInvitation;
import org.invitations.ws.generated.GetActivityArchive;
import org.invitations.ws.generated.GetActivityArchiveResponse;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.GetAssociate;
import org.invitations.ws.generated.GetAssociateResponse;
import org.invitations.ws.generated.GetContact;
import org.invitations.ws.generated.GetContactResponse;
import org.invitations.ws.generated.GetDiary;
import org.invitations.ws.generated.GetDiaryResponse;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.GetResource;
import org.invitations.ws.generated.GetResourceResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListAssociates;
import org.invitations.ws.generated.ListAssociatesResponse;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.ListContactsResponse;
import org.invitations.ws.generated.ListResources;
import org.invitations.ws.generated.ListResourcesResponse;
import org.invitations.ws.generated.MoveAppointment;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.UpdateAppointment;

/**
 * The SOAP port: maps each request to domain values, calls one service method, maps the result back.
 * Transactions and rules live in the services; faults are mapped in {@link Faults}.
 */
@WebService(endpointInterface = "org.invitations.ws.generated.InvitationsPortType",
        targetNamespace = "urn:invitations:v1",
        serviceName = "InvitationsService",
        portName = "InvitationsPort",
        wsdlLocation = "classpath:wsdl/invitations.wsdl")
public class InvitationsEndpoint implements InvitationsPortType {

    private final InvitationService invitations;
    private final MeetingService meetings;
    private final DiaryService diaries;
    private final TaskService tasks;
    private final DirectoryService directory;
    private final AuditLog audit;

    public InvitationsEndpoint(InvitationService invitations, MeetingService meetings, DiaryService diaries,
                               TaskService tasks, DirectoryService directory, AuditLog audit) {
        this.invitations = invitations;
        this.meetings = meetings;
        this.diaries = diaries;
        this.tasks = tasks;
        this.directory = directory;
        this.audit = audit;
    }

    /** Decided once per message by {@link CallerInterceptor}, before any operation runs. */
    private static Caller caller() {
        return CallerInterceptor.current();
    }

    // ------------------------------------------------------------------ the owner

    @Override
    public CreateInvitationResponse createInvitation(CreateInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> InvitationMapper.toResponse(
                meetings.create(caller(), InvitationMapper.toNewMeeting(request), request.getRequestId())));
    }

    @Override
    public ParticipantsResult moveAppointment(MoveAppointment request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(meetings.move(caller(),
                request.getAppointmentId(), DateTimes.toInstant(request.getStart()),
                DateTimes.toInstant(request.getEnd())), new ParticipantsResult()));
    }

    @Override
    public ParticipantsResult cancelAppointment(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(
                meetings.cancel(caller(), request.getAppointmentId()), new ParticipantsResult()));
    }

    @Override
    public ParticipantsResult updateAppointment(UpdateAppointment request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(
                meetings.update(caller(), InvitationMapper.toUpdate(request)),
                new ParticipantsResult()));
    }

    @Override
    public GetAppointmentParticipantsResponse getAppointmentParticipants(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toResponse(
                meetings.participants(caller(), request.getAppointmentId())));
    }

    @Override
    public AcknowledgeDeclineResponse acknowledgeDecline(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> {
            var line = meetings.acknowledgeDecline(caller(), request.getRecordId());
            AcknowledgeDeclineResponse response = new AcknowledgeDeclineResponse();
            response.setRecordId(line.recordId());
            response.setStatus(line.status().code());
            response.setDeclineAcknowledged(line.declineAcknowledged());
            return response;
        });
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public CreateTaskResponse createTask(CreateTask request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toResponse(
                tasks.create(caller(), TaskMapper.toNewTask(request), request.getRequestId())));
    }

    @Override
    public ParticipantsResult moveTaskDueDate(MoveTaskDueDate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toState(tasks.moveDue(caller(),
                request.getAppointmentId(), DateTimes.toInstant(request.getDue())), new ParticipantsResult()));
    }

    @Override
    public ReportTaskProgressResponse reportTaskProgress(ReportTaskProgress request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> {
            ProgressReport report = tasks.reportProgress(caller(), request.getRecordId(),
                    request.getPercentDone(), request.getHoursSpent(), request.getNote());
            return TaskMapper.toProgressResponse(report);
        });
    }

    @Override
    public GetTasksResponse getTasks(GetTasks request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toTasks(tasks.tasks(caller(), request.getAssociateId(),
                TaskMapper.filter(request.getFilter(), TaskFilter.OPEN), pageSize(request.getPageSize()),
                PageToken.decode(request.getPageToken(), true))));
    }

    @Override
    public GetTaskDistributionResponse getTaskDistribution(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toDistribution(
                tasks.distribution(caller(), request.getAppointmentId())));
    }

    @Override
    public GetDistributedTasksResponse getDistributedTasks(GetDistributedTasks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> TaskMapper.toDistributed(tasks.distributedTasks(caller(),
                TaskMapper.filter(request.getFilter(), TaskFilter.ALL), pageSize(request.getPageSize()),
                PageToken.decode(request.getPageToken(), true))));
    }

    // ------------------------------------------------------------------ the invitee

    @Override
    public GetInvitationsResponse getInvitations(GetInvitations request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> InvitationMapper.toResponse(
                invitations.invitations(caller(), InvitationMapper.toQuery(request))));
    }

    @Override
    public AnswerResult acceptInvitation(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(invitations.accept(caller(), request.getRecordId())));
    }

    @Override
    public AnswerResult tentativelyAcceptInvitation(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.acceptTentatively(caller(), request.getRecordId())));
    }

    @Override
    public AnswerResult declineInvitation(DeclineInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(
                invitations.decline(caller(), request.getRecordId(), request.getReason())));
    }

    @Override
    public AnswerResult markInvitationSeen(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(invitations.markSeen(caller(), request.getRecordId())));
    }

    @Override
    public AnswerResult postponeInvitation(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return Faults.answer(() -> InvitationMapper.toAnswer(invitations.postpone(caller(), request.getRecordId())));
    }

    @Override
    public CleanUpCancelledResponse cleanUpCancelled(CleanUpCancelled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            CleanUpCancelledResponse response = new CleanUpCancelledResponse();
            response.setRemoved(invitations.cleanUpCancelled(caller(), request.getRecordId()));
            return response;
        });
    }

    // ------------------------------------------------------------------ views

    @Override
    public GetDiaryResponse getDiary(GetDiary request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toDiary(diaries.diary(caller(), request.getAssociateId(),
                DateTimes.toInstant(request.getFromTime()), DateTimes.toInstant(request.getToTime()))));
    }

    @Override
    public GetActivityArchiveResponse getActivityArchive(GetActivityArchive request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> ViewMapper.toArchive(diaries.activityArchive(request.getContactId(),
                DateTimes.toInstant(request.getFromTime()), DateTimes.toInstant(request.getToTime()))));
    }

    // ------------------------------------------------------------------ directory

    @Override
    public CreateAssociateResponse createAssociate(CreateAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            CreateAssociateResponse response = new CreateAssociateResponse();
            response.setAssociate(DirectoryMapper.toWire(directory.createAssociate(caller(),
                    request.getUsername(), request.getFullName(), request.getEmail(), request.getPassword(),
                    DirectoryMapper.toRole(request.getRole()))));
            return response;
        });
    }

    @Override
    public GetAssociateResponse getAssociate(GetAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            GetAssociateResponse response = new GetAssociateResponse();
            response.setAssociate(DirectoryMapper.toWire(directory.associate(request.getAssociateId())));
            return response;
        });
    }

    @Override
    public ListAssociatesResponse listAssociates(ListAssociates request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            var page = directory.associates(pageSize(request.getPageSize()), after(request.getPageToken()));
            ListAssociatesResponse response = new ListAssociatesResponse();
            page.items().forEach(a -> response.getAssociate().add(DirectoryMapper.toWire(a)));
            response.setNextPageToken(next(page));
            return response;
        });
    }

    @Override
    public CreateContactResponse createContact(CreateContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            CreateContactResponse response = new CreateContactResponse();
            response.setContact(DirectoryMapper.toWire(directory.createContact(caller(), request.getName(),
                    DirectoryMapper.toNewPersons(request.getPerson()))));
            return response;
        });
    }

    @Override
    public GetContactResponse getContact(GetContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            GetContactResponse response = new GetContactResponse();
            response.setContact(DirectoryMapper.toWire(directory.contact(request.getContactId())));
            return response;
        });
    }

    @Override
    public ListContactsResponse listContacts(ListContacts request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            var page = directory.contacts(pageSize(request.getPageSize()), after(request.getPageToken()));
            ListContactsResponse response = new ListContactsResponse();
            page.items().forEach(c -> response.getContact().add(DirectoryMapper.toWire(c)));
            response.setNextPageToken(next(page));
            return response;
        });
    }

    @Override
    public CreateResourceResponse createResource(CreateResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            CreateResourceResponse response = new CreateResourceResponse();
            response.setResource(DirectoryMapper.toWire(
                    directory.createResource(caller(), request.getName(), request.getDescription())));
            return response;
        });
    }

    @Override
    public GetResourceResponse getResource(GetResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            GetResourceResponse response = new GetResourceResponse();
            response.setResource(DirectoryMapper.toWire(directory.resource(request.getResourceId())));
            return response;
        });
    }

    @Override
    public ListResourcesResponse listResources(ListResources request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            var page = directory.resources(pageSize(request.getPageSize()), after(request.getPageToken()));
            ListResourcesResponse response = new ListResourcesResponse();
            page.items().forEach(r -> response.getResource().add(DirectoryMapper.toWire(r)));
            response.setNextPageToken(next(page));
            return response;
        });
    }

    @Override
    public ChangePasswordResponse changePassword(ChangePassword request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            ChangePasswordResponse response = new ChangePasswordResponse();
            response.setAssociate(DirectoryMapper.toWire(directory.changePassword(caller(), request.getAssociateId(),
                    request.getCurrentPassword(), request.getNewPassword())));
            return response;
        });
    }

    @Override
    public SetAssociateEnabledResponse setAssociateEnabled(SetAssociateEnabled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> {
            SetAssociateEnabledResponse response = new SetAssociateEnabledResponse();
            response.setAssociate(DirectoryMapper.toWire(
                    directory.setEnabled(caller(), request.getAssociateId(), request.isEnabled())));
            return response;
        });
    }

    @Override
    public GetAuditLogResponse getAuditLog(GetAuditLog request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> DirectoryMapper.toAuditLog(audit.entries(caller(), request.getAssociateId(),
                DateTimes.toInstant(request.getFromTime()), DateTimes.toInstant(request.getToTime()),
                pageSize(request.getPageSize()), after(request.getPageToken()))));
    }

    private static int pageSize(Integer requested) {
        return requested == null ? InvitationMapper.DEFAULT_PAGE_SIZE : requested;
    }

    private static PageToken after(String token) {
        return PageToken.decode(token, false);
    }

    private static String next(Page<?> page) {
        return page.next() == null ? null : page.next().encode();
    }
}
