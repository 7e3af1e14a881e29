package org.invitations.crash;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invitations.app.DemoData;
import org.invitations.support.Await;
import org.invitations.support.Postgres;
import org.invitations.support.RawSoap;
import org.invitations.support.ReplyFixtures;
import org.invitations.support.ServiceProcess;

/**
 * The crash run of the mailbox reader, the {@code --replies} mode of {@link CrashRun}: {@code mvn -q
 * -DskipTests test-compile exec:exec@crash -Dcrash.args="--replies [--postgres] [--runs=2]"}. GreenMail
 * (SMTP and IMAP on 127.0.0.1) runs in this JVM; the real server runs in its own JVM (the real start
 * command), reading GreenMail's mailbox every second. Alice's 20 meetings with 10 external persons each are
 * created through SOAP, and each person's calendar answers once by mail (200 REPLY messages, each with its
 * own Message-ID, in the styles of Outlook, Google Calendar, Thunderbird and Apple Calendar, accepting,
 * declining or tentative). Once the reader has taken 40 of them in, the server is killed with SIGKILL (odd runs:
 * as soon as 40 are in the done folder, while the reader reads the next or writes its record; even runs: after
 * the 41st's commit, before its move), restarted on the same data, and left to empty the inbox. Checks, straight from the tables
 * with the server stopped and from the mailbox: every message applied exactly once (one calendar_reply read
 * by IMAP and one mailbox_message per Message-ID, the claim pointing at it); each person's answer the one
 * their message gave; the inbox empty and the done folder holding each message once. Exit 1 on any finding.
 *
 * <p>While the first node runs, progress is read from the mailbox, not the database: an embedded Derby
 * belongs to the server's JVM, and the reader moves a message only after its transaction has committed.
 * What had committed when the node died is counted over JDBC once it is dead.
 */
final class ReplyCrashRun {

    static final int MEETINGS = 20;
    static final int PERSONS = 10;
    static final int MESSAGES = MEETINGS * PERSONS;
    /** Messages in the done folder before the kill: some taken in, most still waiting. */
    private static final int MOVED_BEFORE_KILL = 40;
    private static final String UID_DOMAIN = "crash.example";
    private static final String MAILBOX = "replies@" + UID_DOMAIN;
    private static final String LOGIN = "replies";
    private static final String PASSWORD = "mailbox-secret-for-the-crash-run";
    private static final String DONE = "Processed";
    private static final Duration TAKE_IN = Duration.ofSeconds(90);
    /** Findings printed per run; a broken reader would otherwise print one line per message. */
    private static final int SHOWN = 25;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-Id:[^\\r\\n]*$");

    /** A mail client's way of writing a reply, and the answer its fixture gives. */
    private record Style(String fixture, String answer) {
    }

    private static final List<Style> STYLES = List.of(
            new Style("outlook-declined-qp.eml", "DECLINED"),
            new Style("google-accepted-base64.eml", "ACCEPTED"),
            new Style("thunderbird-tentative-folded.eml", "TENTATIVE"),
            new Style("apple-accepted-lf.eml", "ACCEPTED"),
            new Style("google-declined-attachment-only.eml", "DECLINED"));

    /** One person's reply: who, on which meeting, in which style, under which Message-ID. */
    private record Reply(long appointmentId, long personId, String email, Style style, String messageId) {
    }

    static {
        quietAboutDeadClients();
    }

    private final int run;
    private final boolean postgres;
    private final Path data;
    private final String jdbcUrl;
    private final List<String> findings = new ArrayList<>();

    ReplyCrashRun(int run, boolean postgres) throws Exception {
        this.run = run;
        this.postgres = postgres;
        this.data = Files.createTempDirectory("crash-replies-" + run);
        this.jdbcUrl = postgres ? Postgres.freshDatabase() : null;
    }

