package org.invitations.ws;

import jakarta.jws.WebService;
import org.invitations.audit.AuditLog;
import org.invitations.directory.DirectoryService;
import org.invitations.invitation.DiaryService;
import org.invitations.invitation.InvitationService;
import org.invitations.invitation.MeetingService;
import org.invitations.invitation.ProposalService;
import org.invitations.notification.NotificationService;
import org.invitations.task.TaskService;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.AcknowledgeDeclineResponse;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.CancelAppointment;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.GetConfirmationMessagesResponse;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.RegisterWebhookResponse;
import org.invitations.ws.generated.ListWebhooks;
import org.invitations.ws.generated.ListWebhooksResponse;
import org.invitations.ws.generated.RemoveWebhook;
import org.invitations.ws.generated.RemoveWebhookResponse;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.ListDeadDeliveriesResponse;
import org.invitations.ws.generated.ResendDelivery;
import org.invitations.ws.generated.ResendDeliveryResponse;
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
 * The SOAP port: one port type, as the contract has it, handing each operation to the adapter of its
 * feature (meetings, tasks, answers, diaries, directory, notifications). The adapters map requests to domain values,
 * call one service method and map the result back; the caller was decided by {@link CallerInterceptor}
 * before any operation runs, and faults are mapped in {@link Faults}.
 */
@WebService(endpointInterface = "org.invitations.ws.generated.InvitationsPortType",
        targetNamespace = "urn:invitations:v1",
        serviceName = "InvitationsService",
        portName = "InvitationsPort",
        wsdlLocation = "classpath:wsdl/invitations.wsdl")
public class InvitationsEndpoint implements InvitationsPortType {

    private final MeetingOperations meetings;
    private final TaskOperations tasks;
    private final AnswerOperations answers;
    private final DiaryOperations diaries;
    private final DirectoryOperations directory;
    private final NotificationOperations notifications;
    private final ProposalOperations proposals;
    private final AvailabilityOperations availability;
    private final ReplyOperations replies;

    public InvitationsEndpoint(InvitationService invitations, MeetingService meetings, DiaryService diaries,
                               TaskService tasks, DirectoryService directory, AuditLog audit,
                               NotificationService notifications, ProposalService proposals,
                               org.invitations.availability.AvailabilityService availability,
                               org.invitations.reply.ReplyService replies) {
        this.meetings = new MeetingOperations(meetings);
        this.tasks = new TaskOperations(tasks);
        this.answers = new AnswerOperations(invitations);
        this.diaries = new DiaryOperations(diaries);
        this.directory = new DirectoryOperations(directory, audit);
        this.notifications = new NotificationOperations(notifications);
        this.proposals = new ProposalOperations(proposals);
        this.availability = new AvailabilityOperations(availability);
        this.replies = new ReplyOperations(replies);
    }

    // ------------------------------------------------------------------ the owner

