package org.invitations.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The growth runs: one associate's pending invitations, one owner's distributed tasks and one
 * contact's bookings grow through the service itself (CreateInvitation, CreateTask) from 100 to
 * {@code --growth-max}, and after each step one client measures the list calls over that associate,
 * owner or contact, and the no-op ceiling at the same moment. The bulk seed spreads its records
 * thinly (60 per associate), so it cannot show a cost that grows with one long list; this can.
 *
 * <p>Every call a table measures answers the same amount at every step (a page of 50, a window of
 * 50 bookings, one month of a diary with the same entries), so a change down a column is the cost
 * of the list around it, not of a longer answer.
 */
final class Growth {

    static final int[] STEPS = {100, 1_000, 3_000, 10_000};
    /** Concurrent writers growing a list: through SOAP, one writer alone would take minutes for 10,000. */
    static final int WRITERS = 8;
    static final String API = "/ws/invitations";
    static final String NOOP = "/ws/noop";

    /** Far after what the other runs book (2040 on), each list in a year of its own, one item an hour. */
    private static final Instant INVITATIONS = Instant.parse("2045-01-01T00:00:00Z");
    private static final Instant TASKS = Instant.parse("2046-01-01T00:00:00Z");
    private static final Instant BOOKINGS = Instant.parse("2047-01-01T00:00:00Z");
    /** The invitee's own meetings in the diary month: its diary answer, the same at every step. */
    private static final int OWN_MEETINGS = 20;
    private static final int WINDOW_HOURS = 50;

    /** Who the lists belong to: dedicated associates and contact, and the bench associates around them. */
    record Subjects(String invitee, long inviteeId, String owner, Seeder.Customer customer, List<Long> associates) {

        String associate(int index) {
            return "bench" + Math.floorMod(index, associates.size());
        }

        long associateId(int index) {
            return associates.get(Math.floorMod(index, associates.size()));
        }
    }

    private final LoadDriver driver;
    private final Nodes nodes;
    private final Duration warmup;
    private final Duration measure;
    private final Duration firstWarmup;
    private final List<Integer> steps;

    /**
     * @param warmup      before each probe
     * @param measure     each probe
     * @param firstWarmup before each table's first probes, for the JIT's sake
     */
    Growth(LoadDriver driver, Nodes nodes, Duration warmup, Duration measure, Duration firstWarmup, int max) {
        this.driver = driver;
        this.nodes = nodes;
        this.warmup = warmup;
        this.measure = measure;
        this.firstWarmup = firstWarmup;
        this.steps = steps(max);
    }

    /** The standard steps up to {@code max}, and {@code max} itself. */
    static List<Integer> steps(int max) {
        List<Integer> steps = new ArrayList<>();
        for (int step : STEPS) {
            if (step < max) {
                steps.add(step);
            }
        }
        steps.add(max);
        return steps;
    }

    List<GrowthTable> run(Subjects who) throws Exception {
        return List.of(invitations(who), distributedTasks(who), archive(who));
    }

    /** One invitee's pending invitations: its first page, a later page, its diary over a month. */
    private GrowthTable invitations(Subjects who) throws Exception {
        Benchmark.log("Growth: " + who.invitee() + "'s pending invitations to " + steps.get(steps.size() - 1));
        write("the invitee's own meetings", OWN_MEETINGS, 0, slot -> Envelopes.create(who.invitee(),
                List.of(who.associateId(slot)), INVITATIONS.plus(slot, ChronoUnit.DAYS).plus(750, ChronoUnit.MINUTES)));
        GrowthTable table = new GrowthTable("GetInvitations growth: one associate's pending invitations",
                "pending invitations", List.of("first page", "later page", "GetDiary, a month", "no-op"));
        String first = Envelopes.getInvitations(who.invitee());
        String diary = Envelopes.diary(who.invitee(), INVITATIONS, INVITATIONS.plus(31, ChronoUnit.DAYS));
        int have = 0;
        for (int step : steps) {
            double rate = write("CreateInvitation to " + who.invitee(), step - have, have,
                    slot -> Envelopes.create(who.associate(slot), List.of(who.inviteeId()),
                            INVITATIONS.plus(slot, ChronoUnit.HOURS)));
            have = step;
            String later = Envelopes.getInvitations(who.invitee(), nextPageToken(first));
            table.add(step, rate, probes(table, step == steps.get(0), List.of(first, later, diary, first), API, API, API, NOOP));
            Benchmark.log("  " + table.lastRow());
        }
        return table;
    }

