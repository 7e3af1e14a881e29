package org.invitations.ws;

import java.util.List;
import org.invitations.invitation.ArchiveEntry;
import org.invitations.invitation.DiaryEntry;
import org.invitations.invitation.ParticipantsView;
import org.invitations.invitation.Status;
import org.invitations.ws.generated.AnswerKind;
import org.invitations.ws.generated.AppointmentType;
import org.invitations.ws.generated.GetActivityArchiveResponse;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.GetDiaryResponse;
import org.invitations.ws.generated.OccurrenceAnswer;
import org.invitations.ws.generated.ParticipantKind;
import org.invitations.ws.generated.ParticipantView;

/** Maps the owner's Invitations view, the diary and the activity archive to wire types. */
final class ViewMapper {

    private ViewMapper() {
    }

    static GetAppointmentParticipantsResponse toResponse(ParticipantsView view) {
        GetAppointmentParticipantsResponse response = new GetAppointmentParticipantsResponse();
        response.setAppointment(InvitationMapper.toAppointment(view.appointment()));
        response.setDeclines(view.declines());
        response.setUnacknowledgedDeclines(view.unacknowledgedDeclines());
        view.participants().forEach(line -> response.getParticipant().add(toWire(line)));
        return response;
    }

    static org.invitations.ws.generated.AcknowledgeDeclineResponse toAcknowledged(ParticipantsView.Line line) {
        org.invitations.ws.generated.AcknowledgeDeclineResponse response =
                new org.invitations.ws.generated.AcknowledgeDeclineResponse();
        response.setRecordId(line.recordId());
        response.setStatus(line.status().code());
        response.setDeclineAcknowledged(line.declineAcknowledged());
        return response;
    }

    static ParticipantView toWire(ParticipantsView.Line line) {
        ParticipantView wire = new ParticipantView();
        wire.setRecordId(line.recordId());
        wire.setKind(ParticipantKind.valueOf(line.kind().name()));
        wire.setParticipant(InvitationMapper.ref(line.kind(), line.participantId()));
        wire.setName(line.name());
        wire.setStatus(line.status().code());
        wire.setAnswer(answerOf(line.status(), line.invited()));
        wire.setSeen(line.seen());
        wire.setDeclineReason(line.declineReason());
        wire.setDeclineAcknowledged(line.declineAcknowledged());
        wire.setAnsweredAt(DateTimes.toUtc(line.answeredAt()));
        wire.setConflict(line.conflict());
        line.exceptions().forEach(e -> wire.getException().add(toWire(e)));
        line.proposals().forEach(p -> wire.getProposal().add(ProposalMapper.toWire(p)));
        wire.setExternalReply(toWire(line.externalReply()));
        return wire;
    }

    /** An occurrence a participant answered differently from the series, or that was moved or cancelled on its own. */
    static OccurrenceAnswer toWire(ParticipantsView.OccurrenceAnswer exception) {
        OccurrenceAnswer wire = new OccurrenceAnswer();
        wire.setAppointmentId(exception.appointmentId());
        wire.setRecurrenceId(DateTimes.toUtc(exception.recurrenceId()));
        wire.setRecordId(exception.recordId());
        wire.setStatus(exception.status().code());
        wire.setAnswer(answerOf(exception.status(), exception.invited()));
        wire.setDeclineReason(exception.declineReason());
        wire.setExternalReply(toWire(exception.externalReply()));
        return wire;
    }

    /**
     * Green tick, question mark, red cross, or still waiting. Only an invitation can be accepted:
     * persons, resources and associates booked without an invitation are simply BOOKED.
     */
    static AnswerKind answerOf(Status status, boolean invited) {
        return switch (status) {
            case INVITED, MOVED, SEEN, MOVED_SEEN -> AnswerKind.PENDING;
            case TENTATIVE -> AnswerKind.TENTATIVE;
            case DECLINED -> AnswerKind.DECLINED;
            case CANCELLED -> AnswerKind.CANCELLED;
            case BOOKED, STARTED, COMPLETED -> invited ? AnswerKind.ACCEPTED : AnswerKind.BOOKED;
        };
    }

    static GetDiaryResponse toDiary(List<DiaryEntry> entries) {
        GetDiaryResponse response = new GetDiaryResponse();
        for (DiaryEntry entry : entries) {
            org.invitations.ws.generated.DiaryEntry wire = new org.invitations.ws.generated.DiaryEntry();
            wire.setRecordId(entry.recordId());
            wire.setAppointmentId(entry.appointmentId());
            wire.setType(AppointmentType.valueOf(entry.type().name()));
            wire.setTitle(entry.title());
            wire.setLocation(entry.location());
            wire.setStart(DateTimes.toUtc(entry.start()));
            wire.setEnd(DateTimes.toUtc(entry.end()));
            wire.setOwnerId(entry.ownerId());
            wire.setOwnerName(entry.ownerName());
            wire.setStatus(entry.status().code());
            wire.setOwn(entry.own());
            wire.setTentative(entry.status() == Status.TENTATIVE);
            wire.setConflict(entry.conflict());
            wire.setTimeZone(entry.timeZone());
            wire.setSeriesId(entry.seriesId());
            wire.setRecurrenceId(DateTimes.toUtc(entry.recurrenceId()));
            response.getEntry().add(wire);
        }
        return response;
    }

    static GetActivityArchiveResponse toArchive(List<ArchiveEntry> entries) {
        GetActivityArchiveResponse response = new GetActivityArchiveResponse();
        for (ArchiveEntry entry : entries) {
            org.invitations.ws.generated.ArchiveEntry wire = new org.invitations.ws.generated.ArchiveEntry();
            wire.setRecordId(entry.recordId());
            wire.setAppointmentId(entry.appointmentId());
            wire.setTitle(entry.title());
            wire.setLocation(entry.location());
            wire.setStart(DateTimes.toUtc(entry.start()));
            wire.setEnd(DateTimes.toUtc(entry.end()));
            wire.setOwnerName(entry.ownerName());
            wire.setPersonId(entry.personId());
            wire.setPersonName(entry.personName());
            wire.setStatus(entry.status().code());
            wire.setExternalReply(toWire(entry.externalReply()));
            response.getEntry().add(wire);
        }
        return response;
    }

    /** A person's answer from its own calendar; null stays null. */
    static org.invitations.ws.generated.ExternalReply toWire(org.invitations.invitation.ExternalReply reply) {
        if (reply == null || !reply.isAnswer()) {
            return null;
        }
        org.invitations.ws.generated.ExternalReply wire = new org.invitations.ws.generated.ExternalReply();
        wire.setAnswer(org.invitations.ws.generated.ExternalAnswer.valueOf(reply.answer().name()));
        wire.setComment(reply.comment());
        wire.setReceivedAt(DateTimes.toUtc(reply.receivedAt()));
        return wire;
    }
}
