package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.invitations.app.Database;
import org.invitations.availability.AvailabilityReads;
import org.invitations.directory.Associate;
import org.invitations.directory.Contact;
import org.invitations.directory.Person;
import org.invitations.security.Role;
import org.invitations.shared.PageToken;
import org.invitations.support.PlanDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list queries read only the rows of the page they return, in index order: the plan each database
 * chose for them, on a table where the invitee is one of many and has thousands of records, shows no
 * sort, no full scan, no hash join, and (Derby, which counts) no more rows visited than a page holds.
 * This is what keeps a first page as cheap at 10,000 pending invitations as at 100. On Derby every
 * statement is first run when the tables are nearly empty and no statistics are refreshed after, as in
 * a database that starts empty and grows: Derby keeps the plan it compiled then (without the index
 * hints, a middle page of GetInvitations was sorted).
 */
class ListQueryPlanTest {

    private static final int WAITING = 1500;
    private static final int OTHERS = 8;
    private static final int PAGE = 50;
    private static final int DIRECTORY = 2000;
    private static final int PERSONS = 10;
    /** Meetings seeded before the statements are first run, as in a database that starts empty. */
    private static final int EARLY = 30;
    private static final Instant FIRST = Instant.parse("2031-01-01T08:00:00Z");
    /** Weekly series by alice with bob and the others, seeded before the statements are first run. */
    private static final int SERIES = 20;
    private static final int OCCURRENCES = 10;
    /** A Monday after every single meeting, so that the series stay out of the pages the list queries read. */
    private static final Instant SERIES_FIRST = Instant.parse("2033-01-03T08:00:00Z");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /**
     * What one seeding wrote: the busy invitee, the customer, a time in the middle of bob's list, the series
     * and the recurrenceId of each series' fifth occurrence.
     */
    record Seeded(long alice, long bob, List<Long> others, long contact, List<Long> persons, Instant middle,
                  List<Long> series, List<Instant> fifths) {
    }

    /**
     * Alice, bob, a directory of some size, eight other invitees, a customer with ten persons, and twenty weekly
     * series of ten by alice with bob and the others.
     */
    static Seeded seed(Database database) {
        return database.sessionFactory().fromTransaction(session -> {
            Associate alice = new Associate("alice", "Alice", null, "x", Role.USER);
            Associate bob = new Associate("bob", "Bob", null, "x", Role.USER);
            session.persist(alice);
            session.persist(bob);
            // a directory of some size, so that reading the owners of a page by key is the only good plan
            for (int i = 0; i < DIRECTORY; i++) {
                session.persist(new Associate("colleague" + i, "Colleague " + i, null, "x", Role.USER));
            }
            List<Long> others = new ArrayList<>();
            for (int i = 0; i < OTHERS; i++) {
                Associate other = new Associate("other" + i, "Other " + i, null, "x", Role.USER);
                session.persist(other);
                others.add(other.getId());
            }
            Contact customer = new Contact("Customer");
            for (int i = 0; i < PERSONS; i++) {
                customer.addPerson("Person " + i, null, null);
            }
            session.persist(customer);
            session.flush();
            List<NewMeeting.ParticipantRef> invited = new ArrayList<>();
            invited.add(new NewMeeting.ParticipantRef(ParticipantKind.ASSOCIATE, bob.getId()));
            others.forEach(id -> invited.add(new NewMeeting.ParticipantRef(ParticipantKind.ASSOCIATE, id)));
            Instant now = Instant.parse("2030-12-01T00:00:00Z");
            List<Long> series = new ArrayList<>();
            List<Instant> fifths = new ArrayList<>();
            for (int i = 0; i < SERIES; i++) {
                Instant start = SERIES_FIRST.plus(Duration.ofHours(i));
                Recurrence weekly = Recurrence.ofRule("FREQ=WEEKLY;COUNT=" + OCCURRENCES);
                NewMeeting meeting = new NewMeeting(AppointmentType.MEETING, "Series " + i, null, null, start,
                        start.plusSeconds(3600), invited, true, true, OSLO.getId(), weekly);
                SeriesRule rule = Recurrences.expand(weekly, OSLO, start, start.plusSeconds(3600),
                        meeting.recordsPerOccurrence());
                Participants found = Participants.resolve(session, invited, "participants");
                Appointment made = Series.create(session, alice, meeting, new RecordText("Series " + i, null, null),
                        rule, found, ResourceRules.lock(session, meeting.type(), found.resources.values()), now,
                        "participants");
                session.flush();
                series.add(made.getId());
                fifths.add(rule.occurrences().get(4).start());
            }
            return new Seeded(alice.getId(), bob.getId(), others, customer.getId(),
                    customer.getPersons().stream().map(Person::getId).toList(),
                    FIRST.plus(Duration.ofHours(3L * WAITING)), series, fifths);
        });
    }

