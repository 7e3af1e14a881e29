package org.invitations.invitation;

import org.invitations.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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

    private static final String ADDED = "addParticipants";
    private static final String REMOVED = "removeParticipants";

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;
    private final Bookings bookings;
    private final ChangePublisher publisher;

    public MeetingService(SessionFactory sessionFactory, Clock clock, AuditLog audit) {
        this(sessionFactory, clock, audit, ChangePublisher.NONE);
    }

    public MeetingService(SessionFactory sessionFactory, Clock clock, AuditLog audit, ChangePublisher publisher) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.publisher = publisher;
        this.bookings = new Bookings(sessionFactory, clock, audit, publisher);
    }

    /**
     * Writes the owner's master record (unless "don't include myself") and one record per participant,
     * all or nothing; see {@link Bookings}. Associates are invited (5) or, without invitations, booked
     * (1); persons and resources are always booked. Overlaps are flagged, never refused.
     */
    public CreatedMeeting create(Caller owner, NewMeeting meeting, String requestId) {
        return create(owner, meeting, requestId, SendOptions.NONE);
    }

    /** As {@link #create(Caller, NewMeeting, String)}, with confirmations and SMS to external persons. */
    public CreatedMeeting create(Caller owner, NewMeeting meeting, String requestId, SendOptions notify) {
        Appointment.requireSlot(meeting.start(), meeting.end());
        return bookings.create(owner, meeting, requestId, "CreateInvitation", notify);
    }

    /**
     * New start and end. Every associate invitee who saw or answered is asked again (6); the sequence
     * goes up; conflicts are checked again for the new slot.
     */
    public MeetingState move(Caller owner, long appointmentId, Instant start, Instant end) {
        return move(owner, appointmentId, start, end, SendOptions.NONE);
    }

    /** As {@link #move(Caller, long, Instant, Instant)}; confirmations carry the next SEQUENCE. */
    public MeetingState move(Caller owner, long appointmentId, Instant start, Instant end, SendOptions notify) {
        return move(owner, appointmentId, start, end, notify, ChangeScope.DEFAULT);
    }

    /**
     * As {@link #move(Caller, long, Instant, Instant, SendOptions)}, for a series with a scope: one
     * occurrence moves as a single meeting does; the whole series takes the new local time of day and length
     * on every occurrence not cancelled (same local date only); "this and following" splits the series
     * there and moves the new one, which the answer shows.
     */
    public MeetingState move(Caller owner, long appointmentId, Instant start, Instant end, SendOptions notify,
                             ChangeScope scope) {
        Appointment.requireSlot(start, end);
        publisher.requireAvailable(notify, "notify/sendSms");
        return Transactions.run(sessionFactory, session -> {
            SeriesChanges.Target target = SeriesChanges.target(session, owner, appointmentId, scope, "move",
                    AppointmentType.MEETING);
            Instant now = clock.instant();
            if (target.single()) {
                Appointment appointment = target.appointment();
                ResourceRules.forMove(session, appointment, start, end, now);
                appointment.moveTo(start, end, moved -> Conflicts.of(session, moved), now);
                audit.record(session, owner, "MoveAppointment", "appointment", appointmentId, start + " - " + end);
                return MeetingState.of(appointment, publisher.publish(session, ChangeEvent.ofAppointment(
                        EventType.APPOINTMENT_MOVED, appointment, notify, now)));
            }
            SeriesChanges.Change change = SeriesChanges.move(session, target, start, end, now);
            audit.record(session, owner, "MoveAppointment", "appointment", appointmentId, start + " - " + end
                    + ", " + target.scope() + ": " + change.detail());
            return MeetingState.of(change.appointment(), publisher.publish(session, ChangeEvent.ofAppointment(
                    EventType.APPOINTMENT_MOVED, change.appointment(), notify, now).splitFrom(change.splitFrom())),
                    change.occurrences());
        });
    }

    /** Every record becomes 10; the invitees see it as cancelled until they clean it up. */
    public MeetingState cancel(Caller owner, long appointmentId) {
        return cancel(owner, appointmentId, SendOptions.NONE);
    }

    /** As {@link #cancel(Caller, long)}; confirmations are METHOD:CANCEL. A retried cancel sends nothing. */
    public MeetingState cancel(Caller owner, long appointmentId, SendOptions notify) {
        return cancel(owner, appointmentId, notify, ChangeScope.DEFAULT);
    }

    /**
     * As {@link #cancel(Caller, long, SendOptions)}, for a series with a scope: one occurrence (its records
     * 10, the series goes on), this and the following ones (the rule ends just before), or the series and
     * every occurrence. A retried cancel changes and sends nothing.
     */
    public MeetingState cancel(Caller owner, long appointmentId, SendOptions notify, ChangeScope scope) {
        publisher.requireAvailable(notify, "notify/sendSms");
        return Transactions.run(sessionFactory, session -> {
            SeriesChanges.Target target = SeriesChanges.target(session, owner, appointmentId, scope, "cancel", null);
            Instant now = clock.instant();
            SendReport sent = SendReport.NONE;
            if (target.single()) {
                Appointment appointment = target.appointment();
                if (appointment.cancel(now)) {
                    audit.record(session, owner, "CancelAppointment", "appointment", appointmentId, null);
                    sent = publisher.publish(session, ChangeEvent.ofAppointment(EventType.APPOINTMENT_CANCELLED,
                            appointment, notify, now));
                }
                return MeetingState.of(appointment, sent);
            }
            SeriesChanges.Change change = SeriesChanges.cancel(target, now);
            if (change.changed()) {
                audit.record(session, owner, "CancelAppointment", "appointment", appointmentId,
                        target.scope() + ": " + change.detail());
                sent = publisher.publish(session, ChangeEvent.ofAppointment(EventType.APPOINTMENT_CANCELLED,
                        change.appointment(), notify, now));
            }
            return MeetingState.of(change.appointment(), sent, change.occurrences());
        });
    }

    /**
     * Changes the owner's text and the participants. The text reaches the participants' records only
     * with {@code updateAllRecords}; removed participants' records become 10; a participant removed
     * earlier may be added again.
     */
    public MeetingState update(Caller owner, AppointmentUpdate update) {
        return update(owner, update, SendOptions.NONE);
    }

    /** As {@link #update(Caller, AppointmentUpdate)}; persons removed get a CANCEL, the others a new REQUEST. */
    public MeetingState update(Caller owner, AppointmentUpdate update, SendOptions notify) {
        return update(owner, update, notify, ChangeScope.DEFAULT);
    }

    /**
     * As {@link #update(Caller, AppointmentUpdate, SendOptions)}, for a series with a scope: one occurrence
     * (as a single appointment; the records it adds or removes no longer follow the series), the whole
     * series (the series and every occurrence not cancelled; an added participant gets the series'
     * invitation and a record on each occurrence), or this and the following ones (split first).
     */
    public MeetingState update(Caller owner, AppointmentUpdate update, SendOptions notify, ChangeScope scope) {
        publisher.requireAvailable(notify, "notify/sendSms");
        List<ParticipantRef> added = update.add();
        List<ParticipantRef> removed = update.remove();
        Participants.validate(owner.associateId(), added, ADDED);
        Participants.validate(owner.associateId(), removed, REMOVED);
        for (int i = 0; i < added.size(); i++) {
            if (removed.contains(added.get(i))) {
                throw new InvalidRequest(Participants.field(ADDED, i, added.get(i).kind()),
                        "a participant cannot be both added and removed in one update");
            }
        }
        return Transactions.run(sessionFactory, session -> {
            SeriesChanges.Target target = SeriesChanges.target(session, owner, update.appointmentId(), scope, "update",
                    null);
            if (!target.single() && target.scope() != Scope.OCCURRENCE) {
                Instant now = clock.instant();
                Set<Long> resources = new HashSet<>(target.appointment().takingPart(ParticipantKind.RESOURCE));
                resources.addAll(Participants.idsOf(added, ParticipantKind.RESOURCE));
                ResourceRules rules = ResourceRules.lockIds(session, target.appointment().getType(), resources);
                SeriesChanges.Change change = SeriesChanges.updateSeries(session, target, update, ADDED, REMOVED,
                        rules, now);
                audit.record(session, owner, "UpdateAppointment", "appointment", update.appointmentId(),
                        "+" + added.size() + " -" + removed.size() + (update.updateAllRecords() ? " all records" : "")
                                + ", " + target.scope() + ": " + change.detail());
                return MeetingState.of(change.appointment(), publisher.publish(session,
                        ChangeEvent.ofUpdate(change.appointment(), notify, change.removed(), now)
                                .splitFrom(change.splitFrom())),
                        change.occurrences());
            }
            Appointment appointment = target.appointment();
            boolean onItsOwn = appointment.isOccurrence();
            appointment.changeText(appointment.getText().changedBy(update.title(), update.description(),
                    update.location()), update.updateAllRecords());
            Instant now = clock.instant();
            List<ParticipantRecord> left = new java.util.ArrayList<>();
            for (int i = 0; i < removed.size(); i++) {
                ParticipantRef ref = removed.get(i);
                left.add(appointment.removeParticipant(ref, now, Participants.field(REMOVED, i, ref.kind())));
            }
            if (onItsOwn) {
                left.forEach(ParticipantRecord::leaveSeries);
            }
            Participants found = Participants.resolve(session, added, ADDED);
            Set<Long> resources = new HashSet<>(appointment.takingPart(ParticipantKind.RESOURCE));
            resources.addAll(found.resources.keySet());
            ResourceRules rules = ResourceRules.lockIds(session, appointment.getType(), resources);
            if (!rules.isEmpty()) {
                Conflicts.Timeline held = rules.bookings(session, appointment.getStartsAt(), appointment.getEndsAt());
                for (int i = 0; i < added.size(); i++) {
                    if (added.get(i).kind() == ParticipantKind.RESOURCE) {
                        rules.requireSlot(added.get(i).id(), appointment.getStartsAt(), appointment.getEndsAt(), now,
                                held, Set.of(appointment.getId()), Participants.place(ADDED, i), null);
                    }
                }
            }
            Conflicts conflicts = Conflicts.check(session, appointment, found);
            for (int i = 0; i < added.size(); i++) {
                ParticipantRef ref = added.get(i);
                ParticipantRecord joined = appointment.addParticipant(ref, found, update.sendInvitations(),
                        conflicts.isBusy(ref.kind(), ref.id()), now, Participants.field(ADDED, i, ref.kind()));
                if (onItsOwn) {
                    joined.leaveSeries(); // asked for this occurrence alone: its own invitation
                }
            }
            rules.requireRoomFor(appointment, added, ADDED);
            session.flush(); // the new records get their ids (cascaded from the appointment)
            audit.record(session, owner, "UpdateAppointment", "appointment", appointment.getId(),
                    "+" + added.size() + " -" + removed.size() + (update.updateAllRecords() ? " all records" : ""));
            return MeetingState.of(appointment, publisher.publish(session,
                    ChangeEvent.ofUpdate(appointment, notify, left, now)),
                    onItsOwn ? List.of(appointment) : List.of());
        });
    }

    /**
     * The owner's Invitations view: answers, seen or not, reasons, and conflicts checked now. On a series,
     * one line per participant from the series' records, each with its exceptions (the occurrences it
     * answered, or that were moved or cancelled, on their own); declines count the exceptions too. An
     * occurrence is viewed as a single meeting. Each line lists its participant's proposals of another time,
     * newest first, all read in one query.
     */
    public ParticipantsView participants(Caller owner, long appointmentId) {
        return Transactions.run(sessionFactory, session -> {
            Appointment appointment = Appointments.owned(session, owner, appointmentId, "view the participants of",
                    null);
            List<ParticipantRecord> records = InvitationQueries.participants(session, appointmentId);
            boolean series = appointment.isSeries();
            // a series' slot is its first occurrence's, which its own accepted records fill: its records keep
            // the flag written when some occurrence clashed instead
            Conflicts conflicts = series ? null : Conflicts.of(session, appointment);
            java.util.Map<String, List<ParticipantsView.OccurrenceAnswer>> exceptions = new java.util.HashMap<>();
            if (series) {
                for (ParticipantRecord r : InvitationQueries.exceptions(session, appointmentId)) {
                    exceptions.computeIfAbsent(r.getKind() + ":" + r.getParticipantId(), k -> new ArrayList<>())
                            .add(ParticipantsView.OccurrenceAnswer.of(r));
                }
            }
            java.util.Map<String, List<ProposalView>> proposals = new java.util.HashMap<>();
            for (TimeProposal p : Proposals.forView(session, appointment)) {
                proposals.computeIfAbsent(p.getProposerKind() + ":" + p.getProposerId(), k -> new ArrayList<>())
                        .add(ProposalView.of(p));
            }
            int declines = 0;
            int unacknowledged = 0;
            List<ParticipantsView.Line> lines = new ArrayList<>();
            for (ParticipantRecord r : records) {
                List<ParticipantsView.OccurrenceAnswer> own =
                        exceptions.getOrDefault(r.getKind() + ":" + r.getParticipantId(), List.of());
                if (r.getStatus() == Status.DECLINED) {
                    declines++;
                    unacknowledged += r.isDeclineAcknowledged() ? 0 : 1;
                }
                for (ParticipantsView.OccurrenceAnswer e : own) {
                    if (e.status() == Status.DECLINED) {
                        declines++;
                        unacknowledged += e.declineAcknowledged() ? 0 : 1;
                    }
                }
                lines.add(new ParticipantsView.Line(r.getId(), r.getKind(), r.getParticipantId(), nameOf(r),
                        r.getStatus(), r.isSeen(), r.getDeclineReason(), r.isDeclineAcknowledged(),
                        r.getAnsweredAt(), series ? r.isConflict() : conflicts.isBusy(r), r.isInvitationSent(), own,
                        proposals.getOrDefault(r.getKind() + ":" + r.getParticipantId(), List.of()),
                        r.getExternalReply()));
            }
            return new ParticipantsView(AppointmentView.of(appointment), declines, unacknowledged, lines);
        });
    }

    /** The owner takes note of a refusal ("accept rejected"). */
    public ParticipantsView.Line acknowledgeDecline(Caller owner, long recordId) {
        return acknowledgeDecline(owner, recordId, null);
    }

    /**
     * As {@link #acknowledgeDecline(Caller, long)}; with {@code recurrenceId} on a series' record, the refusal
     * of that one occurrence by the same participant.
     */
    public ParticipantsView.Line acknowledgeDecline(Caller owner, long recordId, Instant recurrenceId) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord named = Appointments.forChange(session, recordId);
            if (named == null) {
                throw new NotFound("record", recordId, "recordId");
            }
            if (named.getAppointment().getOwner().getId() != owner.associateId()) {
                throw new NotAllowed("Only the owner of appointment " + named.getAppointment().getId()
                        + " may acknowledge its declines", recordId);
            }
            ParticipantRecord record = recurrenceId == null ? named
                    : SeriesAnswers.occurrenceRecord(session, named, recurrenceId);
            record.getAppointment().acknowledgeDecline(record, clock.instant());
            audit.record(session, owner, "AcknowledgeDecline", "record", record.getId(),
                    recurrenceId == null ? null : "occurrence " + recurrenceId);
            return new ParticipantsView.Line(record.getId(), record.getKind(), record.getParticipantId(),
                    nameOf(record), record.getStatus(), record.isSeen(), record.getDeclineReason(),
                    record.isDeclineAcknowledged(), record.getAnsweredAt(), record.isConflict(),
                    record.isInvitationSent());
        });
    }

    static String nameOf(ParticipantRecord record) {
        return switch (record.getKind()) {
            case ASSOCIATE -> record.getAssociate().getFullName();
            case PERSON -> record.getPerson().getFullName();
            case RESOURCE -> record.getResource().getName();
        };
    }

}
