package org.invitations.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The earliest slots of a length in a window outside every blocked interval. Starts lie on a 15-minute
 * grid of UTC (:00, :15, :30, :45): every zone in use today is a whole number of quarter hours from UTC, so
 * the same starts are quarter hours in each participant's own zone too. Suggestions never overlap one
 * another: each starts at or after the end of the one before, so that five suggestions are five different
 * choices, not one slot nudged by a quarter hour.
 */
final class FreeSlots {

    static final Duration GRID = Duration.ofMinutes(15);

    private FreeSlots() {
    }

    static List<TimeSlot> earliest(List<Instant[]> blocked, Instant from, Instant to, Duration length, int count) {
        List<Instant[]> sorted = new ArrayList<>(blocked);
        sorted.sort(Comparator.comparing(b -> b[0]));
        List<TimeSlot> slots = new ArrayList<>();
        Instant freeFrom = from;
        for (int i = 0; i <= sorted.size() && slots.size() < count; i++) {
            Instant freeTo = i < sorted.size() && sorted.get(i)[0].isBefore(to) ? sorted.get(i)[0] : to;
            if (freeTo.isAfter(freeFrom)) {
                for (Instant start = onGrid(freeFrom); !start.plus(length).isAfter(freeTo) && slots.size() < count;
                     start = onGrid(start.plus(length))) {
                    slots.add(new TimeSlot(start, start.plus(length)));
                }
            }
            if (i < sorted.size() && sorted.get(i)[1].isAfter(freeFrom)) {
                freeFrom = sorted.get(i)[1];
            }
            if (!freeFrom.isBefore(to)) {
                break;
            }
        }
        return slots;
    }

    /** The first grid point at or after {@code at}. */
    static Instant onGrid(Instant at) {
        long step = GRID.toSeconds();
        long seconds = at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.floorDiv(seconds + step - 1, step) * step);
    }
}
