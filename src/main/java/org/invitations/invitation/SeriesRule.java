package org.invitations.invitation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A checked series rule: the RRULE text as stored and carried by confirmations (COUNT, or UNTIL in UTC),
 * the zone it repeats in, and every occurrence's slot in order, the first being the series' own start.
 * Made only by {@link Recurrences}, so that every rule stored was bounded and every slot exists.
 */
public record SeriesRule(String rrule, ZoneId zone, List<Slot> occurrences) {

    public SeriesRule {
        occurrences = List.copyOf(occurrences);
    }

    /** One occurrence: its start (also its recurrenceId when created) and end, UTC instants. */
    public record Slot(Instant start, Instant end) {
    }

    /** The first occurrence's start. */
    public Instant firstStart() {
        return occurrences.get(0).start();
    }

    /** The last occurrence's start. */
    public Instant lastStart() {
        return occurrences.get(occurrences.size() - 1).start();
    }
}
