package org.invitations.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.ChangeEvent;
import org.invitations.invitation.ParticipantRecord;
import org.invitations.invitation.TimeProposal;

/**
 * The body of a webhook call: one event as JSON. Every event has {@code id} (receivers drop duplicates
 * by it: delivery is at least once), {@code type}, {@code occurredAt}, {@code appointmentId} (with
 * {@code seriesId} for a series, and {@code recurrenceId} too when one occurrence is meant) and, for an
 * event about one participant, {@code recordId} (and {@code scope} for an answer on a series); then what the
 * type needs (see docs/notifications.md); a proposal's events ({@code proposal.made}, {@code proposal.accepted},
 * {@code proposal.declined}) name the proposal, its proposer and the proposed slot.
 */
final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** A new event id and its JSON. */
    static Event of(ChangeEvent change) {
        String id = UUID.randomUUID().toString();
        Appointment a = change.appointment();
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id);
        event.put("type", change.type().wireName());
        event.put("occurredAt", change.at().toString());
        event.put("appointmentId", a.getId());
        event.put("appointmentType", a.getType().name());
        event.put("sequence", a.getSequence());
        if (a.isSeries()) {
            event.put("seriesId", a.getId());
        } else if (a.isOccurrence()) {
            // one occurrence is meant: its series and its original start name it (RECURRENCE-ID)
            event.put("seriesId", a.getSeriesId());
            event.put("recurrenceId", a.getRecurrenceId().toString());
        }
        if (change.splitFrom() != null) {
            // "this and following": the occurrences from here on left that series for this one
            event.put("splitFromSeriesId", change.splitFrom().getId());
        }
        if (change.answerScope() != null) {
            event.put("scope", change.answerScope().name());
        }
        ParticipantRecord record = change.record();
        if (record != null) {
            event.put("recordId", record.getId());
            event.put("associateId", record.getAssociate() == null ? null : record.getAssociate().getId());
            event.put("status", record.getStatus().code());
            switch (change.type()) {
                case INVITATION_DECLINED -> event.put("declineReason", record.getDeclineReason());
                case PROPOSAL_MADE, PROPOSAL_ACCEPTED, PROPOSAL_DECLINED -> {
                    TimeProposal proposal = change.proposal();
                    event.put("proposalId", proposal.getId());
                    event.put("proposerKind", proposal.getProposerKind().name());
                    event.put("proposerId", proposal.getProposerId());
                    event.put("proposedStart", proposal.getStartsAt().toString());
                    event.put("proposedEnd", proposal.getEndsAt().toString());
                    event.put("proposalComment", proposal.getComment());
                    event.put("proposalState", proposal.getState().name());
                }
                case PERSON_REPLIED -> {
                    event.put("personId", record.getPerson().getId());
                    var reply = record.getExternalReply();
                    event.put("answer", reply == null ? null : reply.answer().name());
                    event.put("comment", reply == null ? null : reply.comment());
                }
                case TASK_PROGRESS -> {
                    event.put("percentDone", record.getProgress().percentDone());
                    event.put("hoursSpent", record.getProgress().hoursSpent());
                    event.put("note", record.getProgress().note());
                }
                default -> { }
            }
        } else {
            event.put("ownerId", a.getOwner().getId());
            event.put("title", a.getTitle());
            event.put("start", a.getStartsAt().toString());
            event.put("end", a.getEndsAt().toString());
            event.put("cancelled", a.isCancelled());
            var records = event.putArray("records");
            for (ParticipantRecord r : a.getParticipantRecords()) {
                records.addObject().put("recordId", r.getId()).put("kind", r.getKind().name())
                        .put("participantId", r.getParticipantId()).put("status", r.getStatus().code());
            }
        }
        try {
            return new Event(id, change.type().wireName(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event is plain values and always writes", e);
        }
    }

    record Event(String id, String type, String json) {
    }
}
