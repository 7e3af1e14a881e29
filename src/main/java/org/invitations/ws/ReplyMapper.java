package org.invitations.ws;

import org.invitations.reply.CalendarReply;
import org.invitations.ws.generated.ExternalAnswer;
import org.invitations.ws.generated.ReplyOutcome;

/** A recorded calendar message on the wire. */
final class ReplyMapper {

    private ReplyMapper() {
    }

    static org.invitations.ws.generated.CalendarReply toWire(CalendarReply reply) {
        org.invitations.ws.generated.CalendarReply wire = new org.invitations.ws.generated.CalendarReply();
        wire.setReplyId(reply.getId());
        wire.setReceivedAt(DateTimes.toUtc(reply.getReceivedAt()));
        wire.setSource(reply.getSource().name());
        wire.setOutcome(ReplyOutcome.valueOf(reply.getOutcome().name()));
        wire.setReason(reply.getReason());
        wire.setMethod(reply.getMethod());
        wire.setUid(reply.getUid());
        wire.setAttendee(reply.getAttendee());
        wire.setSequence(reply.getSequence());
        wire.setAppointmentId(reply.getAppointmentId());
        wire.setPersonId(reply.getPersonId());
        wire.setAnswer(reply.getAnswer() == null ? null : ExternalAnswer.valueOf(reply.getAnswer().name()));
        wire.setProposalId(reply.getProposalId());
        return wire;
    }
}
