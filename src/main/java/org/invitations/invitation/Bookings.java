package org.invitations.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.directory.Person;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.Transactions;

/**
 * Writes a new appointment with all its records, all or nothing, for the meeting and the task
 * features alike; each feature checks what is particular to it first. Safe to retry: with a client
 * request id, a create the owner already made under that id (on any node) is answered again, its
 * notifications included, and nothing new is written or sent; the same id with a different request
 * (other data, or other notification options) is refused.
 */
public final class Bookings {

    private static final String LIST = "participants";

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;
    private final ChangePublisher publisher;

    public Bookings(SessionFactory sessionFactory, Clock clock, AuditLog audit, ChangePublisher publisher) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.publisher = publisher;
    }

    /**
     * The owner's master record (unless "don't include myself") and one record per participant.
     * Overlaps with existing bookings are flagged, never refused; a task takes no slot and has none.
     */
    public CreatedMeeting create(Caller owner, NewMeeting meeting, String requestId, String operation,
                                 SendOptions notify) {
        boolean task = meeting.type() == AppointmentType.TASK;
        publisher.requireAvailable(notify, "options/sendSms");
        if (meeting.participants().isEmpty()) {
            throw new InvalidRequest(LIST, "a " + (task ? "task" : "meeting") + " needs at least one participant");
        }
        Participants.validate(owner.associateId(), meeting.participants(), LIST);
        java.time.ZoneId requestedZone = meeting.timeZone() == null ? null
                : org.invitations.shared.TimeZones.parse("timeZone", meeting.timeZone());
        ClientRequest.Key key = requestId == null ? null : new ClientRequest.Key(owner.associateId(), requestId);
        String fingerprint = requestId == null ? null : RequestFingerprint.of(meeting);
        return Transactions.run(sessionFactory, session -> {
            if (key != null) {
                ClientRequest earlier = session.find(ClientRequest.class, key);
                if (earlier != null) {
                    if (!earlier.sameRequest(meeting, notify)) {
                        throw new InvalidRequest("requestId", "requestId " + requestId + " was already used for a"
                                + " different create (other " + (task ? "task" : "meeting") + " data or other"
                                + " options); send a new requestId for a new " + (task ? "task" : "meeting"));
                    }
                    // answered as the first call was, its notifications included; nothing is sent again
                    Appointment made = session.find(Appointment.class, earlier.getAppointmentId());
                    if (made.isSeries()) {
                        Series.occurrencesWithRecords(session, made.getId());
                    }
                    return created(made, earlier.sendReport(ids -> personNames(session, ids)));
                }
            }
            List<ParticipantRef> refs = meeting.participants();
            Participants found = Participants.resolve(session, refs, LIST);
            // before any booking is read: the refusing resources' rows, so that one owner at a time books them
            ResourceRules rules = ResourceRules.lock(session, meeting.type(), found.resources.values());
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i).kind() == ParticipantKind.RESOURCE) {
                    rules.requireRoomFor(refs.get(i).id(), meeting.people(), Participants.place(LIST, i));
                }
            }
            Associate ownerEntity = requestedZone == null ? session.find(Associate.class, owner.associateId())
                    : session.getReference(Associate.class, owner.associateId());
            java.time.ZoneId zone = requestedZone == null ? ownerEntity.getTimeZone() : requestedZone;
            Instant now = clock.instant();
            RecordText text = new RecordText(meeting.title(), meeting.description(), meeting.location());
            Appointment appointment;
            if (meeting.repeats()) {
                SeriesRule rule = Recurrences.expand(meeting.recurrence(), zone, meeting.start(), meeting.end(),
                        meeting.recordsPerOccurrence());
                appointment = Series.create(session, ownerEntity, meeting, text, rule, found, rules, now, LIST);
            } else {
                if (!rules.isEmpty()) {
                    Conflicts.Timeline held = rules.bookings(session, meeting.start(), meeting.end());
                    for (int i = 0; i < refs.size(); i++) {
                        if (refs.get(i).kind() == ParticipantKind.RESOURCE) {
                            rules.requireSlot(refs.get(i).id(), meeting.start(), meeting.end(), now, held, Set.of(),
                                    Participants.place(LIST, i), null);
                        }
                    }
                }
                Conflicts conflicts = task ? Conflicts.none() : Conflicts.check(session, found.associates.keySet(),
                        found.resources.keySet(), meeting.start(), meeting.end(), null);
                appointment = new Appointment(ownerEntity, meeting.type(), text, meeting.start(), meeting.end(), now);
                appointment.writtenIn(zone);
                if (meeting.includeMyself()) {
                    appointment.includeOwner(now);
                }
                for (int i = 0; i < refs.size(); i++) {
                    ParticipantRef ref = refs.get(i);
                    appointment.addParticipant(ref, found, meeting.sendInvitations(),
                            conflicts.isBusy(ref.kind(), ref.id()), now, Participants.field(LIST, i, ref.kind()));
                }
                session.persist(appointment);
            }
            if (appointment.isSeries()) {
                session.flush(); // the occurrences get their ids for the answer
            }
            audit.record(session, owner, operation, "appointment", appointment.getId(),
                    refs.size() + " participants" + (appointment.isSeries() ? ", series of "
                            + appointment.getOccurrences().size() : "")
                            + (requestId == null ? "" : ", requestId " + requestId));
            // one event for a whole series, never one per occurrence
            SendReport sent = publisher.publish(session, ChangeEvent.ofAppointment(
                    EventType.INVITATION_CREATED, appointment, notify, now));
            if (key != null) {
                // after the appointment's rows, which it refers to; a concurrent first try of the same id
                // collides on the key here, and its replay answers with this appointment
                session.flush();
                session.persist(new ClientRequest(key, fingerprint, notify, sent, appointment.getId(), now));
            }
            return created(appointment, sent);
        });
    }

    /**
     * The answer to a create: the appointment's records as they are now, the participants in request order;
     * for a series its own records and every occurrence.
     */
    private static CreatedMeeting created(Appointment appointment, SendReport sent) {
        Long masterId = null;
        List<CreatedMeeting.Outcome> outcomes = new ArrayList<>();
        for (ParticipantRecord record : appointment.getRecords()) {
            if (record.isMaster()) {
                masterId = record.getId();
            } else {
                outcomes.add(CreatedMeeting.Outcome.of(record));
            }
        }
        return new CreatedMeeting(appointment.getId(), masterId, outcomes, sent,
                appointment.isSeries() ? Series.created(appointment) : List.of());
    }

    /** The full names of these persons (who never change), by id. */
    private static Map<Long, String> personNames(Session session, List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        session.createSelectionQuery("from Person p where p.id in :ids", Person.class)
                .setParameter("ids", ids).getResultList()
                .forEach(person -> names.put(person.getId(), person.getFullName()));
        return names;
    }
}
