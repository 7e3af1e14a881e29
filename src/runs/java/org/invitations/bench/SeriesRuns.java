package org.invitations.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.invitations.invitation.Recurrence;

/**
 * The series part: what a weekly series of 52 costs to create through the service, and whether one
 * invitee's GetInvitations and GetDiary stay flat as the number of series it is in grows (10 to 200).
 * The invitees' series are seeded in bulk ({@link Seeder#series}), as the service writes them; a check
 * after the run compares their rows with those of a series the service created.
 */
final class SeriesRuns {

    static final int[] SIZES = {10, 50, 100, 200};
    static final int OCCURRENCES = 52;
    static final int INVITEES = 10;
    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    /** The created series (one an hour) and the reference single meetings: years no other run books. */
    static final Instant CREATES = Instant.parse("2050-01-03T08:00:00Z");
    static final Instant SINGLES = Instant.parse("2049-01-04T08:00:00Z");
    /** The seeded series begin in the first week of 2054, Monday 00:00 in Oslo, one every 40 minutes. */
    private static final Instant SEEDED = LocalDate.of(2054, 1, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(ZONE).toInstant();
    private static final Duration SEEDED_EVERY = Duration.ofMinutes(40);
    private static final Duration SEEDED_LENGTH = Duration.ofMinutes(30);
    /** The diary month: February 2054 in Oslo, four occurrences of every seeded series. */
    static final Instant MONTH_FROM = LocalDate.of(2054, 2, 1).atStartOfDay(ZONE).toInstant();
    static final Instant MONTH_TO = LocalDate.of(2054, 3, 1).atStartOfDay(ZONE).toInstant();

    /**
     * One row's invitees: {@code pending} has {@code series} pending series, {@code accepted} (in the
     * very same series) accepted them all; {@code diaryEntries} is how many occurrences fall in the month.
     */
    record Subject(int series, String pending, String accepted, int diaryEntries, long firstSeriesId,
                   long acceptedId) {
    }

    private SeriesRuns() {
    }

    /**
     * For each size N, two associates in N weekly series of 52 (owner and 8 more invitees from
     * {@code associates}); N series start 40 minutes apart in one week, so no two overlap.
     */
    static List<Subject> seed(Seeder seeder, List<Long> associates) throws SQLException {
        List<Subject> subjects = new ArrayList<>();
        Recurrence weekly = new Recurrence(null, Recurrence.Frequency.WEEKLY, null, List.of(), null, null, null,
                OCCURRENCES, null);
        for (int size : SIZES) {
            String pending = "seriespending" + size;
            String accepted = "seriesaccepted" + size;
            List<Long> ids = seeder.associates(List.of(pending, accepted));
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                starts.add(SEEDED.plus(SEEDED_EVERY.multipliedBy(i)));
            }
            List<Seeder.SeededSeries> written = seeder.series(starts, SEEDED_LENGTH, ZONE, weekly, associates,
                    ids.get(0), ids.get(1), owner -> guests(associates, owner));
            int entries = 0;
            for (Seeder.SeededSeries series : written) {
                entries += (int) series.occurrences().stream()
                        .filter(o -> o.start().isBefore(MONTH_TO) && o.end().isAfter(MONTH_FROM)).count();
            }
            subjects.add(new Subject(size, pending, accepted, entries, written.get(0).id(), ids.get(1)));
        }
        return subjects;
    }

    /** Records the seed writes: per series (1 + 52 appointments) x (owner + 10 invitees). */
    static long seededRecords() {
        long series = 0;
        for (int size : SIZES) {
            series += size;
        }
        return series * (OCCURRENCES + 1) * (INVITEES + 1);
    }

    /** The 8 invitees beside the two subjects: associates after the owner, seven apart, never the owner. */
    private static List<Long> guests(List<Long> associates, long owner) {
        int at = associates.indexOf(owner);
        List<Long> picked = new ArrayList<>();
        for (int i = 1; i <= INVITEES - 2; i++) {
            picked.add(associates.get((at + i * 7) % associates.size()));
        }
        return picked;
    }

    /**
     * Each subject's first page of invitations and its diary month, then the no-op with the page's
     * envelope, single client, one after the other; before each, one answer is read for its size. A size whose answer is not what the seed wrote (every
     * item a series, every occurrence in the month in the diary) is named in {@code mismatches}.
     */
    static SeriesTable lists(LoadDriver driver, String url, String noopUrl, List<Subject> subjects, Duration warmup,
                             Duration measure, List<String> mismatches) throws Exception {
        SeriesTable table = new SeriesTable();
        for (Subject subject : subjects) {
            String get = Envelopes.getInvitations(subject.pending());
            String diary = Envelopes.diary(subject.accepted(), MONTH_FROM, MONTH_TO);
            String page = answer(driver, url, get);
            String month = answer(driver, url, diary);
            int items = Envelopes.count(page, "invitation");
            int seriesItems = Envelopes.count(page, "series");
            int entries = Envelopes.count(month, "entry");
            int expectedItems = Math.min(subject.series(), 50);
            if (items != expectedItems || seriesItems != expectedItems) {
                mismatches.add(String.format(Locale.ROOT, "%d series: GetInvitations answered %d items (%d series),"
                        + " the seed has %d", subject.series(), items, seriesItems, expectedItems));
            }
            if (entries != subject.diaryEntries() || Envelopes.count(month, "seriesId") != entries) {
                mismatches.add(String.format(Locale.ROOT, "%d series: GetDiary answered %d entries, the seed has %d"
                        + " occurrences in the month", subject.series(), entries, subject.diaryEntries()));
            }
            Stats invitations = driver.closedLoop("GetInvitations, " + subject.series() + " series", 1, warmup,
                    measure, client -> new LoadDriver.Call(url, get));
            Stats days = driver.closedLoop("GetDiary, " + subject.series() + " series", 1, warmup, measure,
                    client -> new LoadDriver.Call(url, diary));
            Stats noop = driver.closedLoop("no-op, " + subject.series() + " series", 1, warmup, measure,
                    client -> new LoadDriver.Call(noopUrl, get));
            for (Stats stats : List.of(invitations, days, noop)) {
                if (stats.errors() > 0) {
                    Benchmark.log("  " + stats.errors() + " errors in " + stats.name() + "; the first: "
                            + driver.takeFirstError());
                }
            }
            SeriesTable.Row row = new SeriesTable.Row(subject.series(), invitations, items, seriesItems, days, entries,
                    noop);
            Benchmark.log("  " + SeriesTable.row(row, table.rows().isEmpty() ? null
                    : table.rows().get(table.rows().size() - 1)).trim());
            table.add(row);
        }
        return table;
    }

