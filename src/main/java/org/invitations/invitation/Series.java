package org.invitations.invitation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.invitations.directory.Associate;
import org.invitations.invitation.NewMeeting.ParticipantRef;

/**
 * Writing and reading a series as a whole: the series appointment (the "recurring master") with its
 * records, which carry each participant's answer for the whole series, and one appointment per
 * occurrence with its own records (following the series' answer). Every series-wide change locks the
 * series appointment first ({@link Appointments#locked}), then works on its occurrences.
 */
final class Series {

    private Series() {
    }

    /**
     * A new series in one go: the series appointment, then every occurrence with its records, conflicts
     * checked per occurrence against one read of the participants' bookings over the whole series. A
     * participant's series record is flagged when any occurrence clashes. Persisted; ids assigned on flush.
     */
    static Appointment create(Session session, Associate owner, NewMeeting meeting, RecordText text,
                              SeriesRule rule, Participants found, ResourceRules rules, Instant now, String list) {
        Conflicts.Timeline timeline = meeting.type() == AppointmentType.TASK
                ? new Conflicts.Timeline(java.util.Map.of(), java.util.Map.of())
                : Conflicts.timeline(session, found.associates.keySet(), found.resources.keySet(), rule.firstStart(),
                rule.occurrences().get(rule.occurrences().size() - 1).end());
        List<ParticipantRef> refs = meeting.participants();
        Appointment series = Appointment.series(owner, meeting.type(), text, rule, now);
        Set<ParticipantRef> everBusy = new HashSet<>();
        // every occurrence's slot for every resource with rules, before anything is written: all or nothing
        for (SeriesRule.Slot slot : rule.occurrences()) {
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i).kind() == ParticipantKind.RESOURCE) {
                    rules.requireSlot(refs.get(i).id(), slot.start(), slot.end(), now, timeline, Set.of(),
                            Participants.place(list, i), slot.start());
                }
            }
        }
        for (SeriesRule.Slot slot : rule.occurrences()) {
            Appointment occurrence = series.addOccurrence(slot, now);
            Conflicts busy = timeline.at(slot.start(), slot.end());
            if (meeting.includeMyself()) {
                occurrence.includeOwner(now);
            }
            for (int i = 0; i < refs.size(); i++) {
                ParticipantRef ref = refs.get(i);
                boolean conflict = busy.isBusy(ref.kind(), ref.id());
                if (conflict) {
                    everBusy.add(ref);
                }
                occurrence.addParticipant(ref, found, meeting.sendInvitations(), conflict, now,
                        Participants.field(list, i, ref.kind()));
            }
        }
        if (meeting.includeMyself()) {
            series.includeOwner(now);
        }
        for (int i = 0; i < refs.size(); i++) {
            ParticipantRef ref = refs.get(i);
            series.addParticipant(ref, found, meeting.sendInvitations(), everBusy.contains(ref), now,
                    Participants.field(list, i, ref.kind()));
        }
        session.persist(series);
        // the series' row first, on its own: insert ordering cannot sort rows of one table that refer to each other
        session.flush();
        series.getOccurrences().forEach(session::persist);
        return series;
    }

    /**
     * The occurrences of a series with their records, in recurrence order: one query, so that answering
     * for a series (or replaying its create) reads no record one occurrence at a time.
     */
    static List<Appointment> occurrencesWithRecords(Session session, long seriesId) {
        return session.createSelectionQuery("""
                        select distinct o from Appointment o left join fetch o.records
                        where o.series.id = :series order by o.recurrenceId""", Appointment.class)
                .setParameter("series", seriesId)
                .getResultList();
    }

    /**
     * The id of the occurrence of a series named by its recurrenceId (its original start), or null: one
     * entry of the (series, recurrence) index, read without a lock.
     */
    static Long occurrenceId(Session session, long seriesId, Instant recurrenceId) {
        return session.createSelectionQuery(
                        "select o.id from Appointment o where o.series.id = :series and o.recurrenceId = :rid", Long.class)
                .setParameter("series", seriesId)
                .setParameter("rid", recurrenceId)
                .getSingleResultOrNull();
    }

    /** What a create answers about a series: every occurrence, in order, with its conflicts. */
    static List<CreatedMeeting.CreatedOccurrence> created(Appointment series) {
        return series.getOccurrences().stream().map(CreatedMeeting.CreatedOccurrence::of).toList();
    }
}
