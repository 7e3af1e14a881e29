package org.invitations.invitation;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * An external person's reply from its own calendar, on its records, with the scope a series reply has
 * (RFC 5546 §3.2.3): on a single meeting its one record; on a series without RECURRENCE-ID the person's
 * series record and every occurrence's record not cancelled, each taking it when it is newer than its own
 * last one (an occurrence answered on its own by a newer reply keeps that answer) and following the series
 * again; on one occurrence (RECURRENCE-ID) that occurrence's record alone, which no longer follows the
 * series, so the owner's view of the series shows it as an exception. The caller holds the lock of the
 * appointment named (the series, or the occurrence).
 */
public final class ExternalReplies {

    /** What the reply did to the record it names, and how many occurrence records took it too. */
    public record Outcome(ParticipantRecord record, ExternalReply.Effect effect, int occurrencesChanged) {
    }

    private ExternalReplies() {
    }

    /** {@code record} is the person's record of {@code target}. */
    public static Outcome apply(Session session, Appointment target, ParticipantRecord record, ExternalReply reply,
                                Instant now) {
        ExternalReply.Effect effect = target.takeExternalReply(record, reply, now);
        if (target.isOccurrence()) {
            if (effect == ExternalReply.Effect.APPLIED) {
                record.leaveSeries();
            }
            return new Outcome(record, effect, 0);
        }
        int changed = 0;
        if (target.isSeries()) {
            List<ParticipantRecord> occurrences = session.createSelectionQuery("""
                            from ParticipantRecord r join fetch r.appointment o
                            where o.series.id = :series and r.participantKey = :person and r.status <> :cancelled
                              and o.cancelledAt is null
                            order by o.recurrenceId""", ParticipantRecord.class)
                    .setParameter("series", target.getId())
                    .setParameter("person", ParticipantRecord.keyOf(ParticipantKind.PERSON, record.getPerson().getId()))
                    .setParameter("cancelled", Status.CANCELLED)
                    .getResultList();
            for (ParticipantRecord occurrence : occurrences) {
                if (occurrence.getAppointment().takeExternalReply(occurrence, reply, now)
                        == ExternalReply.Effect.APPLIED) {
                    occurrence.followSeries();
                    changed++;
                }
            }
        }
        return new Outcome(record, effect, changed);
    }
}
