package org.invitations.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One growth run's table: a row per list size, a p50 / p99 pair per call, and how fast the service
 * took the writes that grew the list to that size. Kept apart from the run table because its question
 * is another one: does a call's cost change as one list grows?
 */
final class GrowthTable {

    private final String title;
    private final String sizeLabel;
    private final List<String> columns;
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Double> writeRates = new ArrayList<>();
    private final List<List<Stats>> cells = new ArrayList<>();

    GrowthTable(String title, String sizeLabel, List<String> columns) {
        this.title = title;
        this.sizeLabel = sizeLabel;
        this.columns = List.copyOf(columns);
    }

    List<String> columns() {
        return columns;
    }

    /** The measurements at one list size, in the order of the columns, and the writes' rate to get there. */
    void add(int size, double writesPerSecond, List<Stats> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException(row.size() + " cells for " + columns.size() + " columns");
        }
        sizes.add(size);
        writeRates.add(writesPerSecond);
        cells.add(List.copyOf(row));
    }

    String render() {
        int width = 19;
        for (String column : columns) {
            width = Math.max(width, column.length() + 2);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%s (single client; p50 / p99 ms)%n", title));
        out.append(String.format(Locale.ROOT, "%-22s", sizeLabel));
        for (String column : columns) {
            out.append(String.format(Locale.ROOT, "%" + width + "s", column));
        }
        out.append(String.format(Locale.ROOT, "%9s%11s%n", "errors", "writes/s"));
        for (int r = 0; r < sizes.size(); r++) {
            out.append(row(r, width)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The last row, as the log shows it while the run goes on. */
    String lastRow() {
        return sizes.isEmpty() ? "" : row(sizes.size() - 1, 19).trim();
    }

    private String row(int r, int width) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,-22d", sizes.get(r)));
        long errors = 0;
        for (Stats stats : cells.get(r)) {
            out.append(String.format(Locale.ROOT, "%" + width + "s",
                    String.format(Locale.ROOT, "%.2f / %.2f", stats.p50(), stats.p99())));
            errors += stats.errors();
        }
        return out.append(String.format(Locale.ROOT, "%9d%11.1f", errors, writeRates.get(r))).toString();
    }

    Map<String, Object> json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < sizes.size(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("size", sizes.get(r));
            row.put("writes_per_s_to_get_here", round(writeRates.get(r)));
            for (int c = 0; c < columns.size(); c++) {
                Stats stats = cells.get(r).get(c);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("p50_ms", round(stats.p50()));
                cell.put("p99_ms", round(stats.p99()));
                cell.put("requests", stats.requests());
                cell.put("errors", stats.errors());
                row.put(columns.get(c), cell);
            }
            rows.add(row);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("title", title);
        table.put("size", sizeLabel);
        table.put("rows", rows);
        return table;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
