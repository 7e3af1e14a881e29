package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.invitations.app.Database;
import org.invitations.directory.Associate;
import org.invitations.security.Role;
import org.invitations.shared.PageToken;
import org.invitations.support.QueryPlans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The list queries read only the rows of the page they return, in index order: the plan each database
 * chose for them, on a table where the invitee is one of many and has thousands of records, shows no
 * sort, no full scan, no hash join, and (Derby, which counts) no more rows visited than a page holds.
 * This is what keeps a first page as cheap at 10,000 pending invitations as at 100.
 */
class ListQueryPlanTest {

    private static final int WAITING = 1500;
    private static final int OTHERS = 8;
    private static final int PAGE = 50;
    private static final int DIRECTORY = 2000;
    private static final Instant FIRST = Instant.parse("2031-01-01T08:00:00Z");

    /** What one seeding wrote: the busy invitee, and a time in the middle of its list. */
    record Seeded(long bob, Instant middle) {
    }

    /** Bob waits for an answer to {@code WAITING} meetings and has as many in his diary; others too. */
    static Seeded seed(Database database) {
        return database.sessionFactory().fromTransaction(session -> {
            Instant now = Instant.parse("2030-12-01T00:00:00Z");
            Associate alice = new Associate("alice", "Alice", null, "x", Role.USER);
            Associate bob = new Associate("bob", "Bob", null, "x", Role.USER);
            session.persist(alice);
            session.persist(bob);
            // a directory of some size, so that reading the owners of a page by key is the only good plan
            for (int i = 0; i < DIRECTORY; i++) {
                session.persist(new Associate("colleague" + i, "Colleague " + i, null, "x", Role.USER));
            }
            List<Associate> others = new ArrayList<>();
            for (int i = 0; i < OTHERS; i++) {
                Associate other = new Associate("other" + i, "Other " + i, null, "x", Role.USER);
                session.persist(other);
                others.add(other);
            }
            for (int i = 0; i < 2 * WAITING; i++) {
                Instant start = FIRST.plus(Duration.ofHours(3L * i));
                Appointment meeting = new Appointment(alice, AppointmentType.MEETING,
                        new RecordText("Meeting " + i, null, null), start, start.plusSeconds(3600), now);
                session.persist(meeting);
                ParticipantRecord forBob = ParticipantRecord.forAssociate(meeting, bob, true, false, now);
                if (i % 2 == 1) {
                    forBob.accept(now);
                }
                session.persist(forBob);
                for (Associate other : others) {
                    session.persist(ParticipantRecord.forAssociate(meeting, other, true, false, now));
                }
                if (i % 50 == 0) {
                    session.flush();
                    session.clear();
                    alice = session.getReference(Associate.class, alice.getId());
                    bob = session.getReference(Associate.class, bob.getId());
                    others.replaceAll(o -> session.getReference(Associate.class, o.getId()));
                }
            }
            return new Seeded(bob.getId(), FIRST.plus(Duration.ofHours(3L * WAITING)));
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
        return List.of(
                new Named("GetInvitations, first page", true, PAGE_ROWS, s -> InvitationQueries.invitationRows(s, bob,
                        Status.PENDING, firstPage(bob), FIRST)),
                new Named("GetInvitations, a page in the middle", true, PAGE_ROWS, s -> InvitationQueries.invitationRows(s, bob,
                        Status.PENDING, laterPage(bob, seeded.middle()), FIRST)),
                new Named("GetInvitations, only unseen (5)", true, PAGE_ROWS, s -> InvitationQueries.invitationRows(s, bob,
                        EnumSet.of(Status.INVITED), firstPage(bob), FIRST)),
                new Named("GetDiary, one week in the middle", false, DIARY_WEEK_ROWS, s -> InvitationQueries.diaryRows(s, bob,
                        seeded.middle(), seeded.middle().plus(Duration.ofDays(7)))),
                new Named("the appointments of a page", false, PAGE_ROWS, s -> InvitationQueries.appointmentsOf(s,
                        InvitationQueries.invitationRows(s, bob, Status.PENDING, firstPage(bob), FIRST).stream()
                                .map(row -> (Long) row[1]).toList())),
                new Named("the owners of a page", false, PAGE_ROWS, s -> List.copyOf(InvitationQueries
                        .withAppointments(s, InvitationQueries.invitationRows(s, bob, Status.PENDING, firstPage(bob),
                                FIRST)).values())));
    }

    /**
     * A query, whether it is a page (which must come in index order), the most rows it may visit, and
     * the query itself.
     */
    record Named(String name, boolean paged, int maxVisited, Function<Session, List<?>> query) {
    }

    /** A page's rows, and the one more that says whether a next page follows; twice that, to be safe. */
    private static final int PAGE_ROWS = 2 * (PAGE + 1);
    /**
     * A week of the diary reads the bookings that start from 31 days (the longest meeting) before it
     * to its end: 38 days of bob's diary, which has a meeting every 6 hours; never his whole history.
     */
    private static final int DIARY_WEEK_ROWS = (31 + 7) * 4 + 2;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnDerby {

        Database database;
        Seeded seeded;

        @BeforeAll
        void seedDerby(@TempDir Path data) {
            database = QueryPlans.derby(data);
            seeded = seed(database);
            QueryPlans.updateStatistics(database, true);
        }

        @AfterAll
        void close() {
            database.close();
        }

        @Test
        void everyListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(seeded)) {
                String plan = QueryPlans.derby(database, named.query());
                System.out.println(named.name() + " on Derby:\n" + plan);
                assertFalse(plan.contains("Sort ResultSet"), named.name() + " sorts:\n" + plan);
                assertFalse(plan.contains("Table Scan ResultSet"), named.name() + " scans a whole table:\n" + plan);
                assertFalse(plan.contains("Hash"), named.name() + " builds a hash table:\n" + plan);
                assertTrue(plan.contains(named.paged() ? "Index Scan ResultSet for PARTICIPANT_RECORD using index IX_RECORD_" : "Index Scan"), named.name()
                        + " does not use its index:\n" + plan);
                Matcher visited = Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
                while (visited.find()) {
                    int rows = Integer.parseInt(visited.group(1));
                    assertTrue(rows <= named.maxVisited(), named.name() + " visits " + rows + " rows (at most "
                            + named.maxVisited() + " expected) where bob has " + WAITING + " of each:\n" + plan);
                }
            }
        }

        @Test
        void aPageHoldsWhatTheListSays() {
            List<InvitationView> page = database.sessionFactory().fromTransaction(s -> InvitationQueries.invitations(s,
                    seeded.bob(), Status.PENDING, firstPage(seeded.bob()), FIRST));

            assertEquals(PAGE + 1, page.size());
            assertEquals(FIRST, page.get(0).start());
            assertTrue(page.stream().allMatch(v -> v.status() == Status.INVITED));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres {

        Database database;
        Seeded seeded;

        @BeforeAll
        void seedPostgres(@TempDir Path data) {
            database = QueryPlans.postgres(data);
            seeded = seed(database);
            QueryPlans.updateStatistics(database, false);
        }

        @AfterAll
        void close() {
            database.close();
        }

        @Test
        void everyListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(seeded)) {
                String plan = QueryPlans.postgres(database, named.query());
                System.out.println(named.name() + " on PostgreSQL:\n" + plan);
                // A page is read in index order; the diary's bounded range may be fetched by a bitmap scan
                // of the list index and its few rows sorted, which PostgreSQL finds cheaper.
                assertTrue(named.paged() ? !plan.contains("Sort") : !plan.contains("Sort Method: external"),
                        named.name() + " sorts:\n" + plan);
                assertFalse(plan.contains("Seq Scan on participant_record"), named.name()
                        + " scans the whole record table:\n" + plan);
                assertFalse(plan.contains("Hash"), named.name() + " builds a hash table:\n" + plan);
                assertTrue(plan.contains(named.paged() ? "Index Scan using ix_record_" : "Index"), named.name()
                        + " does not use its index:\n" + plan);
            }
        }
    }
}