    /** One run: its findings printed, their number returned. */
    int run() throws Exception {
        Window window = run % 2 == 1 ? Window.BEFORE_COMMIT : Window.BEFORE_MOVE;
        GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        GreenMailUser user = mail.setUser(MAILBOX, LOGIN, PASSWORD);
        long committedAtKill = -1;
        long appliedInTheEnd = -1;
        int movedAtKill = -1;
        try {
            ServiceProcess node = start(mail);
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            HoldBeforeMove hold = new HoldBeforeMove(MOVED_BEFORE_KILL + 1);
            List<Reply> replies;
            CompletableFuture<Void> delivered;
            try {
                replies = meetings(new RawSoap(node.address()));
                if (window == Window.BEFORE_MOVE) {
                    inbox.addListener(hold);
                }
                // The messages arrive while the reader works, as mail does; the kill may land before the last.
                delivered = CompletableFuture.runAsync(() -> deliver(mail, replies));
                await(TAKE_IN, () -> (window == Window.BEFORE_MOVE ? hold.holding()
                                : done(mail, user).size() >= MOVED_BEFORE_KILL) || delivered.isCompletedExceptionally(),
                        () -> done(mail, user).size() + " of " + MESSAGES + " messages in " + DONE
                                + " before the kill");
                movedAtKill = done(mail, user).size();
            } finally {
                node.kill();
                hold.release();
                inbox.removeListener(hold);
            }
            delivered.get(60, TimeUnit.SECONDS);
            committedAtKill = committedReplies();
            if (committedAtKill >= MESSAGES) {
                finding("all " + MESSAGES + " replies had been applied before the kill: the restart had nothing"
                        + " left to take in (lower MOVED_BEFORE_KILL)");
            }
            try (ServiceProcess again = start(mail)) {
                await(TAKE_IN, () -> inbox(mail, user).isEmpty() && done(mail, user).size() >= MESSAGES,
                        () -> inbox(mail, user).size() + " messages left in INBOX, " + done(mail, user).size()
                                + " in " + DONE + " after the restart");
            }
            checkMailbox(mail, user, replies);
            appliedInTheEnd = checkTables(replies);
        } finally {
            mail.stop();
        }
        System.out.printf("run %d (%s, replies by IMAP, killed %s): %d of %d messages moved and %d applied when"
                        + " the node was killed; %d applied after the restart; %d findings%s%n", run,
                postgres ? "PostgreSQL" : "Derby", window.description, movedAtKill, MESSAGES, committedAtKill,
                appliedInTheEnd - committedAtKill, findings.size(),
                findings.isEmpty() ? "" : " (node logs in " + data + ")");
        return findings.size();
    }

    /** Where in the taking in of a message the kill lands; odd runs the first, even runs the second. */
    private enum Window {
        /**
         * Once the reader has moved 40 messages (MOVED_BEFORE_KILL): while it reads the next one or writes its
         * record, before that commits.
         */
        BEFORE_COMMIT("before a commit"),
        /**
         * While the reader holds a message whose record has committed and that is not moved yet: GreenMail
         * holds the reader's STORE \Seen of the 41st message, which comes right before its MOVE, until the node
         * is dead.
         */
        BEFORE_MOVE("between a commit and its move");

        final String description;

        Window(String description) {
            this.description = description;
        }
    }

    /**
     * Holds the reader's STORE \Seen of the n-th message it flags in the folder watched (GreenMail tells its
     * folder's listeners in the IMAP session's thread), until {@link #release()}: the reader then has that
     * message's record committed and waits for its answer before the MOVE.
     */
    private static final class HoldBeforeMove implements FolderListener {

        private final int nth;
        private int flagged;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HoldBeforeMove(int nth) {
            this.nth = nth;
        }

        boolean holding() {
            return holding.getCount() == 0;
        }

        void release() {
            released.countDown();
        }

