package org.invitations.reply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import jakarta.mail.internet.InternetHeaders;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the mailbox that external persons' calendar programs answer to (IMAP, Eclipse Angus Mail) and hands each
 * message to {@link ReplyService#receiveOnce}: every message is taken in exactly once, then moved to the done
 * folder and flagged \Seen, whatever was done with it (applied, unchanged or refused).
 *
 * <p>Exactly once: the claim of a message (mailbox, Message-ID) is committed with its record, in one transaction,
 * and the move comes after. Killed before that commit, nothing happened and the message is taken in after the
 * restart; killed after it but before the move, the claim is there and the message is only moved on. Two nodes
 * reading one mailbox may both fetch a message: one commits, the other finds the claim and moves on; a move of a
 * message the other node already moved is no error. Messages are named by UID in every command (UID SEARCH, UID
 * FETCH, UID STORE, UID MOVE): while another node moves messages out of the folder, sequence numbers shift under
 * this session, and a number could pair one message's Message-ID with another's text, or move a message no one
 * took in.
 *
 * <p>A message larger than {@link ReplyService#MAX_MESSAGE_CHARS} (by the mailbox's RFC822.SIZE) is not
 * downloaded: it is recorded as refused with the size. An IMAP or database error on one message is logged (never
 * the message's text) and the pass goes on with the next, which leaves that message for the next pass; a lost
 * connection ends the pass, is logged once per outage, and the next poll connects again.
 *
 * <p>One thread per node ({@code imap-reader}), polling every {@link Settings#pollSeconds()} from one poll after
 * the start; {@link #close()} lets the message in hand finish and starts no transaction after that. Tests call
 * {@link #pollOnce()} themselves.
 */
public final class MailboxReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReader.class);

    /** Messages taken in per pass at most, oldest first; the rest wait for the next pass. */
    public static final int MAX_PER_PASS = 200;

    /** The longest Message-ID kept as written; a longer one is kept as its hash. */
    static final int MAX_MESSAGE_ID = 250;

    /** How the connection to the IMAP server is protected. */
    public enum Security {
        /** IMAP over TLS from the first byte (imaps, port 993): the default. */
        TLS,
        /** Plain IMAP upgraded with STARTTLS before logging in, or no connection (port 143). */
        STARTTLS,
        /** Plain text throughout (port 143): only for a server on this machine or a trusted network. */
        NONE
    }

    /**
     * Where the mailbox is and how to read it.
     *
     * @param host        the IMAP server; also the name its certificate must carry
     * @param port        993 with TLS, 143 otherwise, unless it listens elsewhere
     * @param folder      the folder replies arrive in (INBOX)
     * @param doneFolder  where messages go once taken in (Processed); created if missing
     * @param pollSeconds how often the mailbox is read, 1-3600
     * @param timeout     connect and read timeout of each IMAP command
     */
    public record Settings(String host, int port, Security security, String username, String password,
                           String folder, String doneFolder, int pollSeconds, Duration timeout) {

        public static final String DEFAULT_FOLDER = "INBOX";
        public static final String DEFAULT_DONE_FOLDER = "Processed";
        public static final int DEFAULT_POLL_SECONDS = 30;
        public static final int MAX_POLL_SECONDS = 3600;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(doneFolder, "doneFolder");
            Objects.requireNonNull(timeout, "timeout");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the IMAP reader needs a host");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("IMAP port " + port + " is not 1-65535");
            }
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("--imap-host needs --imap-user (INVITATIONS_IMAP_USER): the"
                        + " mailbox is read as that user, with its password in INVITATIONS_IMAP_PASSWORD");
            }
            if (password == null) {
                throw new IllegalArgumentException("--imap-user needs its password in INVITATIONS_IMAP_PASSWORD");
            }
            if (folder.isBlank() || doneFolder.isBlank()) {
                throw new IllegalArgumentException("the IMAP folders need a name");
            }
            if (folder.equalsIgnoreCase(doneFolder)) {
                throw new IllegalArgumentException("the IMAP done folder must differ from the folder read: "
                        + doneFolder);
            }
            if (pollSeconds < 1 || pollSeconds > MAX_POLL_SECONDS) {
                throw new IllegalArgumentException("the IMAP poll interval must be 1-" + MAX_POLL_SECONDS
                        + " seconds: " + pollSeconds);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the IMAP timeout must be positive");
            }
            if (mailboxOf(username, host, port, folder).length() > MailboxMessage.MAX_NAME) {
                throw new IllegalArgumentException("the IMAP user, host and folder together are longer than "
                        + MailboxMessage.MAX_NAME + " characters");
            }
        }

        /** The mailbox on host:port as user, with the defaults: INBOX, Processed, every 30 s. */
        public static Settings of(String host, int port, Security security, String username, String password) {
            return new Settings(host, port, security, username, password, DEFAULT_FOLDER, DEFAULT_DONE_FOLDER,
                    DEFAULT_POLL_SECONDS, DEFAULT_TIMEOUT);
        }

        /** The port IMAP listens on by default with this security: 993 for TLS, 143 otherwise. */
        public static int defaultPort(Security security) {
            return security == Security.TLS ? 993 : 143;
        }

        public Settings withFolders(String read, String done) {
            return new Settings(host, port, security, username, password, read, done, pollSeconds, timeout);
        }

        public Settings withPollSeconds(int seconds) {
            return new Settings(host, port, security, username, password, folder, doneFolder, seconds, timeout);
        }

        public Settings withTimeout(Duration value) {
            return new Settings(host, port, security, username, password, folder, doneFolder, pollSeconds, value);
        }

        /** {@code user@host:port/folder}: the name the claims of this mailbox's messages carry. */
        public String mailbox() {
            return mailboxOf(username, host, port, folder);
        }

        private static String mailboxOf(String username, String host, int port, String folder) {
            return username + "@" + host + ":" + port + "/" + folder;
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "MailboxReader.Settings[host=" + host + ", port=" + port + ", security=" + security
                    + ", username=" + username + ", password=****, folder=" + folder + ", doneFolder=" + doneFolder
                    + ", pollSeconds=" + pollSeconds + ", timeout=" + timeout + "]";
        }
    }

    /** What a message came to, as the metric counts it. */
    public enum Outcome {
        APPLIED, UNCHANGED, REFUSED, DUPLICATE, FAILED
    }

    /**
     * What one pass did.
     *
     * @param reached      whether the mailbox could be read at all
     * @param takenIn      messages recorded (applied, unchanged or refused) and moved on
     * @param alreadyTaken messages taken in before (a restart, another node), only moved on
     * @param failed       messages left in the folder for the next pass (an IMAP or database error)
     * @param outcomes     the same per outcome
     */
    public record Pass(boolean reached, int takenIn, int alreadyTaken, int failed, Map<Outcome, Integer> outcomes) {

        static Pass unreached() {
            return new Pass(false, 0, 0, 0, Map.of());
        }

        /** The pass's counts from its outcomes: taken in is every outcome but a duplicate or a failure. */
        static Pass of(boolean reached, Map<Outcome, Integer> outcomes) {
            int duplicates = outcomes.getOrDefault(Outcome.DUPLICATE, 0);
            int failed = outcomes.getOrDefault(Outcome.FAILED, 0);
            int takenIn = outcomes.values().stream().mapToInt(Integer::intValue).sum() - duplicates - failed;
            return new Pass(reached, takenIn, duplicates, failed, Collections.unmodifiableMap(outcomes));
        }
    }

    private final Settings settings;
    private final ReplyService replies;
    private final Session mail;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final ScheduledExecutorService thread;
    /** One pass at a time, whether the thread's or a caller's. */
    private final ReentrantLock passing = new ReentrantLock();
    private volatile boolean stopping;
    /** Guarded by passing. */
    private Store store;
    /** Guarded by passing: whether the last pass could not reach the mailbox (logged once per outage). */
    private boolean outage;

    public MailboxReader(Settings settings, ReplyService replies, MeterRegistry metrics) {
        this.settings = settings;
        this.replies = replies;
        this.mail = Session.getInstance(properties(settings));
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("invitations.imap.messages")
                    .description("Messages of the replies mailbox by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(metrics));
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-reader");
            t.setDaemon(true);
            return t;
        });
    }

    private static Properties properties(Settings settings) {
        String protocol = protocol(settings);
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".host", settings.host());
        properties.put("mail." + protocol + ".port", Integer.toString(settings.port()));
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        // the message is read for its text, never flagged \Seen by a read: that comes with the move
        properties.put("mail." + protocol + ".peek", "true");
        if (settings.security() == Security.STARTTLS) {
            properties.put("mail.imap.starttls.enable", "true");
            properties.put("mail.imap.starttls.required", "true");
        }
        if (settings.security() != Security.NONE) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return properties;
    }

    private static String protocol(Settings settings) {
        return settings.security() == Security.TLS ? "imaps" : "imap";
    }

    /** Starts polling, the first pass one interval from now. */
    public void start() {
        long every = settings.pollSeconds();
        thread.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.SECONDS);
        LOG.info("Reading calendar replies from {} every {} s, moving them to {}", settings.mailbox(), every,
                settings.doneFolder());
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (RuntimeException unexpected) {
            LOG.error("The mailbox pass failed; the next one tries again", unexpected);
        }
    }

    /**
     * One pass over the mailbox: connects (or reuses the connection), takes in up to {@value #MAX_PER_PASS}
     * messages, oldest first, and moves each to the done folder. Waits for a pass in progress.
     */
    public Pass pollOnce() {
        passing.lock();
        try {
            if (stopping) {
                return Pass.unreached();
            }
            return pass();
        } finally {
            passing.unlock();
        }
    }

    private Pass pass() {
        IMAPFolder folder = null;
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        try {
            Store connected = connected();
            folder = (IMAPFolder) connected.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            Folder done = connected.getFolder(settings.doneFolder());
            if (!done.exists() && !done.create(Folder.HOLDS_MESSAGES) && !done.exists()) {
                throw new MessagingException("the folder " + settings.doneFolder() + " could not be created");
            }
            boolean move = ((IMAPStore) connected).hasCapability("MOVE");
            boolean uidExpunge = ((IMAPStore) connected).hasCapability("UIDPLUS");
            for (long uid : uids(folder)) {
                if (stopping) {
                    break;
                }
                Outcome outcome = takeIn(folder, done.getFullName(), move, uidExpunge, uid);
                outcomes.merge(outcome, 1, Integer::sum);
                counters.get(outcome).increment();
            }
            if (outage) {
                LOG.info("The mailbox {} is reachable again", settings.mailbox());
                outage = false;
            }
        } catch (ConnectionLost | MessagingException unreachable) {
            return unreached(unreachable, outcomes);
        } finally {
            closeQuietly(folder);
        }
        return Pass.of(true, outcomes);
    }

    private Pass unreached(Exception why, Map<Outcome, Integer> outcomes) {
        if (!outage) {
            LOG.warn("The mailbox {} cannot be read; trying again every {} s: {}", settings.mailbox(),
                    settings.pollSeconds(), describe(why));
            outage = true;
        }
        disconnect();
        return Pass.of(false, outcomes);
    }

    /** A lost connection in the middle of a message: ends the pass. */
    private static final class ConnectionLost extends Exception {
        ConnectionLost(MessagingException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private Store connected() throws MessagingException {
        if (store != null && store.isConnected()) {
            return store;
        }
        disconnect();
        Store fresh = mail.getStore(protocol(settings));
        fresh.connect(settings.host(), settings.port(), settings.username(), settings.password());
        store = fresh;
        return fresh;
    }

    /*
     * Every command names messages by UID, never by sequence number: while another node reading the same folder
     * moves messages away, a message's number changes under this session (and some servers renumber before they
     * tell), but its UID never does. A UID that is gone answers nothing, which is no error.
     */

    /** The UIDs of the folder's messages, oldest first, at most {@value #MAX_PER_PASS}. */
    @SuppressWarnings("unchecked")
    private static List<Long> uids(IMAPFolder folder) throws MessagingException {
        return (List<Long>) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID SEARCH ALL", null);
            Response result = responses[responses.length - 1];
            List<Long> uids = new ArrayList<>();
            if (result.isOK()) {
                for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof IMAPResponse found && found.keyEquals("SEARCH")) {
                        for (long uid = found.readLong(); uid != -1; uid = found.readLong()) {
                            uids.add(uid);
                        }
                        responses[i] = null;
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(result);
            Collections.sort(uids);
            return uids.size() > MAX_PER_PASS ? new ArrayList<>(uids.subList(0, MAX_PER_PASS)) : uids;
        });
    }

    /** What a UID FETCH answered for one message; null when the message is gone (another node moved it). */
    private static FetchResponse fetch(IMAPFolder folder, long uid, String items) throws MessagingException {
        return (FetchResponse) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + uid + " (UID " + items + ")", null);
            Response result = responses[responses.length - 1];
            FetchResponse answer = null;
            if (result.isOK()) {
                for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof FetchResponse fetched) {
                        UID of = fetched.getItem(UID.class);
                        if (of != null && of.uid == uid) {
                            answer = fetched;
                            responses[i] = null;
                        }
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(result);
            return answer;
        });
    }

    private static void uidCommand(IMAPFolder folder, String command) throws MessagingException {
        folder.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
    }

    /** Claims and records one message, then moves it on; never throws but for a lost connection. */
    private Outcome takeIn(IMAPFolder folder, String done, boolean move, boolean uidExpunge, long uid)
            throws ConnectionLost {
        String key = null;
        Outcome outcome;
        String reason;
        try {
            FetchResponse head = fetch(folder, uid, "RFC822.SIZE BODY.PEEK[HEADER]");
            if (head == null || head.getItem(BODY.class) == null) {
                return Outcome.DUPLICATE; // moved by another node meanwhile
            }
            byte[] headers = head.getItem(BODY.class).getByteArray().getNewBytes();
            RFC822SIZE size = head.getItem(RFC822SIZE.class);
            Optional<CalendarReply> taken;
            if (size != null && ReplyService.tooLargeToRead(size.size)) {
                key = keyOf(headers, headers);
                taken = replies.refuseUnread(settings.mailbox(), key, size.size, sha256(headers));
            } else {
                FetchResponse whole = fetch(folder, uid, "BODY.PEEK[]");
                if (whole == null || whole.getItem(BODY.class) == null) {
                    return Outcome.DUPLICATE;
                }
                byte[] raw = whole.getItem(BODY.class).getByteArray().getNewBytes();
                key = keyOf(raw, raw);
                taken = replies.receiveOnce(settings.mailbox(), key, new String(raw, StandardCharsets.UTF_8));
            }
            outcome = taken.map(reply -> Outcome.valueOf(reply.getOutcome().name())).orElse(Outcome.DUPLICATE);
            reason = taken.isEmpty() ? "taken in before" : taken.get().getReason();
        } catch (FolderClosedException | StoreClosedException lost) {
            throw new ConnectionLost(lost);
        } catch (MessagingException | RuntimeException failed) {
            LOG.warn("Mailbox message {} (UID {}) failed and stays in {} for the next pass: {}", key, uid,
                    settings.folder(), describe(failed));
            return Outcome.FAILED;
        }
        LOG.info("Mailbox message {}: {}{}", key, outcome, reason == null ? "" : " (" + reason + ")");
        moveOn(folder, done, move, uidExpunge, uid, key);
        return outcome;
    }

    /**
     * Moves the message to the done folder, \Seen: UID MOVE (RFC 6851), or where the server lacks it UID COPY,
     * \Deleted and UID EXPUNGE (RFC 4315; a plain EXPUNGE without UIDPLUS). One another node moved already is no
     * error.
     */
    private void moveOn(IMAPFolder folder, String done, boolean move, boolean uidExpunge, long uid, String key)
            throws ConnectionLost {
        String target = quoted(BASE64MailboxEncoder.encode(done));
        try {
            uidCommand(folder, "UID STORE " + uid + " +FLAGS.SILENT (\\Seen)");
            if (move) {
                uidCommand(folder, "UID MOVE " + uid + " " + target);
            } else {
                uidCommand(folder, "UID COPY " + uid + " " + target);
                uidCommand(folder, "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)");
                uidCommand(folder, uidExpunge ? "UID EXPUNGE " + uid : "EXPUNGE");
            }
        } catch (FolderClosedException | StoreClosedException lost) {
            throw new ConnectionLost(lost);
        } catch (MessagingException failed) {
            // taken in already: the next pass finds its claim and moves it on
            LOG.warn("Mailbox message {} was taken in but could not be moved to {}; the next pass moves it: {}",
                    key, settings.doneFolder(), describe(failed));
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The message's key: its Message-ID as written (trimmed, unfolded), read from the text fetched, so that the
     * key and the text are always of one message; without one, or a longer one, a hash of the message (of its
     * header block for a message not downloaded).
     */
    private static String keyOf(byte[] headers, byte[] whole) throws MessagingException {
        String[] ids = new InternetHeaders(new ByteArrayInputStream(headers)).getHeader("Message-ID");
        String id = ids == null || ids.length == 0 ? null : ids[0].replaceAll("\\r?\\n[ \\t]*", " ").strip();
        if (id != null && !id.isEmpty() && id.length() <= MAX_MESSAGE_ID) {
            return id;
        }
        if (id != null && !id.isEmpty()) {
            return "sha256:" + sha256(id);
        }
        return "sha256:" + sha256(whole);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + (root == failure ? "" : " / " + root.getClass().getSimpleName())
                + ": " + root.getMessage();
    }

    private static void closeQuietly(Folder folder) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // the connection is gone: the next pass opens it again
        }
    }

    private void disconnect() {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // closing a lost connection
            }
            store = null;
        }
    }

    /**
     * Stops polling: the message in hand is finished (recorded and moved), no other is started, and the
     * connection is closed.
     */
    @Override
    public void close() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(settings.timeout().toSeconds() * 3 + 5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        passing.lock();
        try {
            disconnect();
        } finally {
            passing.unlock();
        }
    }
}
