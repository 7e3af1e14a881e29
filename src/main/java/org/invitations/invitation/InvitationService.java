package org.invitations.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;
import org.invitations.directory.Associate;
import org.invitations.directory.Person;
import org.invitations.directory.Resource;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;

/** Creates meetings and answers invitations; each public method is one transaction. */
public final class InvitationService {

    private final SessionFactory sessionFactory;
    private final Clock clock;

    public InvitationService(SessionFactory sessionFactory, Clock clock) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
    }

    /**
     * Writes the owner's master record (unless "don't include myself") and one record per participant,
     * all or nothing. Associates are invited (5) or, without invitations, booked (1); persons and
     * resources are always booked. Overlaps with existing bookings are flagged, never refused.
     */
    public CreatedMeeting createMeeting(Caller owner, NewMeeting meeting) {
        validate(owner, meeting);
        return sessionFactory.fromTransaction(session -> {
            List<ParticipantRef> refs = meeting.participants();
            Map<Long, Associate> associates = load(session, Associate.class, idsOf(refs, ParticipantKind.ASSOCIATE));
            Map<Long, Person> persons = load(session, Person.class, idsOf(refs, ParticipantKind.PERSON));
            Map<Long, Resource> resources = load(session, Resource.class, idsOf(refs, ParticipantKind.RESOURCE));
            for (int i = 0; i < refs.size(); i++) {
                ParticipantRef ref = refs.get(i);
                Map<Long, ?> found = switch (ref.kind()) {
                    case ASSOCIATE -> associates;
                    case PERSON -> persons;
                    case RESOURCE -> resources;
                };
                if (!found.containsKey(ref.id())) {
                    throw new NotFound(ref.kind().name().toLowerCase(), ref.id(), participantField(i, ref.kind()));
                }
            }
            Set<Long> busyAssociates = busy(session, "associate", associates.keySet(), meeting.start(), meeting.end());
            Set<Long> busyResources = busy(session, "resource", resources.keySet(), meeting.start(), meeting.end());

            Instant now = clock.instant();
            Appointment appointment = new Appointment(session.getReference(Associate.class, owner.associateId()),
                    meeting.type(), meeting.title(), meeting.description(), meeting.location(),
                    meeting.start(), meeting.end(), now);
            session.persist(appointment);
            Long masterId = null;
            if (meeting.includeMyself()) {
                ParticipantRecord master = ParticipantRecord.master(appointment, now);
                session.persist(master);
                masterId = master.getId();
            }
            List<CreatedMeeting.Outcome> outcomes = new ArrayList<>(refs.size());
            for (ParticipantRef ref : refs) {
                ParticipantRecord record = switch (ref.kind()) {
                    case ASSOCIATE -> ParticipantRecord.forAssociate(appointment, associates.get(ref.id()),
                            meeting.sendInvitations(), busyAssociates.contains(ref.id()), now);
                    case PERSON -> ParticipantRecord.forPerson(appointment, persons.get(ref.id()), now);
                    case RESOURCE -> ParticipantRecord.forResource(appointment, resources.get(ref.id()),
                            busyResources.contains(ref.id()), now);
                };
                session.persist(record);
                outcomes.add(new CreatedMeeting.Outcome(record.getId(), ref.kind(), ref.id(), record.getStatus(),
                        record.isInvitationSent(), record.isConflict()));
            }
            return new CreatedMeeting(appointment.getId(), masterId, outcomes);
        });
    }

    /**
     * An associate's invitations, ordered by start and then record id, one page at a time. Only an
     * admin may list another associate's invitations.
     */
    public Page<InvitationView> invitations(Caller caller, InvitationQuery query) {
        long who = query.associateId() == null ? caller.associateId() : query.associateId();
        if (who != caller.associateId() && !caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may list another associate's invitations; leave associateId out"
                    + " to list your own", who);
        }
        if (query.from() != null && query.to() != null && !query.to().isAfter(query.from())) {
            throw new InvalidRequest("to", "to must be after from");
        }
        Set<Status> statuses = query.statuses().isEmpty() ? Status.PENDING : query.statuses();
        return sessionFactory.fromTransaction(session -> {
            if (who != caller.associateId() && session.find(Associate.class, who) == null) {
                throw new NotFound("associate", who, "associateId");
            }
            StringBuilder hql = new StringBuilder("""
                    select new org.invitations.invitation.InvitationView(
                        r.id, a.id, a.type, a.title, a.location, r.startsAt, r.endsAt, o.id, o.fullName, r.status)
                    from ParticipantRecord r join r.appointment a join a.owner o
                    where r.associate.id = :who and r.status in :statuses and r.master = false""");
            if (query.from() != null) {
                hql.append(" and r.startsAt >= :from");
            }
            if (query.to() != null) {
                hql.append(" and r.startsAt < :to");
            }
            if (query.after() != null) {
                hql.append(" and (r.startsAt > :afterStart or (r.startsAt = :afterStart and r.id > :afterId))");
            }
            hql.append(" order by r.startsAt, r.id");
            SelectionQuery<InvitationView> q = session.createSelectionQuery(hql.toString(), InvitationView.class)
                    .setParameter("who", who)
                    .setParameterList("statuses", statuses)
                    .setMaxResults(query.pageSize() + 1);
            if (query.from() != null) {
                q.setParameter("from", query.from());
            }
            if (query.to() != null) {
                q.setParameter("to", query.to());
            }
            if (query.after() != null) {
                q.setParameter("afterStart", query.after().start()).setParameter("afterId", query.after().id());
            }
            return Page.of(q.getResultList(), query.pageSize(), v -> new PageToken(v.start(), v.recordId()));
        });
    }

    /**
     * The invitee accepts its own record: 5, 6, 7, 8 and 9 become 1; a cancelled meeting cannot be
     * accepted. No one accepts for someone else, the owner included.
     */
    public Answer accept(Caller caller, long recordId) {
        return sessionFactory.fromTransaction(session -> {
            ParticipantRecord record = session.createSelectionQuery("""
                            from ParticipantRecord r join fetch r.appointment a join fetch a.owner
                            where r.id = :id""", ParticipantRecord.class)
                    .setParameter("id", recordId)
                    .getSingleResultOrNull();
            if (record == null) {
                throw new NotFound("invitation record", recordId, "recordId");
            }
            if (!record.isFor(caller.associateId())) {
                throw new NotAllowed("Only the invitee may answer record " + recordId
                        + "; it is not addressed to " + caller.username(), recordId);
            }
            record.accept(clock.instant());
            return new Answer(record.getId(), record.getStatus(), AppointmentView.of(record.getAppointment()));
        });
    }

    private static void validate(Caller owner, NewMeeting meeting) {
        if (meeting.type() != AppointmentType.MEETING) {
            throw new InvalidRequest("type", "type " + meeting.type() + " is not supported yet; use MEETING");
        }
        if (!meeting.end().isAfter(meeting.start())) {
            throw new InvalidRequest("end", "end must be after start");
        }
        List<ParticipantRef> refs = meeting.participants();
        if (refs.isEmpty()) {
            throw new InvalidRequest("participants", "a meeting needs at least one participant");
        }
        Set<ParticipantRef> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            ParticipantRef ref = refs.get(i);
            if (!seen.add(ref)) {
                throw new InvalidRequest(participantField(i, ref.kind()),
                        ref.kind().name().toLowerCase() + " " + ref.id() + " is listed twice; list each participant once");
            }
            if (ref.kind() == ParticipantKind.ASSOCIATE && ref.id() == owner.associateId()) {
                throw new InvalidRequest(participantField(i, ref.kind()),
                        "the owner is not listed as a participant; includeMyself decides whether the owner's record is written");
            }
        }
    }

    private static String participantField(int index, ParticipantKind kind) {
        String element = switch (kind) {
            case ASSOCIATE -> "associateId";
            case PERSON -> "personId";
            case RESOURCE -> "resourceId";
        };
        return "participants/participant[" + (index + 1) + "]/" + element;
    }

    private static Set<Long> idsOf(List<ParticipantRef> refs, ParticipantKind kind) {
        return refs.stream().filter(r -> r.kind() == kind).map(ParticipantRef::id).collect(Collectors.toSet());
    }

    private static <T> Map<Long, T> load(Session session, Class<T> type, Collection<Long> ids) {
        Map<Long, T> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            for (T entity : session.findMultiple(type, List.copyOf(ids))) {
                if (entity != null) {
                    byId.put((Long) session.getIdentifier(entity), entity);
                }
            }
        }
        return byId;
    }

    /** Which of these associates or resources already have a booking that overlaps [start, end). */
    private static Set<Long> busy(Session session, String role, Set<Long> ids, Instant start, Instant end) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<Long> rows = session.createSelectionQuery(
                        "select distinct r." + role + ".id from ParticipantRecord r where r." + role + ".id in :ids"
                                + " and r.status in :busy and r.startsAt < :end and r.endsAt > :start", Long.class)
                .setParameterList("ids", ids)
                .setParameterList("busy", Status.BUSY)
                .setParameter("start", start)
                .setParameter("end", end)
                .getResultList();
        return new HashSet<>(rows);
    }
}