    /** One owner's distributed tasks, newest first: the first page, a later page, the open ones. */
    private GrowthTable distributedTasks(Subjects who) throws Exception {
        Benchmark.log("Growth: " + who.owner() + "'s distributed tasks to " + steps.get(steps.size() - 1));
        GrowthTable table = new GrowthTable("GetDistributedTasks growth: one owner's tasks", "distributed tasks",
                List.of("first page (ALL)", "later page (ALL)", "first page (OPEN)", "no-op"));
        String first = Envelopes.distributedTasks(who.owner(), "ALL", null);
        String open = Envelopes.distributedTasks(who.owner(), "OPEN", null);
        int have = 0;
        for (int step : steps) {
            double rate = write("CreateTask by " + who.owner(), step - have, have,
                    slot -> Envelopes.createTask(who.owner(), List.of(who.associateId(slot), who.associateId(slot + 1)),
                            TASKS.plus(slot, ChronoUnit.HOURS)));
            have = step;
            String later = Envelopes.distributedTasks(who.owner(), "ALL", nextPageToken(first));
            table.add(step, rate, probes(table, step == steps.get(0), List.of(first, later, open, first), API, API, API, NOOP));
            Benchmark.log("  " + table.lastRow());
        }
        return table;
    }

    /** One contact's bookings (its persons in meetings): the earliest 50 hours and the latest 50. */
    private GrowthTable archive(Subjects who) throws Exception {
        Benchmark.log("Growth: contact " + who.customer().id() + "'s bookings to " + steps.get(steps.size() - 1));
        GrowthTable table = new GrowthTable("GetActivityArchive growth: one contact's bookings", "contact's bookings",
                List.of("earliest 50 h", "latest 50 h", "no-op"));
        List<Long> persons = who.customer().persons();
        String reader = who.associate(0);
        String earliest = Envelopes.archive(reader, who.customer().id(), BOOKINGS,
                BOOKINGS.plus(WINDOW_HOURS, ChronoUnit.HOURS));
        int have = 0;
        for (int step : steps) {
            double rate = write("CreateInvitation with a person of contact " + who.customer().id(), step - have, have,
                    slot -> Envelopes.bookPersons(who.associate(slot), List.of(persons.get(slot % persons.size())),
                            BOOKINGS.plus(slot, ChronoUnit.HOURS)));
            have = step;
            String latest = Envelopes.archive(reader, who.customer().id(),
                    BOOKINGS.plus(step - WINDOW_HOURS, ChronoUnit.HOURS), BOOKINGS.plus(step, ChronoUnit.HOURS));
            table.add(step, rate, probes(table, step == steps.get(0), List.of(earliest, latest, earliest), API, API, NOOP));
            Benchmark.log("  " + table.lastRow());
        }
        return table;
    }

    /**
     * {@code count} writes from {@link #WRITERS} clients spread over the nodes, slot numbers from
     * {@code firstSlot} on; every one must succeed. Returns the writes per second.
     */
    private double write(String what, int count, int firstSlot, IntFunction<String> envelope) throws Exception {
        if (count <= 0) {
            return Double.NaN;
        }
        AtomicInteger slot = new AtomicInteger(firstSlot);
        Stats writes = driver.count(what, WRITERS, count,
                client -> new LoadDriver.Call(nodes.url(client, API), envelope.apply(slot.getAndIncrement())));
        if (writes.errors() > 0) {
            throw new IllegalStateException(writes.errors() + " of " + count + " writes (" + what + ") failed; the first: "
                    + driver.takeFirstError());
        }
        return writes.throughput();
    }

    /**
     * The calls of one row, one after the other, each from one client on the first node; before a
     * table's first row, all of them at random for a while, as these calls are new to the JIT.
     */
    private List<Stats> probes(GrowthTable table, boolean firstRow, List<String> envelopes, String... paths)
            throws Exception {
        if (firstRow) {
            driver.closedLoop("growth warm-up", 1, firstWarmup, Duration.ZERO, client -> {
                int pick = ThreadLocalRandom.current().nextInt(envelopes.size());
                return new LoadDriver.Call(nodes.url(0, paths[pick]), envelopes.get(pick));
            });
        }
        List<Stats> row = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            LoadDriver.Call call = new LoadDriver.Call(nodes.url(0, paths[i]), envelopes.get(i));
            Stats stats = driver.closedLoop(table.columns().get(i), 1, warmup, measure, client -> call);
            if (stats.errors() > 0) {
                Benchmark.log("  " + stats.errors() + " errors in " + table.columns().get(i) + "; the first: "
                        + driver.takeFirstError());
            }
            row.add(stats);
        }
        return row;
    }

    /** The token of the page after the first one that {@code firstPage} asks for. */
    private String nextPageToken(String firstPage) throws Exception {
        String answer = new String(driver.capture(new LoadDriver.Call(nodes.url(0, API), firstPage)).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        String token = Envelopes.text(answer, "nextPageToken");
        if (token == null) {
            throw new IllegalStateException("No nextPageToken in the first page: " + answer);
        }
        return token;
    }

    /** The growth tables as the result file keeps them. */
    static List<Map<String, Object>> json(List<GrowthTable> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        tables.forEach(t -> out.add(t.json()));
        return out;
    }
}
