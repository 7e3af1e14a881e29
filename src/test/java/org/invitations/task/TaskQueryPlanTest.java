package org.invitations.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.invitations.app.Database;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentType;
import org.invitations.invitation.NewMeeting;
import org.invitations.invitation.ParticipantKind;
import org.invitations.invitation.RecordList;
import org.invitations.security.Caller;
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
 * A colleague's task list and an owner's Distributed tasks list read the rows of their page only, in
 * index order, when the colleague has thousands of open tasks and the owner has handed out thousands:
 * the plans Derby and PostgreSQL choose show no sort, no full scan, no hash join.
 */
class TaskQueryPlanTest {

    private static final int TASKS = 900;
    private static final int PAGE = 50;
    private static final int OWNERS = 40;
    private static final int OWNER_MEETINGS = 100;
    private static final int PAGE_ROWS = 2 * (PAGE + 1);
    private static final Instant FIRST_DUE = Instant.parse("2031-01-01T16:00:00Z");

    record Seeded(long owner, long colleague, long[] colleagues) {
    }

    /** Alice, bob and carl, eight others, and a directory of 2,000 colleagues. */
    static Seeded seed(Database database) {
        long[] ids = database.sessionFactory().fromTransaction(session -> {
            Instant now = Instant.parse("2030-12-01T00:00:00Z");
            for (int i = 0; i < 2000; i++) {
                Associate colleague = new Associate("colleague" + i, "Colleague " + i, null, "x", Role.USER);
                session.persist(colleague);
                // other owners' meetings, so that the owner's foreign key index looks selective to Derby
                for (int m = 0; i < OWNERS && m < OWNER_MEETINGS; m++) {
                    Instant start = FIRST_DUE.plus(Duration.ofHours(m));
                    session.createNativeMutationQuery("insert into appointment (id, owner_id, type, title, starts_at,"
                                    + " ends_at, sequence_no, created_at) values (?, ?, 'MEETING', 'Meeting', ?, ?, 0, ?)")
                            .setParameter(1, -1L - i * OWNER_MEETINGS - m).setParameter(2, colleague.getId())
                            .setParameter(3, start).setParameter(4, start.plusSeconds(3600)).setParameter(5, now)
                            .executeUpdate();
                }
            }
            Associate alice = new Associate("alice", "Alice", null, "x", Role.USER);
            Associate bob = new Associate("bob", "Bob", null, "x", Role.USER);
            Associate carl = new Associate("carl", "Carl", null, "x", Role.USER);
            session.persist(alice);
            session.persist(bob);
            session.persist(carl);
            List<Long> all = new ArrayList<>(List.of(alice.getId(), bob.getId(), carl.getId()));
            for (int i = 0; i < 8; i++) {
                Associate other = new Associate("other" + i, "Other " + i, null, "x", Role.USER);
                session.persist(other);
                all.add(other.getId());
            }
            return all.stream().mapToLong(Long::longValue).toArray();
        });
        return new Seeded(ids[0], ids[1], ids);
    }

    /**
     * Alice hands tasks {@code from} to {@code to} to bob and nine other colleagues: a third asked
     * (waiting for an answer), two thirds given directly (open), and bob completes half of those (done).
     * Bob's records are then spread over three lists, as an associate's are.
     */
    static void tasks(Database database, Seeded seeded, int from, int to) {
        long[] ids = seeded.colleagues();
        Clock clock = Clock.systemUTC(); // every task its own creation time, as in real use
        TaskService tasks = new TaskService(database.sessionFactory(), clock,
                new AuditLog(database.sessionFactory(), clock));
        Caller alice = new Caller(ids[0], "alice", Role.USER);
        Caller bob = new Caller(ids[1], "bob", Role.USER);
        for (int i = from; i < to; i++) {
            Instant due = FIRST_DUE.plus(Duration.ofDays(i));
            List<NewMeeting.ParticipantRef> colleagues = new ArrayList<>();
            for (int c = 1; c < ids.length; c++) {
                colleagues.add(new NewMeeting.ParticipantRef(ParticipantKind.ASSOCIATE, ids[c]));
            }
            var created = tasks.create(alice, new NewMeeting(AppointmentType.TASK, "Task " + i, null, null, due, due,
                    colleagues, i % 3 == 0, false), null);
            if (i % 3 == 1) {
                tasks.reportProgress(bob, created.participants().get(0).recordId(), 100, null, null);
            }
        }
    }

