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
 * series' occurrences in it, so its question is whether the cost per entry stays flat.
 */
final class SeriesTable {

    /** One row: the invitee's series, each call's latencies and answer size. */
    record Row(int series, Stats invitations, int items, int seriesItems, Stats diary, int entries) {

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
        out.append(String.format(Locale.ROOT, "%-10s%24s%16s%22s%10s%18s%9s%n", "series", "GetInvitations (50)",
                "items (series)", "GetDiary, a month", "entries", "µs/entry (p50)", "errors"));
        for (Row row : rows) {
            out.append(row(row)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A row as the log shows it while the run goes on. */
    static String row(Row row) {
        return String.format(Locale.ROOT, "%-10d%24s%16s%22s%10d%18.1f%9d", row.series(), pair(row.invitations()),
                row.items() + " (" + row.seriesItems() + ")", pair(row.diary()), row.entries(), row.microsPerEntry(),
                row.invitations().errors() + row.diary().errors());
    }

    private static String pair(Stats stats) {
        return String.format(Locale.ROOT, "%.2f / %.2f", stats.p50(), stats.p95());
    }

    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("series", row.series());
            json.put("get_invitations", cell(row.invitations()));
            json.put("items", row.items());
            json.put("series_items", row.seriesItems());
            json.put("get_diary_month", cell(row.diary()));
            json.put("diary_entries", row.entries());
            json.put("diary_us_per_entry_p50", round(row.microsPerEntry()));
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
