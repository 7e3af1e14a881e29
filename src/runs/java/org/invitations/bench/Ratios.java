package org.invitations.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals of the speed issue (#25) as one table of one run: each line a ratio of two runs measured
 * side by side (or a latency), the goal, and whether it is met. A line whose runs were not part of the
 * run says so. Ratios of throughput compare runs measured right after one another with the same
 * clients, so the load of the shared machine cancels out as far as it can.
 */
final class Ratios {

    /** The no-op asked for an answer as long as GetInvitations' page. */
    Stats pageNoop;
    /** The WireMock stub replaying the page's very bytes. */
    Stats stub;
    /** GetInvitations, page of 50. */
    Stats getInvitations;
    /** CreateInvitation with two associates, a person and a room, and the plain no-op with its envelopes. */
    Stats create;
    Stats createNoop;
    /** AcceptInvitation and the plain no-op with its envelopes. */
    Stats accept;
    Stats acceptNoop;
    /** A weekly series of 52 with 10 invitees, one client. */
    Stats series;
    /** GetInvitations, open loop at 70 % of its peak. */
    Stats paced;

    private final String database;

    Ratios(String database) {
        this.database = database;
    }

    /** One goal: what was measured, from which figures, the goal, and whether it is met (null: not measured). */
    record Line(String what, Double measured, String from, String goal, Boolean met) {
    }

    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        lines.add(throughput("page-size no-op / WireMock stub (req/s)", pageNoop, stub, 0.2));
        lines.add(throughput("GetInvitations (50) / page-size no-op (req/s)", getInvitations, pageNoop, 0.6));
        lines.add(throughput("CreateInvitation (2 assoc. + person + room) / no-op", create, createNoop, 0.1));
        lines.add(throughput("AcceptInvitation / no-op (req/s)", accept, acceptNoop, 0.35));
        if (series == null) {
            lines.add(new Line("series of 52 (10 invitees), 1 client, p50 (ms)", null, "not in this run",
                    "< 1000 on Derby", null));
        } else {
            boolean derby = database.startsWith("Apache Derby");
            lines.add(new Line("series of 52 (10 invitees), 1 client, p50 (ms)", series.p50(),
                    String.format(Locale.ROOT, "%,d creates", series.requests()), "< 1000 on Derby",
                    derby ? series.p50() < 1000 : null));
        }
        if (paced == null) {
            lines.add(new Line("p99 / p50 at 70% of GetInvitations' peak", null, "not in this run", "<= 5", null));
        } else {
            double ratio = paced.p99() / paced.p50();
            lines.add(new Line("p99 / p50 at 70% of GetInvitations' peak", ratio,
                    String.format(Locale.ROOT, "%.2f / %.2f ms", paced.p99(), paced.p50()), "<= 5", ratio <= 5));
        }
        return lines;
    }

    private static Line throughput(String what, Stats run, Stats ceiling, double goal) {
        if (run == null || ceiling == null) {
            return new Line(what, null, "not in this run", String.format(Locale.ROOT, ">= %.2f", goal), null);
        }
        double ratio = run.throughput() / ceiling.throughput();
        return new Line(what, ratio, String.format(Locale.ROOT, "%,.0f / %,.0f", run.throughput(),
                ceiling.throughput()), String.format(Locale.ROOT, ">= %.2f", goal), ratio >= goal);
    }

    boolean isEmpty() {
        return pageNoop == null && getInvitations == null && create == null && accept == null && series == null
                && paced == null;
    }

    String render() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n#25's goals, one run (%s)%n", database));
        out.append(String.format(Locale.ROOT, "%-52s %9s  %-22s %-16s %s%n", "goal", "measured", "from", "goal",
                "met?"));
        for (Line line : lines()) {
            out.append(String.format(Locale.ROOT, "%-52s %9s  %-22s %-16s %s%n", line.what(),
                    line.measured() == null ? "-" : String.format(Locale.ROOT, "%.2f", line.measured()), line.from(),
                    line.goal(), line.met() == null ? "-" : line.met() ? "yes" : "NO"));
        }
        return out.toString();
    }

    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Line line : lines()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("goal", line.what());
            row.put("measured", line.measured() == null ? null : Math.round(line.measured() * 100) / 100.0);
            row.put("from", line.from());
            row.put("target", line.goal());
            row.put("met", line.met());
            out.add(row);
        }
        return out;
    }
}