    /** A query, whether it may sort what it read, the most rows it may visit, and the query itself. */
    record Named(String name, boolean sorts, int maxVisited, Function<Session, List<?>> query) {
    }

    static List<Named> queries(Seeded seeded) {
        return List.of(
                new Named("GetTasks, open, first page", false, PAGE_ROWS, s -> TaskQueries.taskRecords(s, seeded.colleague(),
                        EnumSet.of(RecordList.OPEN_TASKS), null, PAGE + 1)),
                new Named("GetTasks, open, a later page", false, PAGE_ROWS, s -> TaskQueries.taskRecords(s, seeded.colleague(),
                        EnumSet.of(RecordList.OPEN_TASKS), new PageToken(
                                FIRST_DUE.plus(Duration.ofDays(3 * PAGE)), 0), PAGE + 1)),
                new Named("GetDistributedTasks, first page", false, PAGE_ROWS, s -> TaskQueries.distributed(s, seeded.owner(),
                        null, PAGE + 1)),
                new Named("GetDistributedTasks, a later page", false, PAGE_ROWS, s -> {
                    List<Appointment> first = TaskQueries.distributed(s, seeded.owner(), null, PAGE + 1);
                    Appointment last = first.get(first.size() - 2);
                    return TaskQueries.distributed(s, seeded.owner(), new PageToken(last.getCreatedAt(), last.getId()),
                            PAGE + 1);
                }),
                // the ten colleagues' records of each task of a page (and the owner's, passed over), by record id
                new Named("GetDistributedTasks, the colleagues' records of a page", true, (PAGE + 1) * 11 * 2, s -> TaskQueries.colleagueRecords(s,
                        TaskQueries.distributed(s, seeded.owner(), null, PAGE + 1).stream().map(Appointment::getId)
                                .toList())));
    }

    static void assertReadsOnlyItsPage(Named named, String plan) {
        String name = named.name();
        assertTrue(named.sorts() || !plan.contains("Sort"), name + " sorts:\n" + plan);
        assertFalse(plan.contains("Table Scan ResultSet") || plan.contains("Seq Scan"),
                name + " scans a whole table:\n" + plan);
        assertFalse(plan.contains("Hash"), name + " builds a hash table:\n" + plan);
        Matcher visited = Pattern.compile("Number of rows visited=(\\d+)").matcher(plan);
        while (visited.find()) {
            assertTrue(Integer.parseInt(visited.group(1)) <= named.maxVisited(), name + " visits " + visited.group(1)
                    + " rows for a page of " + PAGE + ":\n" + plan);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnDerby {

        PlanDatabase<Seeded> db;

        @BeforeAll
        void seedDerby(@TempDir Path data) {
            db = PlanDatabase.derby(data, TaskQueryPlanTest::seed, TaskQueryPlanTest::tasks, PAGE + 2, TASKS,
                    seeded -> queries(seeded).stream().<Function<Session, List<?>>>map(Named::query).toList());
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Test
        void everyTaskListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(db.seeded())) {
                String plan = db.plan(named.name(), named.query());
                assertReadsOnlyItsPage(named, plan);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres {

        PlanDatabase<Seeded> db;

        @BeforeAll
        void seedPostgres(@TempDir Path data) {
            db = PlanDatabase.postgres(data, TaskQueryPlanTest::seed, TaskQueryPlanTest::tasks, TASKS);
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Test
        void everyTaskListReadsItsPageInIndexOrderOnly() {
            for (Named named : queries(db.seeded())) {
                String plan = db.plan(named.name(), named.query());
                assertReadsOnlyItsPage(named, plan);
            }
        }
    }
}