    /**
     * Meetings {@code from} to {@code to} (one every 3 hours) by alice, with bob, the others and one of
     * the customer's persons: bob waits for an answer to the even ones and accepted the odd ones, so
     * that at {@code 2 * WAITING} he has {@code WAITING} of each.
     */
    static void meetings(Database database, Seeded seeded, int from, int to) {
        database.sessionFactory().inTransaction(session -> {
            Instant now = Instant.parse("2030-12-01T00:00:00Z");
            for (int i = from; i < to; i++) {
                Instant start = FIRST.plus(Duration.ofHours(3L * i));
                Appointment meeting = new Appointment(session.getReference(Associate.class, seeded.alice()),
                        AppointmentType.MEETING, new RecordText("Meeting " + i, null, null), start,
                        start.plusSeconds(3600), now);
                session.persist(meeting);
                ParticipantRecord forBob = ParticipantRecord.forAssociate(meeting,
                        session.getReference(Associate.class, seeded.bob()), true, false, now);
                if (i % 2 == 1) {
                    forBob.accept(now);
                }
                session.persist(forBob);
                for (long other : seeded.others()) {
                    session.persist(ParticipantRecord.forAssociate(meeting, session.getReference(Associate.class, other),
                            true, false, now));
                }
                session.persist(ParticipantRecord.forPerson(meeting,
                        session.getReference(Person.class, seeded.persons().get(i % PERSONS)), now));
                if (i % 50 == 0) {
                    session.flush();
                    session.clear();
                }
            }
        });
    }

    static InvitationQuery firstPage(long who) {
        return new InvitationQuery(who, Status.PENDING, null, null, false, PAGE, null);
    }

    static InvitationQuery laterPage(long who, Instant after) {
        return new InvitationQuery(who, Status.PENDING, null, null, false, PAGE, new PageToken(after, 0));
    }

    /** The list queries under test, each named; the plan looked at is that of the last statement run. */
    static List<Named> queries(Seeded seeded) {
        long bob = seeded.bob();
        Instant middle = seeded.middle();
        return List.of(
                new Named("GetInvitations, first page", true, false, PAGE_ROWS, s -> InvitationQueries.invitationRows(s,
                        bob, Status.PENDING, firstPage(bob), FIRST)),
                new Named("GetInvitations, a page in the middle", true, false, PAGE_ROWS, s -> InvitationQueries
                        .invitationRows(s, bob, Status.PENDING, laterPage(bob, middle), FIRST)),
                new Named("GetInvitations, only unseen (5)", true, false, PAGE_ROWS, s -> InvitationQueries
                        .invitationRows(s, bob, EnumSet.of(Status.INVITED), firstPage(bob), FIRST)),
                new Named("GetDiary, one week in the middle", false, false, DIARY_WEEK_ROWS, s -> InvitationQueries
                        .diaryRows(s, bob, middle, middle.plus(Duration.ofDays(7)))),
                new Named("the appointments of a diary or archive page", false, false, PAGE_ROWS, s -> InvitationQueries
                        .appointmentsOf(s, InvitationQueries.invitationRows(s, bob, Status.PENDING, firstPage(bob), FIRST)
                                .stream().map(row -> (Long) row[1]).toList())),
                new Named("the owners of a diary or archive page", false, false, PAGE_ROWS, s -> List.copyOf(InvitationQueries
                        .withAppointments(s, InvitationQueries.invitationRows(s, bob, Status.PENDING, firstPage(bob),
                                FIRST)).values())),
                // 50 entries of the customer's ten persons, merged by start: each person's range, then a sort
                new Named("GetActivityArchive, 150 hours in the middle", false, true, PAGE_ROWS, s -> InvitationQueries
                        .archiveRows(s, seeded.contact(), middle, middle.plus(Duration.ofHours(150)), 500)),
                // each clash a row, made distinct in memory: no sort
                new Named("is bob busy, in the middle", false, false, BUSY_ROWS, s -> List.of(Conflicts.check(s,
                        List.of(bob), List.of(), middle, middle.plusSeconds(1800), null))),
                new Named("GetFreeBusy and FindAvailableTime, bob over 42 days in the middle", false, false,
                        FREE_BUSY_ROWS, s -> AvailabilityReads.associate(s, bob, middle, middle.plus(Duration.ofDays(42)))),
                new Named("GetFreeBusy and FindAvailableTime, a resource over 42 days", false, false, FREE_BUSY_ROWS,
                        s -> AvailabilityReads.resource(s, -1L, middle, middle.plus(Duration.ofDays(42)))));
    }

