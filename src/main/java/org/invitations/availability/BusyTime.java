package org.invitations.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges bookings into the busy time free/busy shows: overlapping and touching intervals join, and where a
 * busy and a tentative booking overlap the busy one wins for that part; the tentative rest stays
 * tentative. Clipped to the window asked about.
 */
final class BusyTime {

    private BusyTime() {
    }

    /** {@code bookings} in any order, possibly outside the window; the answer is sorted and disjoint. */
    static List<BusyInterval> merge(List<BusyInterval> bookings, Instant from, Instant to) {
        // a sweep over every start and end: at each point, how many busy and tentative bookings are open
        record Edge(Instant at, BusyKind kind, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        for (BusyInterval booking : bookings) {
            Instant start = booking.start().isBefore(from) ? from : booking.start();
            Instant end = booking.end().isAfter(to) ? to : booking.end();
            if (end.isAfter(start)) {
                edges.add(new Edge(start, booking.kind(), 1));
                edges.add(new Edge(end, booking.kind(), -1));
            }
        }
        edges.sort(Comparator.comparing(Edge::at));
        List<BusyInterval> merged = new ArrayList<>();
        int busy = 0;
        int tentative = 0;
        BusyKind current = null;
        Instant since = null;
        for (int i = 0; i < edges.size(); ) {
            Instant at = edges.get(i).at();
            // every edge at the same instant first: touching intervals then join without a gap
            for (; i < edges.size() && edges.get(i).at().equals(at); i++) {
                if (edges.get(i).kind() == BusyKind.BUSY) {
                    busy += edges.get(i).delta();
                } else {
                    tentative += edges.get(i).delta();
                }
            }
            BusyKind now = busy > 0 ? BusyKind.BUSY : tentative > 0 ? BusyKind.TENTATIVE : null;
            if (now != current) {
                if (current != null) {
                    merged.add(new BusyInterval(since, at, current));
                }
                current = now;
                since = at;
            }
        }
        return merged;
    }
}