    private static String answer(LoadDriver driver, String url, String envelope) throws Exception {
        var response = driver.capture(new LoadDriver.Call(url, envelope));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + body);
        }
        return body;
    }

    /** What one series create wrote: its appointments, records and audit events, counted in the database. */
    record Written(long appointments, long records, long auditEvents) {
    }

    static Written written(DataSource dataSource, long seriesId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long appointments = count(c, "select count(*) from appointment where id = ? or series_id = ?", seriesId);
            long records = count(c, "select count(*) from participant_record r join appointment a"
                    + " on a.id = r.appointment_id where a.id = ? or a.series_id = ?", seriesId);
            long audit;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from audit_event where target_id = ?"
                    + " and target_type = 'appointment'")) {
                ps.setLong(1, seriesId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    audit = rs.getLong(1);
                }
            }
            c.commit();
            return new Written(appointments, records, audit);
        }
    }

    private static long count(Connection c, String sql, long seriesId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seriesId);
            ps.setLong(2, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The seed against the service: the distinct shapes (every column but ids, times and texts) of the
     * rows of a series the service created, and of a seeded series' rows without the accepted invitee's
     * (the one answer the seed adds, which a create cannot write). Returns the differences; empty when
     * the seed writes what the service writes.
     */
    static List<String> shapeDifferences(DataSource dataSource, long createdSeries, long seededSeries, long accepted)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Set<String> created = shapes(c, createdSeries, -1);
            Set<String> seeded = shapes(c, seededSeries, accepted);
            c.commit();
            List<String> differences = new ArrayList<>();
            created.stream().filter(s -> !seeded.contains(s)).forEach(s -> differences.add("only created: " + s));
            seeded.stream().filter(s -> !created.contains(s)).forEach(s -> differences.add("only seeded: " + s));
            return differences;
        }
    }

    private static Set<String> shapes(Connection c, long seriesId, long leaveOut) throws SQLException {
        Set<String> shapes = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.recurrence_rule, a.series_id, a.recurrence_id,"
                + " a.starts_at, a.type, a.sequence_no, a.version, a.time_zone, a.cancelled_at from appointment a"
                + " where a.id = ? or a.series_id = ?")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean series = rs.getString(1) != null;
                    shapes.add("appointment " + (series ? "series rule " + rs.getString(1).replaceAll("BYDAY=\\w+;", "")
                            : (rs.getObject(2) != null ? "occurrence" : "single") + ", recurrenceId = start "
                            + rs.getTimestamp(4).equals(rs.getTimestamp(3)))
                            + " type " + rs.getString(5) + " sequence " + rs.getInt(6) + " version " + rs.getInt(7)
                            + " zone " + rs.getString(8) + " cancelled " + (rs.getObject(9) != null));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select a.recurrence_rule, r.kind, r.master, r.status,"
                + " r.listed_in, r.follows_series, r.invitation_sent, r.is_new, r.conflict, r.version,"
                + " r.decline_acknowledged, r.percent_done, r.answered_at, r.decline_reason, r.person_id,"
                + " r.resource_id, r.associate_id, r.starts_at, a.starts_at, r.ends_at, a.ends_at"
                + " from participant_record r join appointment a on a.id = r.appointment_id"
                + " where a.id = ? or a.series_id = ?")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(17) == leaveOut) {
                        continue;
                    }
                    shapes.add(String.format(Locale.ROOT, "record of %s kind %s master %s status %d listed %s"
                                    + " follows %s sent %s new %s conflict %s version %d acknowledged %s percent %d"
                                    + " answered %s reason %s person %s resource %s times as appointment %s",
                            rs.getString(1) != null ? "series" : "occurrence", rs.getString(2), rs.getBoolean(3),
                            rs.getInt(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
                            rs.getBoolean(9), rs.getInt(10), rs.getBoolean(11), rs.getInt(12), rs.getObject(13) != null,
                            rs.getObject(14) != null, rs.getObject(15) != null, rs.getObject(16) != null,
                            rs.getTimestamp(18).equals(rs.getTimestamp(19)) && rs.getTimestamp(20).equals(rs.getTimestamp(21))));
                }
            }
        }
        return shapes;
    }

    /** The first appointmentId of a create's answer: the series'. */
    static long appointmentId(String answer) {
        String id = Envelopes.text(answer, "appointmentId");
        if (id == null) {
            throw new IllegalStateException("No appointmentId in the create's answer: " + answer);
        }
        return Long.parseLong(id);
    }
}
