package org.invitations.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invitations.reply.MailboxReader;

/**
 * The replies mailbox for tests: GreenMail as SMTP relay and IMAP server on free ports of 127.0.0.1, plain text
 * (security NONE), one user. Messages are delivered over SMTP byte for byte as the fixtures write them (only
 * dot-stuffed, as SMTP wants); the folders are looked into over IMAP as any client would.
 */
public final class GreenMailbox implements AutoCloseable {

    public static final String ADDRESS = "replies@invitations.example";
    public static final String LOGIN = "replies";
    public static final String PASSWORD = "secret-replies";
    public static final String DONE = "Processed";

    private static final AtomicInteger FRESH = new AtomicInteger();
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-Id:[^\\r\\n]*");

    private final int imapPort;
    private final int smtpPort;
    private GreenMail greenMail;

    public GreenMailbox() {
        this.imapPort = TestServer.freePort();
        this.smtpPort = TestServer.freePort();
        start();
    }

    /** Starts GreenMail (again, after {@link #stop()}), with the replies user. */
    public void start() {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        greenMail.setUser(ADDRESS, LOGIN, PASSWORD);
    }

    /** Stops GreenMail: the IMAP port refuses connections until {@link #start()}. */
    public void stop() {
        greenMail.stop();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** How the service reads this mailbox: plain IMAP on 127.0.0.1, INBOX to Processed, never polled by itself. */
    public MailboxReader.Settings settings() {
        return MailboxReader.Settings.of("127.0.0.1", imapPort, MailboxReader.Security.NONE, LOGIN, PASSWORD)
                .withPollSeconds(MailboxReader.Settings.MAX_POLL_SECONDS);
    }

    /** A Message-ID no other message of the run has. */
    public static String freshMessageId() {
        return "<reply-" + FRESH.incrementAndGet() + "." + System.nanoTime() + "@fjordline.example>";
    }

    /** The message with its Message-ID header replaced by {@code messageId} (added when it has none). */
    public static String withMessageId(String mime, String messageId) {
        Matcher header = MESSAGE_ID.matcher(mime);
        if (header.find()) {
            return header.replaceFirst(Matcher.quoteReplacement("Message-ID: " + messageId));
        }
        String eol = mime.contains("\r\n") ? "\r\n" : "\n";
        return "Message-ID: " + messageId + eol + mime;
    }

    /**
     * The calendar part alone as the simplest client mails it (RFC 6047): one inline text/calendar part with
     * method=REPLY, 7bit, CRLF.
     */
    public static String mailOf(String calendar, String from, String messageId) {
        String body = calendar.replace("\r\n", "\n").replace("\n", "\r\n");
        return "From: " + from + "\r\n"
                + "To: alice@example.com\r\n"
                + "Subject: Reply\r\n"
                + "Date: Fri, 21 Dec 2029 12:00:00 +0100\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/calendar; method=REPLY; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "\r\n"
                + body + (body.endsWith("\r\n") ? "" : "\r\n");
    }

    /** Hands the message to GreenMail's SMTP server for the replies address, as a relay would. */
    public void deliver(String mime) {
        try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            say(out, "HELO test.example");
            expect(in, "250");
            say(out, "MAIL FROM:<ola@fjordline.example>");
            expect(in, "250");
            say(out, "RCPT TO:<" + ADDRESS + ">");
            expect(in, "250");
            say(out, "DATA");
            expect(in, "354");
            StringBuilder data = new StringBuilder(mime.length() + 1024);
            int from = 0;
            while (from < mime.length()) {
                int end = mime.indexOf('\n', from);
                String line = end < 0 ? mime.substring(from) : mime.substring(from, end + 1);
                if (line.startsWith(".")) {
                    data.append('.');
                }
                data.append(line);
                from = end < 0 ? mime.length() : end + 1;
            }
            if (!mime.endsWith("\r\n")) {
                // the end of DATA is CRLF.CRLF; a message written with bare LF gets one CRLF more
                data.append("\r\n");
            }
            out.write(data.toString().getBytes(StandardCharsets.UTF_8));
            say(out, ".");
            expect(in, "250");
            say(out, "QUIT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP: expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Messages in the folder; 0 for a folder that does not exist. */
    public int count(String folder) {
        return read(folder, Folder::getMessageCount, 0);
    }

    /** The Message-IDs in the folder, oldest first, and whether each is flagged \Seen. */
    public List<String> messageIds(String folder) {
        return read(folder, f -> {
            List<String> ids = new ArrayList<>();
            for (Message message : f.getMessages()) {
                String[] id = message.getHeader("Message-ID");
                ids.add((id == null ? "(none)" : id[0]) + (message.isSet(Flags.Flag.SEEN) ? " seen" : " unseen"));
            }
            return ids;
        }, List.of());
    }

    /** Copies every message of {@code from} into {@code to}, as a user dragging them back would. */
    public void copyAll(String from, String to) {
        read(from, f -> {
            Folder target = f.getStore().getFolder(to);
            f.copyMessages(f.getMessages(), target);
            return null;
        }, null);
    }

    private interface FolderWork<T> {
        T on(Folder folder) throws MessagingException;
    }

    private <T> T read(String name, FolderWork<T> work, T missing) {
        Properties properties = new Properties();
        properties.put("mail.imap.peek", "true");
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", imapPort, LOGIN, PASSWORD);
            try {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    return missing;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    return work.on(folder);
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("GreenMail over IMAP: " + e, e);
        }
    }
}