        /**
         * Told of each STORE: the reader's plain STORE gives no UID, so the n-th that leaves a message \Seen and
         * not \Deleted is the n-th message flagged (the reader flags each once; a \Deleted after a COPY, where
         * a server lacks MOVE, comes after the \Seen).
         */
        @Override
        public void flagsUpdated(int msn, Flags flags, Long uid) {
            if (!flags.contains(Flags.Flag.SEEN) || flags.contains(Flags.Flag.DELETED)) {
                return;
            }
            boolean hold;
            synchronized (this) {
                hold = ++flagged == nth;
            }
            if (hold) {
                holding.countDown();
                try {
                    released.await(TAKE_IN.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void expunged(int msn) {
        }

        @Override
        public void added(int msn) {
        }

        @Override
        public void mailboxDeleted() {
        }
    }

    /**
     * GreenMail's IMAP session with the killed node ends with an exception in its own thread when it answers
     * the dead client (a SocketException); that is the kill, not a finding, and is not printed as a stack trace.
     */
    private static void quietAboutDeadClients() {
        Thread.UncaughtExceptionHandler printing = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (thread.getName().startsWith("imap:") && failure.getCause() instanceof java.net.SocketException) {
                return;
            }
            if (printing != null) {
                printing.uncaughtException(thread, failure);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                failure.printStackTrace();
            }
        });
    }

    /** The server, reading GreenMail's mailbox over plain IMAP every second, on this run's data. */
    private ServiceProcess start(GreenMail mail) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("INVITATIONS_IMAP_PASSWORD", PASSWORD);
        List<String> args = new ArrayList<>(List.of("--uid-domain=" + UID_DOMAIN, "--imap-host=127.0.0.1",
                "--imap-port=" + mail.getImap().getPort(), "--imap-security=NONE", "--imap-user=" + LOGIN,
                "--imap-done-folder=" + DONE, "--imap-poll-seconds=1"));
        if (postgres) {
            env.put("INVITATIONS_JDBC_USER", "postgres");
            env.put("INVITATIONS_JDBC_PASSWORD", "postgres");
            args.add("--jdbc-url=" + jdbcUrl);
        }
        return ServiceProcess.start(data, env, args.toArray(String[]::new));
    }

    /** Alice's meetings, each with the persons of a customer of its own; one reply per person to send. */
    private List<Reply> meetings(RawSoap soap) throws Exception {
        List<Reply> replies = new ArrayList<>();
        for (int m = 0; m < MEETINGS; m++) {
            StringBuilder persons = new StringBuilder();
            for (int k = 0; k < PERSONS; k++) {
                persons.append("<inv:person><inv:fullName>Person ").append(m).append('-').append(k)
                        .append("</inv:fullName><inv:email>").append(email(m, k)).append("</inv:email></inv:person>");
            }
            RawSoap.Reply contact = expect(soap.call("admin", DemoData.ADMIN_PASSWORD, "<inv:CreateContact><inv:name>"
                    + "Customer " + m + "</inv:name>" + persons + "</inv:CreateContact>"), "CreateContact");
            Map<Integer, Long> personIds = new LinkedHashMap<>();
            StringBuilder participants = new StringBuilder();
            for (int k = 0; k < PERSONS; k++) {
                long id = Long.parseLong(contact.xpath("//inv:person[inv:email='" + email(m, k) + "']/inv:personId"));
                personIds.put(k, id);
                participants.append("<inv:participant><inv:personId>").append(id)
                        .append("</inv:personId></inv:participant>");
            }
            RawSoap.Reply meeting = expect(soap.call("alice", DemoData.ALICE_PASSWORD, """
                    <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>Replies %d</inv:title>
                    <inv:start>2034-02-%02dT09:00:00Z</inv:start><inv:end>2034-02-%02dT10:00:00Z</inv:end>
                    <inv:participants>%s</inv:participants></inv:CreateInvitation>""".formatted(m, m + 1, m + 1,
                    participants)), "CreateInvitation");
            long appointmentId = Long.parseLong(meeting.xpath("//inv:appointmentId"));
            for (int k = 0; k < PERSONS; k++) {
                replies.add(new Reply(appointmentId, personIds.get(k), email(m, k),
                        STYLES.get((m * PERSONS + k) % STYLES.size()),
                        "<reply-" + run + "-" + m + "-" + k + "@mail.customer" + m + ".example>"));
            }
        }
        return replies;
    }

    private static String email(int meeting, int person) {
        return "person" + person + "@customer" + meeting + ".example";
    }