    /**
     * The queries that read one series' occurrences (or, for a page of invitations, the series on it): each
     * must read its series through the (series, recurrence) index and its records by appointment, never a
     * whole table, however many appointments and records the database holds. A sort of the few rows read
     * is allowed.
     */
    static List<Named> seriesQueries(Seeded seeded) {
        long bob = seeded.bob();
        int middle = SERIES / 2;
        long series = seeded.series().get(middle);
        Instant fifth = seeded.fifths().get(middle);
        List<InvitationQueries.SeriesRow> page = seeded.series().stream()
                .map(id -> new InvitationQueries.SeriesRow(id, "FREQ=WEEKLY;COUNT=" + OCCURRENCES, OSLO.getId(),
                        SERIES_FIRST))
                .toList();
        return List.of(
                new Named("GetInvitations, the series facts of a page", false, true, SERIES_PAGE_ROWS,
                        s -> List.copyOf(InvitationQueries.seriesFacts(s, page, FIRST).values())),
                new Named("an answer for a series: the invitee's occurrence records", false, true, OCCURRENCE_ROWS,
                        s -> SeriesAnswers.recordsOf(s, series, bob)),
                new Named("an occurrence named by its recurrenceId", false, true, OCCURRENCE_ROWS,
                        s -> Stream.of(Series.occurrenceId(s, series, fifth)).toList()),
                new Named("the owner's view of a series: its exceptions", false, true, SERIES_RECORDS,
                        s -> InvitationQueries.exceptions(s, series)),
                new Named("a change of the whole series: its occurrences with their records", false, true,
                        SERIES_RECORDS, s -> Series.occurrencesWithRecords(s, series)));
    }

    /** Every query: the lists, then the series' reads. */
    static List<Named> allQueries(Seeded seeded) {
        return Stream.concat(queries(seeded).stream(), seriesQueries(seeded).stream()).toList();
    }

    /** A page of series: each one's occurrences by the series index, twice over to be safe. */
    private static final int SERIES_PAGE_ROWS = 2 * SERIES * OCCURRENCES;
    /** One participant's records of one series: its occurrences, and one record each. */
    private static final int OCCURRENCE_ROWS = 2 * OCCURRENCES + 2;
    /** Every record of one series' occurrences: the owner's, bob's and the others' on each. */
    private static final int SERIES_RECORDS = 2 * OCCURRENCES * (OTHERS + 2) + 2;

    /**
     * A query, whether it is a page (which must come in index order), the most rows it may visit, and
     * the query itself.
     */
    record Named(String name, boolean paged, boolean sorts, int maxVisited, Function<Session, List<?>> query) {
    }

    /** A page's rows, and the one more that says whether a next page follows; twice that, to be safe. */
    private static final int PAGE_ROWS = 2 * (PAGE + 1);
    /**
     * A week of the diary reads the bookings that start from 31 days (the longest meeting) before it
     * to its end: 38 days of bob's diary, which has a meeting every 6 hours; never his whole history.
     */
    private static final int DIARY_WEEK_ROWS = (31 + 7) * 4 + 2;
    /** A busy check reads the participant's bookings that start in the 31 days before: 8 a day for bob. */
    private static final int BUSY_ROWS = (31 + 1) * 8 + 2;
    /**
     * Free/busy over the longest window reads the participant's bookings that start from 31 days before it
     * to its end, whatever their status (bob has 8 a day): 73 days of them, never his whole history.
     */
    private static final int FREE_BUSY_ROWS = (31 + 42) * 8 + 2;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnDerby {

        PlanDatabase<Seeded> db;

        @BeforeAll
        void seedDerby(@TempDir Path data) {
            db = PlanDatabase.derby(data, ListQueryPlanTest::seed, ListQueryPlanTest::meetings, EARLY, 2 * WAITING,
                    seeded -> allQueries(seeded).stream().<Function<Session, List<?>>>map(Named::query).toList());
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Test
        void everyListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(db.seeded())) {
                assertDerbyReadsByIndex(named, null);
            }
        }

