package org.invitations.invitation;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.invitations.shared.NotFound;

/**
 * An invitee's answer on a series, with its scope. SERIES: the participant's series record and every
 * not-cancelled occurrence record of that participant take the answer and follow the series again; FOLLOWING:
 * the named occurrence's record and every later one's, each on its own from then on; OCCURRENCE: the named
 * one's only. The named record takes the answer or refuses it with the usual fault; the others in scope that
 * cannot take it (cancelled, or a finished task that cannot be declined) are skipped. The caller holds the
 * lock of the series appointment for SERIES and FOLLOWING, and of the occurrence for OCCURRENCE.
 */
final class SeriesAnswers {

    /** One answer on one record, given through its appointment; true when it changed anything. */
    @FunctionalInterface
    interface Change {
        boolean apply(Appointment appointment, ParticipantRecord record, Instant now);
    }

    /**
     * The record the answer names (the series' record for SERIES) with its status before, and how many
     * occurrence records changed.
     */
    record Outcome(ParticipantRecord target, Status before, boolean targetChanged, Scope scope,
                   int occurrencesChanged) {

        /** Whether the answer changed anything at all: a retried answer tells nobody. */
        boolean changed() {
            return targetChanged || occurrencesChanged > 0;
        }
    }

    private SeriesAnswers() {
    }

    /**
     * The series id of an occurrence's record, read without a lock, so that an answer for the series or the
     * following occurrences can lock the series before the occurrence; null for any other record.
     */
    static Long seriesOfOccurrenceRecord(Session session, long recordId) {
        return session.createSelectionQuery("select r.appointment.series.id from ParticipantRecord r where r.id = :id",
                        Long.class)
                .setParameter("id", recordId)
                .getSingleResultOrNull();
    }

    /**
     * The answer on {@code record} (a series' record or an occurrence's, the caller's own) with the target's
     * recurrenceId and scope, defaulted as the contract says.
     *
     * @param reply an answer proper (accept, tentative, decline), which an answer for the series gives every
     *              occurrence; seen and postpone reach only the occurrence records that still follow the series
     */
    static Outcome answer(Session session, ParticipantRecord record, AnswerTarget target, boolean reply, Change change,
                          Instant now) {
        Appointment appointment = record.getAppointment();
        Appointment series = appointment.isSeries() ? appointment : appointment.getSeries();
        Instant named = target.recurrenceId();
        if (appointment.isOccurrence()) {
            if (named != null && !named.equals(appointment.getRecurrenceId())) {
                throw new InvalidRequest("recurrenceId", "record " + record.getId() + " is the record of occurrence "
                        + appointment.getRecurrenceId() + " of series " + series.getId() + ", not of " + named
                        + "; leave recurrenceId out, or answer on the series' record");
            }
            named = appointment.getRecurrenceId();
        }
        Scope scope = target.scope() != null ? target.scope()
                : appointment.isSeries() && named == null ? Scope.SERIES : Scope.OCCURRENCE;
        if (scope != Scope.SERIES && named == null) {
            throw new InvalidRequest("recurrenceId", "scope " + scope + " needs the occurrence: give its recurrenceId"
                    + " (its original start), or answer on the occurrence's own record");
        }
        long who = record.getAssociate().getId();
        return switch (scope) {
            case OCCURRENCE -> {
                ParticipantRecord own = appointment.isOccurrence() ? record
                        : recordIn(occurrence(session, series, named), who, named);
                Status before = own.getStatus();
                boolean changed = change.apply(own.getAppointment(), own, now);
                yield new Outcome(own, before, changed, scope, changed ? 1 : 0);
            }
            case FOLLOWING -> following(session, series, who, named, change, now);
            case SERIES -> whole(session, series, record, who, named, reply, change, now);
        };
    }

    /** The named occurrence and every later one, each on its own from now on. */
    private static Outcome following(Session session, Appointment series, long who, Instant named, Change change,
                                     Instant now) {
        List<ParticipantRecord> records = recordsOf(session, series.getId(), who);
        ParticipantRecord target = records.stream()
                .filter(r -> r.getAppointment().getRecurrenceId().equals(named))
                .findFirst()
                .orElseThrow(() -> noOccurrence(session, series, named, who));
        Status before = target.getStatus();
        int changed = change.apply(target.getAppointment(), target, now) ? 1 : 0;
        for (ParticipantRecord r : records) {
            if (r.getAppointment().getRecurrenceId().isAfter(named) && tryApply(r, change, now) == Applied.CHANGED) {
                changed++;
            }
        }
        return new Outcome(target, before, changed > 0, Scope.FOLLOWING, changed);
    }