    @Override
    public CreateInvitationResponse createInvitation(CreateInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault, org.invitations.ws.generated.BookingRefusedFault {
        return meetings.create(request);
    }

    @Override
    public ParticipantsResult moveAppointment(MoveAppointment request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault, org.invitations.ws.generated.BookingRefusedFault {
        return meetings.move(request);
    }

    @Override
    public ParticipantsResult cancelAppointment(CancelAppointment request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return meetings.cancel(request);
    }

    @Override
    public ParticipantsResult updateAppointment(UpdateAppointment request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault, org.invitations.ws.generated.BookingRefusedFault {
        return meetings.update(request);
    }

    @Override
    public GetAppointmentParticipantsResponse getAppointmentParticipants(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return meetings.participants(request);
    }

    @Override
    public AcknowledgeDeclineResponse acknowledgeDecline(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return meetings.acknowledgeDecline(request);
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public CreateTaskResponse createTask(CreateTask request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return tasks.create(request);
    }

    @Override
    public ParticipantsResult moveTaskDueDate(MoveTaskDueDate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return tasks.moveDue(request);
    }

    @Override
    public ReportTaskProgressResponse reportTaskProgress(ReportTaskProgress request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return tasks.reportProgress(request);
    }

    @Override
    public GetTasksResponse getTasks(GetTasks request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return tasks.list(request);
    }

    @Override
    public GetTaskDistributionResponse getTaskDistribution(AppointmentRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return tasks.distribution(request);
    }

    @Override
    public GetDistributedTasksResponse getDistributedTasks(GetDistributedTasks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return tasks.distributed(request);
    }

    // ------------------------------------------------------------------ the invitee

    @Override
    public GetInvitationsResponse getInvitations(GetInvitations request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return answers.list(request);
    }

    @Override
    public AnswerResult acceptInvitation(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return answers.accept(request);
    }

    @Override
    public AnswerResult tentativelyAcceptInvitation(org.invitations.ws.generated.TentativelyAcceptInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return answers.acceptTentatively(request);
    }

    @Override
    public AnswerResult declineInvitation(DeclineInvitation request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return answers.decline(request);
    }

    @Override
    public AnswerResult markInvitationSeen(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return answers.markSeen(request);
    }

    @Override
    public AnswerResult postponeInvitation(RecordRequest request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return answers.postpone(request);
    }

    @Override
    public CleanUpCancelledResponse cleanUpCancelled(CleanUpCancelled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return answers.cleanUpCancelled(request);
    }

    // ------------------------------------------------------------------ views

    @Override
    public GetDiaryResponse getDiary(GetDiary request) throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return diaries.diary(request);
    }

    @Override
    public GetActivityArchiveResponse getActivityArchive(GetActivityArchive request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return diaries.archive(request);
    }

    // ------------------------------------------------------------------ directory

    @Override
    public CreateAssociateResponse createAssociate(CreateAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.createAssociate(request);
    }

    @Override
    public GetAssociateResponse getAssociate(GetAssociate request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.associate(request);
    }

    @Override
    public ListAssociatesResponse listAssociates(ListAssociates request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.associates(request);
    }

    @Override
    public CreateContactResponse createContact(CreateContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.createContact(request);
    }

    @Override
    public GetContactResponse getContact(GetContact request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.contact(request);
    }

    @Override
    public ListContactsResponse listContacts(ListContacts request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.contacts(request);
    }

    @Override
    public CreateResourceResponse createResource(CreateResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.createResource(request);
    }

    @Override
    public GetResourceResponse getResource(GetResource request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.resource(request);
    }

    @Override
    public ListResourcesResponse listResources(ListResources request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.resources(request);
    }

    @Override
    public ChangePasswordResponse changePassword(ChangePassword request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.changePassword(request);
    }

    @Override
    public org.invitations.ws.generated.ProcessCalendarReplyResponse processCalendarReply(org.invitations.ws.generated.ProcessCalendarReply request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return replies.process(request);
    }

    @Override
    public org.invitations.ws.generated.ListCalendarRepliesResponse listCalendarReplies(org.invitations.ws.generated.ListCalendarReplies request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return replies.list(request);
    }

    @Override
    public org.invitations.ws.generated.ParticipantsResult acceptProposal(org.invitations.ws.generated.AcceptProposal request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return proposals.accept(request);
    }

    @Override
    public org.invitations.ws.generated.DeclineProposalResponse declineProposal(org.invitations.ws.generated.DeclineProposal request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, InvalidTransitionFault, ConcurrentModificationFault {
        return proposals.decline(request);
    }

    @Override
    public org.invitations.ws.generated.GetFreeBusyResponse getFreeBusy(org.invitations.ws.generated.GetFreeBusy request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return availability.freeBusy(request);
    }

    @Override
    public org.invitations.ws.generated.FindAvailableTimeResponse findAvailableTime(org.invitations.ws.generated.FindAvailableTime request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return availability.findAvailableTime(request);
    }

    @Override
    public org.invitations.ws.generated.SetWorkingHoursResponse setWorkingHours(org.invitations.ws.generated.SetWorkingHours request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.setWorkingHours(request);
    }

    @Override
    public org.invitations.ws.generated.SetResourcePolicyResponse setResourcePolicy(org.invitations.ws.generated.SetResourcePolicy request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.setResourcePolicy(request);
    }

    @Override
    public org.invitations.ws.generated.SetAssociateTimeZoneResponse setAssociateTimeZone(
            org.invitations.ws.generated.SetAssociateTimeZone request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.setTimeZone(request);
    }

    @Override
    public SetAssociateEnabledResponse setAssociateEnabled(SetAssociateEnabled request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.setEnabled(request);
    }

    @Override
    public GetAuditLogResponse getAuditLog(GetAuditLog request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return directory.auditLog(request);
    }

    // ------------------------------------------------------------------ notifications

    @Override
    public GetConfirmationMessagesResponse getConfirmationMessages(GetConfirmationMessages request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.confirmations(request);
    }

    @Override
    public RegisterWebhookResponse registerWebhook(RegisterWebhook request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.register(request);
    }

    @Override
    public ListWebhooksResponse listWebhooks(ListWebhooks request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.webhooks(request);
    }

    @Override
    public RemoveWebhookResponse removeWebhook(RemoveWebhook request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.remove(request);
    }

    @Override
    public ListDeadDeliveriesResponse listDeadDeliveries(ListDeadDeliveries request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.dead(request);
    }

    @Override
    public ResendDeliveryResponse resendDelivery(ResendDelivery request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return notifications.resend(request);
    }
}
