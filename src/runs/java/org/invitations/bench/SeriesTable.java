package org.invitations.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The series lists' table: a row per number of series one invitee has, with single-client p50 / p95 of
 * GetInvitations (page of 50) and of a month's GetDiary, and how much each answered. A page answers the
 * same 50 items from 50 series on, so its column should stay flat; a month of a diary answers every
 * series' occurrences in it, so its question is whether the cost per entry stays flat. The no-op with the
 * GetInvitations envelope, measured with each row, shows how much of a change down a column is the
 * machine's.
 */
final class SeriesTable {

    /** One row: the invitee's series, each call's latencies and answer size. */
    record Row(int series, Stats invitations, int items, int seriesItems, Stats diary, int entries, Stats noop) {

        /** The diary's p50 per entry it answered, in microseconds. */
        double microsPerEntry() {
            return entries == 0 ? Double.NaN : diary.p50() * 1000 / entries;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return rows;
    }

    String render() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nSeries lists: one invitee with N weekly series of 52 (single client; p50 / p95 ms)%n"));
        out.append(String.format(Locale.ROOT, "%-10s%24s%16s%22s%10s%16s%16s%16s%9s%n", "series",
                "GetInvitations (50)", "items (series)", "GetDiary, a month", "entries", "µs/entry p50", "µs/added entry",
                "no-op", "errors"));
        for (int r = 0; r < rows.size(); r++) {
            out.append(row(rows.get(r), r == 0 ? null : rows.get(r - 1))).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A row as the log shows it while the run goes on; {@code previous} the row above, or null. */
    static String row(Row row, Row previous) {
        return String.format(Locale.ROOT, "%-10d%24s%16s%22s%10d%16.1f%16s%16s%9d", row.series(), pair(row.invitations()),
                row.items() + " (" + row.seriesItems() + ")", pair(row.diary()), row.entries(), row.microsPerEntry(),
                previous == null ? "" : String.format(Locale.ROOT, "%.1f", marginalMicros(previous, row)),
                pair(row.noop()), row.invitations().errors() + row.diary().errors() + row.noop().errors());
    }

    /**
     * What each entry the row has more than the row above added to the diary's p50, in microseconds:
     * the cost per entry without the call's fixed cost (SOAP, security, the transaction).
     */
    static double marginalMicros(Row previous, Row row) {
        int added = row.entries() - previous.entries();
        return added == 0 ? Double.NaN : (row.diary().p50() - previous.diary().p50()) * 1000 / added;
    }

    private static String pair(Stats stats) {
        return String.format(Locale.ROOT, "%.2f / %.2f", stats.p50(), stats.p95());
    }

    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("series", row.series());
            json.put("get_invitations", cell(row.invitations()));
            json.put("items", row.items());
            json.put("series_items", row.seriesItems());
            json.put("get_diary_month", cell(row.diary()));
            json.put("diary_entries", row.entries());
            json.put("noop", cell(row.noop()));
            json.put("diary_us_per_entry_p50", round(row.microsPerEntry()));
            json.put("diary_us_per_added_entry_p50", r == 0 ? null : round(marginalMicros(rows.get(r - 1), row)));
            out.add(json);
        }
        return out;
    }

    private static Map<String, Object> cell(Stats stats) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("p50_ms", round(stats.p50()));
        cell.put("p95_ms", round(stats.p95()));
        cell.put("requests", stats.requests());
        cell.put("errors", stats.errors());
        return cell;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