        @Test
        void everySeriesIsReadThroughItsIndexOnly() {
            for (Named named : seriesQueries(db.seeded())) {
                assertDerbyReadsByIndex(named, "IX_APPOINTMENT_SERIES");
            }
        }

        /**
         * No sort unless allowed, no whole table, no hash, its index (and the one named, or the index Derby
         * keeps for the foreign key on the same column, FK_ for IX_), few rows visited.
         */
        private void assertDerbyReadsByIndex(Named named, String index) {
            String plan = db.plan(named.name(), named.query());
            assertTrue(named.sorts() || !plan.contains("Sort ResultSet"), named.name() + " sorts:\n" + plan);
            assertFalse(plan.contains("Table Scan ResultSet"), named.name() + " scans a whole table:\n" + plan);
            assertFalse(plan.contains("Hash"), named.name() + " builds a hash table:\n" + plan);
            assertTrue(plan.contains(named.paged() ? "Index Scan ResultSet for PARTICIPANT_RECORD using index IX_RECORD_" : "Index Scan"), named.name()
                    + " does not use its index:\n" + plan);
            assertTrue(index == null || plan.contains("using index " + index)
                    || plan.contains("using constraint " + index.replace("IX_", "FK_")), named.name()
                    + " reads neither " + index + " nor its foreign key's index:\n" + plan);
            Matcher visited = Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
            while (visited.find()) {
                int rows = Integer.parseInt(visited.group(1));
                assertTrue(rows <= named.maxVisited(), named.name() + " visits " + rows + " rows (at most "
                        + named.maxVisited() + " expected) where bob has " + WAITING + " of each:\n" + plan);
            }
        }

        @Test
        void aPageHoldsWhatTheListSays() {
            long bob = db.seeded().bob();
            List<InvitationView> page = db.database().sessionFactory().fromTransaction(s -> InvitationQueries
                    .invitations(s, bob, Status.PENDING, firstPage(bob), FIRST, FIRST));

            assertEquals(PAGE + 1, page.size());
            assertEquals(FIRST, page.get(0).start());
            assertTrue(page.stream().allMatch(v -> v.status() == Status.INVITED));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres {

        PlanDatabase<Seeded> db;

        @BeforeAll
        void seedPostgres(@TempDir Path data) {
            db = PlanDatabase.postgres(data, ListQueryPlanTest::seed, ListQueryPlanTest::meetings, 2 * WAITING);
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Test
        void everyListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(db.seeded())) {
                String plan = db.plan(named.name(), named.query());
                // A page is read in index order; the diary's bounded range may be fetched by a bitmap scan
                // of the list index and its few rows sorted, which PostgreSQL finds cheaper.
                assertTrue(named.paged() ? !plan.contains("Sort") : !plan.contains("Sort Method: external"),
                        named.name() + " sorts:\n" + plan);
                assertFalse(plan.contains("Seq Scan on participant_record"), named.name()
                        + " scans the whole record table:\n" + plan);
                assertFalse(plan.contains("Hash"), named.name() + " builds a hash table:\n" + plan);
                // a merge join read the archive's whole time window of everybody's bookings
                assertFalse(plan.contains("Merge Join"), named.name() + " merges whole ranges:\n" + plan);
                assertTrue(plan.contains(named.paged() ? "Index Scan using ix_record_" : "Index"), named.name()
                        + " does not use its index:\n" + plan);
            }
        }

        @Test
        void everySeriesIsReadThroughItsIndexOnly() {
            for (Named named : seriesQueries(db.seeded())) {
                String plan = db.plan(named.name(), named.query());
                // a grouped count of one page's series may be a hash aggregate of their few occurrences
                assertFalse(plan.contains("Seq Scan"), named.name() + " scans a whole table:\n" + plan);
                assertFalse(plan.contains("Hash Join"), named.name() + " hashes a joined table:\n" + plan);
                assertFalse(plan.contains("Merge Join"), named.name() + " merges whole ranges:\n" + plan);
                assertFalse(plan.contains("Sort Method: external"), named.name() + " sorts on disk:\n" + plan);
                assertTrue(plan.contains("ix_appointment_series"), named.name()
                        + " does not read the series index:\n" + plan);
            }
        }
    }
}
