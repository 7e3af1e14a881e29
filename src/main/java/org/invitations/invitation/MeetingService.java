package org.invitations.invitation;

import org.invitations.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;

/**
 * The owner's side: create, move, update and cancel a meeting, and the Invitations view. Only the
 * owner does these, also when "don't include myself" left no master record. One transaction each.
 */
public final class MeetingService {

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;

    public MeetingService(SessionFactory sessionFactory, Clock clock, AuditLog audit) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Writes the owner's master record (unless "don't include myself") and one record per participant,
     * all or nothing. Associates are invited (5) or, without invitations, booked (1); persons and
     * resources are always booked. Overlaps with existing bookings are flagged, never refused.
     */
    public CreatedMeeting create(Caller owner, NewMeeting meeting) {
        return create(owner, meeting, null);
    }

    /**
     * As {@link #create(Caller, NewMeeting)}, safe to retry: with a client request id, a create the
     * owner already made under that id (on any node) is answered again and nothing new is written; the
     * same id with a different request is refused.
     */
    public CreatedMeeting create(Caller owner, NewMeeting meeting, String requestId) {
        boolean task = meeting.type() == AppointmentType.TASK;
        String list = "participants";
        if (!task) {
            requireOrder(meeting.start(), meeting.end());
        }
        if (meeting.participants().isEmpty()) {
            throw new InvalidRequest(list, "a " + (task ? "task" : "meeting") + " needs at least one participant");
        }
        Participants.validate(owner.associateId(), meeting.participants(), list);
        if (task) {
            Participants.requireAssociates(meeting.participants(), list);
        }
        ClientRequest.Key key = requestId == null ? null : new ClientRequest.Key(owner.associateId(), requestId);
        String hash = requestId == null ? null : fingerprint(meeting);
        return Transactions.run(sessionFactory, session -> {
            if (key != null) {
                ClientRequest earlier = session.find(ClientRequest.class, key);
                if (earlier != null) {
                    if (!earlier.sameRequest(hash)) {
                        throw new InvalidRequest("requestId", "requestId " + requestId + " was already used for a"
                                + " different create; send a new requestId for a new " + (task ? "task" : "meeting"));
                    }
                    return replay(session, earlier.getAppointmentId());
                }
            }
            List<ParticipantRef> refs = meeting.participants();
            Participants found = Participants.resolve(session, refs, list);
            Conflicts conflicts = task ? Conflicts.none() : Conflicts.check(session, found.associates.keySet(),
                    found.resources.keySet(), meeting.start(), meeting.end(), null);
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
                ParticipantRecord record = newRecord(appointment, ref, found, meeting.sendInvitations(),
                        conflicts.isBusy(ref.kind(), ref.id()), now);
                session.persist(record);
                outcomes.add(outcome(record));
            }
            audit.record(session, owner, task ? "CreateTask" : "CreateInvitation", "appointment", appointment.getId(),
                    refs.size() + " participants" + (requestId == null ? "" : ", requestId " + requestId));
            if (key != null) {
                // after the appointment's rows, which it refers to; a concurrent first try of the same id
                // collides on the key here, and its replay answers with this appointment
                session.flush();
                session.persist(new ClientRequest(key, hash, appointment.getId(), now));
            }
            return new CreatedMeeting(appointment.getId(), masterId, outcomes);
        });
    }

    /** The answer to a create made earlier: the same appointment and records, as they are now. */
    private static CreatedMeeting replay(org.hibernate.Session session, long appointmentId) {
        Long masterId = null;
        List<CreatedMeeting.Outcome> outcomes = new ArrayList<>();
        for (ParticipantRecord record : Appointments.records(session, appointmentId)) {
            if (record.isMaster()) {
                masterId = record.getId();
            } else {
                outcomes.add(outcome(record));
            }
        }
        return new CreatedMeeting(appointmentId, masterId, outcomes);
    }

    /** A digest of everything the create asked for, to tell a retry from a different request. */
    private static String fingerprint(NewMeeting meeting) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(meeting.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * New start and end. Every associate invitee who saw or answered is asked again (6); the sequence
     * goes up; conflicts are checked again for the new slot.
     */
    public MeetingState move(Caller owner, long appointmentId, Instant start, Instant end) {
        requireOrder(start, end);
        return moveAny(owner, appointmentId, AppointmentType.MEETING, start, end);
    }

    /** A task's due date moves; colleagues are asked again as for a moved meeting. */
    public MeetingState moveDue(Caller owner, long appointmentId, Instant due) {
        return moveAny(owner, appointmentId, AppointmentType.TASK, due, due);
    }

    private MeetingState moveAny(Caller owner, long appointmentId, AppointmentType type, Instant start,
                                 Instant end) {
        return Transactions.run(sessionFactory, session -> {
            Appointment appointment = Appointments.ownedForChange(session, owner, appointmentId, "move", type);
            appointment.move(start, end);
            List<ParticipantRecord> records = Appointments.records(session, appointmentId);
            Conflicts conflicts = Conflicts.of(session, appointment, records);
            Instant now = clock.instant();
            records.forEach(r -> r.moveTo(start, end, conflicts.isBusy(r), now));
            audit.record(session, owner, type == AppointmentType.TASK ? "MoveTaskDueDate" : "MoveAppointment",
                    "appointment", appointmentId, start + " - " + end);
            return state(appointment, records);
        });
    }

    /** Every record becomes 10; the invitees see it as cancelled until they clean it up. */
    public MeetingState cancel(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            Appointment appointment = Appointments.ownedForChange(session, owner, appointmentId, "cancel", null);
            Instant now = clock.instant();
            List<ParticipantRecord> records = Appointments.records(session, appointmentId);
            if (appointment.cancel(now)) {
                records.forEach(r -> r.cancel(now));
                audit.record(session, owner, "CancelAppointment", "appointment", appointmentId, null);
            }
            return state(appointment, records);
        });
    }

    /**
     * Changes the owner's text and the participants. The text reaches the participants' records only
     * with {@code updateAllRecords}; removed participants' records become 10; a participant removed
     * earlier may be added again.
     */
    public MeetingState update(Caller owner, AppointmentUpdate update) {
        List<ParticipantRef> added = update.add();
        List<ParticipantRef> removed = update.remove();
        Participants.validate(owner.associateId(), added, "addParticipants");
        Participants.validate(owner.associateId(), removed, "removeParticipants");
        for (int i = 0; i < added.size(); i++) {
            if (removed.contains(added.get(i))) {
                throw new InvalidRequest(Participants.field("addParticipants", i, added.get(i).kind()),
                        "a participant cannot be both added and removed in one update");
            }
        }
        return Transactions.run(sessionFactory, session -> {
            Appointment appointment = Appointments.ownedForChange(session, owner, update.appointmentId(), "update", null);
            if (appointment.getType() == AppointmentType.TASK) {
                Participants.requireAssociates(added, "addParticipants");
            }
            appointment.changeText(
                    update.title() == null ? appointment.getTitle() : update.title(),
                    update.description() == null ? appointment.getDescription() : emptyToNull(update.description()),
                    update.location() == null ? appointment.getLocation() : emptyToNull(update.location()));
            List<ParticipantRecord> records = Appointments.records(session, appointment.getId());
            for (ParticipantRecord record : records) {
                if (record.isMaster() || update.updateAllRecords() && record.getStatus() != Status.CANCELLED) {
                    record.copyTextOf(appointment);
                }
            }
            Instant now = clock.instant();
            for (int i = 0; i < removed.size(); i++) {
                ParticipantRef ref = removed.get(i);
                ParticipantRecord record = find(records, ref);
                if (record == null || record.getStatus() == Status.CANCELLED) {
                    throw new InvalidRequest(Participants.field("removeParticipants", i, ref.kind()),
                            Participants.name(ref.kind()) + " " + ref.id() + " is not a participant of appointment "
                                    + appointment.getId());
                }
                record.cancel(now);
            }
            Participants found = Participants.resolve(session, added, "addParticipants");
            Conflicts conflicts = appointment.getType() == AppointmentType.TASK ? Conflicts.none()
                    : Conflicts.check(session, found.associates.keySet(), found.resources.keySet(),
                            appointment.getStartsAt(), appointment.getEndsAt(), appointment.getId());
            for (int i = 0; i < added.size(); i++) {
                ParticipantRef ref = added.get(i);
                boolean busy = conflicts.isBusy(ref.kind(), ref.id());
                ParticipantRecord existing = find(records, ref);
                if (existing == null) {
                    ParticipantRecord record = newRecord(appointment, ref, found, update.sendInvitations(), busy, now);
                    session.persist(record);
                    records.add(record);
                } else if (existing.getStatus() == Status.CANCELLED) {
                    existing.reinstate(update.sendInvitations(), busy, now);
                } else {
                    throw new InvalidRequest(Participants.field("addParticipants", i, ref.kind()),
                            Participants.name(ref.kind()) + " " + ref.id() + " already takes part in appointment "
                                    + appointment.getId());
                }
            }
            audit.record(session, owner, "UpdateAppointment", "appointment", appointment.getId(),
                    "+" + added.size() + " -" + removed.size() + (update.updateAllRecords() ? " all records" : ""));
            return state(appointment, records);
        });
    }

    /** The owner's Invitations view: answers, seen or not, reasons, and conflicts checked now. */
    public ParticipantsView participants(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            Appointment appointment = Appointments.owned(session, owner, appointmentId, "view the participants of",
                    null);
            List<ParticipantRecord> records = session.createSelectionQuery("""
                            from ParticipantRecord r left join fetch r.associate left join fetch r.person
                            left join fetch r.resource
                            where r.appointment.id = :id and r.master = false order by r.id""",
                    ParticipantRecord.class).setParameter("id", appointmentId).getResultList();
            Conflicts conflicts = Conflicts.of(session, appointment, records);
            int declines = 0;
            int unacknowledged = 0;
            List<ParticipantsView.Line> lines = new ArrayList<>();
            for (ParticipantRecord r : records) {
                if (r.getStatus() == Status.DECLINED) {
                    declines++;
                    unacknowledged += r.isDeclineAcknowledged() ? 0 : 1;
                }
                lines.add(new ParticipantsView.Line(r.getId(), r.getKind(), r.getParticipantId(), nameOf(r),
                        r.getStatus(), r.isSeen(), r.getDeclineReason(), r.isDeclineAcknowledged(),
                        r.getAnsweredAt(), conflicts.isBusy(r), r.isInvitationSent()));
            }
            return new ParticipantsView(AppointmentView.of(appointment), declines, unacknowledged, lines);
        });
    }

    /** The owner takes note of a refusal ("accept rejected"). */
    public ParticipantsView.Line acknowledgeDecline(Caller owner, long recordId) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord record = Appointments.forChange(session, recordId);
            if (record == null) {
                throw new NotFound("record", recordId, "recordId");
            }
            if (record.getAppointment().getOwner().getId() != owner.associateId()) {
                throw new NotAllowed("Only the owner of appointment " + record.getAppointment().getId()
                        + " may acknowledge its declines", recordId);
            }
            record.acknowledgeDecline(clock.instant());
            audit.record(session, owner, "AcknowledgeDecline", "record", recordId, null);
            return new ParticipantsView.Line(record.getId(), record.getKind(), record.getParticipantId(),
                    nameOf(record), record.getStatus(), record.isSeen(), record.getDeclineReason(),
                    record.isDeclineAcknowledged(), record.getAnsweredAt(), record.isConflict(),
                    record.isInvitationSent());
        });
    }

    private static ParticipantRecord newRecord(Appointment appointment, ParticipantRef ref, Participants found,
                                               boolean sendInvitations, boolean busy, Instant now) {
        return switch (ref.kind()) {
            case ASSOCIATE -> ParticipantRecord.forAssociate(appointment, found.associates.get(ref.id()),
                    sendInvitations, busy, now);
            case PERSON -> ParticipantRecord.forPerson(appointment, found.persons.get(ref.id()), now);
            case RESOURCE -> ParticipantRecord.forResource(appointment, found.resources.get(ref.id()), busy, now);
        };
    }

    private static ParticipantRecord find(List<ParticipantRecord> records, ParticipantRef ref) {
        for (ParticipantRecord record : records) {
            if (!record.isMaster() && record.getKind() == ref.kind() && record.getParticipantId() == ref.id()) {
                return record;
            }
        }
        return null;
    }

    private static MeetingState state(Appointment appointment, List<ParticipantRecord> records) {
        List<CreatedMeeting.Outcome> outcomes = new ArrayList<>();
        for (ParticipantRecord record : records) {
            if (!record.isMaster()) {
                outcomes.add(outcome(record));
            }
        }
        return new MeetingState(AppointmentView.of(appointment), outcomes);
    }

    static CreatedMeeting.Outcome outcome(ParticipantRecord record) {
        return new CreatedMeeting.Outcome(record.getId(), record.getKind(), record.getParticipantId(),
                record.getStatus(), record.isInvitationSent(), record.isConflict());
    }

    static String nameOf(ParticipantRecord record) {
        return switch (record.getKind()) {
            case ASSOCIATE -> record.getAssociate().getFullName();
            case PERSON -> record.getPerson().getFullName();
            case RESOURCE -> record.getResource().getName();
        };
    }

    private static void requireOrder(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new InvalidRequest("end", "end must be after start");
        }
        if (java.time.Duration.between(start, end).compareTo(Appointment.MAX_LENGTH) > 0) {
            throw new InvalidRequest("end", "a meeting lasts at most " + Appointment.MAX_LENGTH.toDays()
                    + " days; book longer absences as several appointments");
        }
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

}