    /** The series' record, then every occurrence record of the participant, which follow the series again. */
    private static Outcome whole(Session session, Appointment series, ParticipantRecord record, long who,
                                 Instant named, boolean reply, Change change, Instant now) {
        ParticipantRecord seriesRecord = record.getAppointment().isSeries() ? record : series.getRecords().stream()
                .filter(r -> !r.isMaster() && r.isFor(who))
                .findFirst()
                .orElseThrow(() -> new InvalidRequest("scope", "record " + record.getId() + " is of one occurrence"
                        + " only: its associate takes no part in the whole series " + series.getId()
                        + "; answer with scope OCCURRENCE or FOLLOWING"));
        List<ParticipantRecord> records = recordsOf(session, series.getId(), who);
        if (named != null && records.stream().noneMatch(r -> r.getAppointment().getRecurrenceId().equals(named))) {
            throw noOccurrence(session, series, named, who);
        }
        Status before = seriesRecord.getStatus();
        boolean seriesChanged = change.apply(series, seriesRecord, now);
        int changed = 0;
        for (ParticipantRecord r : records) {
            boolean following = r.isFollowsSeries();
            if (!reply && !following) {
                continue;
            }
            Applied applied = tryApply(r, change, now);
            if (applied == Applied.SKIPPED) {
                continue;
            }
            r.followSeries();
            if (applied == Applied.CHANGED || !following) {
                changed++;
            }
        }
        return new Outcome(seriesRecord, before, seriesChanged, Scope.SERIES, changed);
    }

    /** What became of a record in scope that the invitee did not name. */
    private enum Applied { CHANGED, UNCHANGED, SKIPPED }

    /**
     * The answer on a record in scope that the invitee did not name: skipped when its occurrence or the record
     * was cancelled, or when the record cannot take this answer (a completed task cannot be declined).
     */
    private static Applied tryApply(ParticipantRecord r, Change change, Instant now) {
        if (r.getAppointment().isCancelled() || r.getStatus() == Status.CANCELLED) {
            return Applied.SKIPPED;
        }
        try {
            return change.apply(r.getAppointment(), r, now) ? Applied.CHANGED : Applied.UNCHANGED;
        } catch (InvalidTransition | InvalidRequest cannot) {
            return Applied.SKIPPED;
        }
    }

    /**
     * One associate's records on the occurrences of a series, with their occurrences, in recurrence order: one
     * query, however many occurrences and participants the series has.
     */
    static List<ParticipantRecord> recordsOf(Session session, long seriesId, long associateId) {
        return session.createSelectionQuery("""
                        from ParticipantRecord r join fetch r.appointment o
                        where o.series.id = :series and r.participantKey = :who and r.master = false
                        order by o.recurrenceId""", ParticipantRecord.class)
                .setParameter("series", seriesId)
                .setParameter("who", ParticipantRecord.keyOf(ParticipantKind.ASSOCIATE, associateId))
                .getResultList();
    }

    /**
     * The same participant's record on the occurrence named by {@code recurrenceId}, given the series' record
     * (or the occurrence's own, named again), its occurrence locked after the series: what the owner
     * acknowledges when one occurrence was declined.
     */
    static ParticipantRecord occurrenceRecord(Session session, ParticipantRecord named, Instant recurrenceId) {
        Appointment appointment = named.getAppointment();
        if (appointment.isOccurrence() && recurrenceId.equals(appointment.getRecurrenceId())) {
            return named;
        }
        if (!appointment.isSeries()) {
            throw new InvalidRequest("recurrenceId", "record " + named.getId() + " is not a series' record; leave"
                    + " recurrenceId out, or name the series' record");
        }
        Appointment occurrence = occurrence(session, appointment, recurrenceId);
        return occurrence.getRecords().stream()
                .filter(r -> !r.isMaster() && r.getKind() == named.getKind()
                        && r.getParticipantId() == named.getParticipantId())
                .findFirst()
                .orElseThrow(() -> new InvalidRequest("recurrenceId", "participant " + named.getParticipantId()
                        + " takes no part in occurrence " + recurrenceId + " of series " + appointment.getId()));
    }

    /** The occurrence of a series named by its recurrenceId, locked (after its series, which the caller holds). */
    private static Appointment occurrence(Session session, Appointment series, Instant recurrenceId) {
        Long id = Series.occurrenceId(session, series.getId(), recurrenceId);
        if (id == null) {
            throw notFound(series, recurrenceId);
        }
        return Appointments.locked(session, id);
    }

    private static ParticipantRecord recordIn(Appointment occurrence, long who, Instant recurrenceId) {
        return occurrence.getRecords().stream()
                .filter(r -> !r.isMaster() && r.isFor(who))
                .findFirst()
                .orElseThrow(() -> new InvalidRequest("recurrenceId", "associate " + who + " takes no part in occurrence "
                        + recurrenceId + " of series " + occurrence.getSeriesId()));
    }

    /** No record of the participant at that recurrenceId: the occurrence does not exist, or they are not in it. */
    private static RuntimeException noOccurrence(Session session, Appointment series, Instant named, long who) {
        Long id = Series.occurrenceId(session, series.getId(), named);
        return id == null ? notFound(series, named) : new InvalidRequest("recurrenceId", "associate " + who
                + " takes no part in occurrence " + named + " of series " + series.getId());
    }

    static NotFound notFound(Appointment series, Instant recurrenceId) {
        return new NotFound("Series " + series.getId() + " has no occurrence with recurrenceId " + recurrenceId
                + " (recurrenceId): an occurrence is named by its original start, as the series' occurrences list it",
                "recurrenceId");
    }
}