    private static RawSoap.Reply expect(RawSoap.Reply reply, String operation) {
        if (reply.status() != 200) {
            throw new IllegalStateException(operation + " answered " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    /** The replies as the persons' calendars write them, sent to the mailbox through GreenMail's SMTP. */
    private static void deliver(GreenMail mail, List<Reply> replies) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        Session session = Session.getInstance(properties);
        try (Transport smtp = session.getTransport("smtp")) {
            smtp.connect();
            Address[] to = {new InternetAddress(MAILBOX)};
            for (Reply reply : replies) {
                Map<String, String> values = Map.of("uid", "appointment-" + reply.appointmentId() + "@" + UID_DOMAIN,
                        "attendee", reply.email(), "ATTENDEE", reply.email().toUpperCase(Locale.ROOT),
                        "organizer", "alice@example.com");
                String text = ReplyFixtures.load(reply.style().fixture(), values);
                Matcher header = MESSAGE_ID.matcher(text);
                if (!header.find()) {
                    throw new IllegalStateException(reply.style().fixture() + " has no Message-ID header");
                }
                text = header.replaceFirst(Matcher.quoteReplacement("Message-ID: " + reply.messageId()));
                // Parsed from its bytes, the message is sent as written: no header of it is rewritten.
                MimeMessage message = new MimeMessage(session,
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
                smtp.sendMessage(message, to);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("delivering the replies to GreenMail failed: " + e.getMessage(), e);
        }
    }

    private static List<StoredMessage> inbox(GreenMail mail, GreenMailUser user) {
        return messages(mail, user, "INBOX");
    }

    private static List<StoredMessage> done(GreenMail mail, GreenMailUser user) {
        return messages(mail, user, DONE);
    }

    /** The messages in a folder of the mailbox, those flagged deleted but not yet expunged included. */
    private static List<StoredMessage> messages(GreenMail mail, GreenMailUser user, String name) {
        MailFolder folder = mail.getManagers().getImapHostManager().getFolder(user, name);
        return folder == null ? List.of() : folder.getMessages();
    }

    /** Waits for a condition; not reached within the bound, it is a finding and the run goes on. */
    private void await(Duration bound, Callable<Boolean> condition, java.util.function.Supplier<String> seen)
            throws Exception {
        try {
            Await.until(bound, condition, seen);
        } catch (AssertionError e) {
            finding(e.getMessage());
        }
    }

    /** A finding; the first {@link #SHOWN} are printed, the others only counted. */
    private void finding(String what) {
        findings.add(what);
        if (findings.size() <= SHOWN) {
            System.out.println("run " + run + ": " + what);
        } else if (findings.size() == SHOWN + 1) {
            System.out.println("run " + run + ": (further findings counted, not shown)");
        }
    }

    /** INBOX empty; the done folder holds each of the messages once, none of them twice. */
    private void checkMailbox(GreenMail mail, GreenMailUser user, List<Reply> replies) throws Exception {
        int left = inbox(mail, user).size();
        if (left != 0) {
            finding(left + " messages left in INBOX");
        }
        Map<String, Integer> moved = new HashMap<>();
        for (StoredMessage message : done(mail, user)) {
            moved.merge(String.valueOf(message.getMimeMessage().getMessageID()).strip(), 1, Integer::sum);
        }
        int total = moved.values().stream().mapToInt(Integer::intValue).sum();
        if (total != MESSAGES) {
            finding(total + " messages in " + DONE + ", not " + MESSAGES);
        }
        for (Reply reply : replies) {
            int copies = moved.getOrDefault(reply.messageId(), 0);
            if (copies != 1) {
                finding(reply.messageId() + " is " + copies + " times in " + DONE);
            }
        }
    }

    /** Calendar replies read by IMAP that had committed: over JDBC, the node dead. */
    private long committedReplies() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return count(statement, "select count(*) from calendar_reply where received_by = 'IMAP'");
        } finally {
            shutdownDerby();
        }
    }

    /**
     * Straight from the tables, the server stopped: each message applied once, each answer as sent. Returns the
     * calendar replies read by IMAP.
     */
    private long checkTables(List<Reply> replies) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            long read = count(statement, "select count(*) from calendar_reply where received_by = 'IMAP'");
            if (read != MESSAGES) {
                finding(read + " calendar replies read by IMAP, not " + MESSAGES);
            }
            try (ResultSet other = statement.executeQuery("select outcome, reason, count(*) from calendar_reply"
                    + " where received_by = 'IMAP' and outcome <> 'APPLIED' group by outcome, reason")) {
                while (other.next()) {
                    finding(other.getLong(3) + " replies read by IMAP " + other.getString(1) + ": "
                            + other.getString(2));
                }
            }
            long claims = count(statement, "select count(*) from mailbox_message");
            if (claims != MESSAGES) {
                finding(claims + " mailbox_message rows, not " + MESSAGES);
            }
            long duplicates = count(statement, "select count(*) from (select mailbox, message_key from mailbox_message"
                    + " group by mailbox, message_key having count(*) > 1) d");
            if (duplicates != 0) {
                finding(duplicates + " Message-IDs claimed more than once in one mailbox");
            }
            long shared = count(statement, "select count(*) from (select calendar_reply_id from mailbox_message"
                    + " where calendar_reply_id is not null group by calendar_reply_id having count(*) > 1) s");
            if (shared != 0) {
                finding(shared + " calendar replies claimed by more than one message");
            }
            Map<String, List<String>> claimed = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select m.message_key, r.received_by, r.outcome,"
                    + " r.person_id, r.answer from mailbox_message m left join calendar_reply r"
                    + " on r.id = m.calendar_reply_id")) {
                while (rows.next()) {
                    claimed.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2)
                            + " " + rows.getString(3) + " person " + rows.getString(4) + " " + rows.getString(5));
                }
            }
            Map<Long, String> answers = new HashMap<>();
            Map<Long, Integer> records = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select person_id, reply_answer from participant_record"
                    + " where person_id is not null")) {
                while (rows.next()) {
                    answers.put(rows.getLong(1), rows.getString(2));
                    records.merge(rows.getLong(1), 1, Integer::sum);
                }
            }
            Map<Long, Long> repliesByPerson = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select person_id, count(*) from calendar_reply"
                    + " where received_by = 'IMAP' and person_id is not null group by person_id")) {
                while (rows.next()) {
                    repliesByPerson.put(rows.getLong(1), rows.getLong(2));
                }
            }
            Set<String> ours = new HashSet<>();
            for (Reply reply : replies) {
                ours.add(reply.messageId());
                String expected = "IMAP APPLIED person " + reply.personId() + " " + reply.style().answer();
                List<String> taken = claimed.getOrDefault(reply.messageId(), List.of());
                if (!taken.equals(List.of(expected))) {
                    finding(reply.messageId() + " (" + reply.style().fixture() + "): claimed as " + taken
                            + ", expected [" + expected + "]");
                }
                long applied = repliesByPerson.getOrDefault(reply.personId(), 0L);
                if (applied != 1) {
                    finding("person " + reply.personId() + " has " + applied + " replies read by IMAP, not 1");
                }
                if (records.getOrDefault(reply.personId(), 0) != 1
                        || !reply.style().answer().equals(answers.get(reply.personId()))) {
                    finding("person " + reply.personId() + " (" + reply.style().fixture() + ") shows "
                            + answers.get(reply.personId()) + " on " + records.getOrDefault(reply.personId(), 0)
                            + " records, expected " + reply.style().answer() + " on one");
                }
            }
            for (String key : claimed.keySet()) {
                if (!ours.contains(key)) {
                    finding("a claim for a message never sent: " + key);
                }
            }
            return read;
        } finally {
            shutdownDerby();
        }
    }

    private Connection connect() throws SQLException {
        return postgres ? DriverManager.getConnection(jdbcUrl, "postgres", "postgres")
                : DriverManager.getConnection(derbyUrl());
    }

    private String derbyUrl() {
        return "jdbc:derby:" + data.resolve("db").toAbsolutePath();
    }

    /** Lets the next server boot the database this JVM opened (Derby is embedded: one JVM at a time). */
    private void shutdownDerby() {
        if (postgres) {
            return;
        }
        try {
            DriverManager.getConnection(derbyUrl() + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
