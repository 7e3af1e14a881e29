package org.invitations.notification;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished messages to the configured SMTP relay (the organisation's mail server or a mail
 * provider's submission port), one connection per message: confirmations are few, and a fresh
 * connection never finds a relay that dropped it while idle.
 *
 * <p>Every wait is bounded (connect, then each read and write), so a relay that does not answer costs
 * seconds, not a thread. A failure says whether to try again ({@link DeliveryFailed#retryable()}): the
 * relay down or unreachable, a timeout, a 4xx reply ("try later", greylisting) are worth a retry; a 5xx
 * reply (address or message refused, authentication refused), a certificate that does not check out, or
 * STARTTLS required but not offered are not. When the relay refuses one recipient the message goes to
 * none (Jakarta Mail's default), so a retry does not send it twice.
 */
public final class SmtpRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpRelay.class);
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5][0-9][0-9])\\b");

    /** Whether the connection is upgraded to TLS with STARTTLS before anything else is said. */
    public enum StartTls {
        /** Plain text throughout: only for a relay on this machine or a trusted network. */
        OFF,
        /** Upgrade when the relay offers it, go on in plain text when it does not. */
        IF_OFFERED,
        /** Upgrade or send nothing (the default): credentials and messages never cross the network in clear. */
        REQUIRED
    }

    /**
     * Where and how to reach the relay.
     *
     * @param host           the relay's host name; also the name its certificate must carry
     * @param port           25, 587 (submission) or whatever the relay listens on
     * @param startTls       see {@link StartTls}
     * @param username       null for a relay that takes mail without logging in
     * @param password       with the username
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout    how long to wait for each reply (and each write)
     */
    public record Settings(String host, int port, StartTls startTls, String username, String password,
                           Duration connectTimeout, Duration readTimeout) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(startTls, "startTls");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the SMTP relay needs a host");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("SMTP port " + port + " is not 1-65535");
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("an SMTP username and password go together");
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(readTimeout, "readTimeout");
        }

        /** The relay at host:port with STARTTLS required, no login, and 10 s timeouts. */
        public static Settings relay(String host, int port) {
            return new Settings(host, port, StartTls.REQUIRED, null, null, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
        }

        public Settings withStartTls(StartTls value) {
            return new Settings(host, port, value, username, password, connectTimeout, readTimeout);
        }

        /** Log in with AUTH (PLAIN or LOGIN, as the relay offers). */
        public Settings withLogin(String user, String secret) {
            return new Settings(host, port, startTls, user, secret, connectTimeout, readTimeout);
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(host, port, startTls, username, password, connect, read);
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "SmtpRelay.Settings[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username="
                    + username + ", password=" + (password == null ? null : "****") + ", connectTimeout="
                    + connectTimeout + ", readTimeout=" + readTimeout + "]";
        }

        private static void requirePositive(Duration timeout, String name) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be a positive number of milliseconds: " + timeout);
            }
        }
    }

    private final Settings settings;
    private final Session session;

    public SmtpRelay(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(properties(settings));
        if (settings.username() != null && settings.startTls() != StartTls.REQUIRED) {
            LOG.warn("The SMTP login for {}:{} may cross the network in clear: STARTTLS is {}, not REQUIRED",
                    settings.host(), settings.port(), settings.startTls());
        }
    }

    static Properties properties(Settings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls() != StartTls.OFF));
        properties.setProperty("mail.smtp.starttls.required",
                Boolean.toString(settings.startTls() == StartTls.REQUIRED));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        return properties;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Sends one message to every address in its To, Cc and Bcc headers (Bcc is not passed on), with its
     * From as the envelope sender.
     *
     * @param mime an RFC 5322 message, such as {@link Confirmation#mime()}
     * @return the message's Message-ID, or null when it has none
     * @throws DeliveryFailed           when the relay did not take it; see {@link DeliveryFailed#retryable()}
     * @throws IllegalArgumentException when the text names no recipient
     */
    public String send(String mime) throws DeliveryFailed {
        return send(mime, session);
    }

    /**
     * {@link #send(String)} within {@code deadline} for the whole conversation: the per-step timeouts
     * bound each wait, but a relay that trickles its replies a byte at a time would pass every one of
     * them. At the deadline the connection is closed under the conversation, which then fails as a
     * retryable "timed out after ...".
     */
    public String send(String mime, Duration deadline) throws DeliveryFailed {
        Duration step = deadline.compareTo(settings.readTimeout()) < 0 ? deadline : settings.readTimeout();
        Duration connect = deadline.compareTo(settings.connectTimeout()) < 0 ? deadline : settings.connectTimeout();
        Properties properties = properties(settings.withTimeouts(connect, step));
        AbortableSockets sockets = new AbortableSockets();
        properties.put("mail.smtp.socketFactory", sockets);
        properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(sockets::abort);
        try {
            return send(mime, Session.getInstance(properties));
        } catch (DeliveryFailed failed) {
            if (sockets.aborted()) {
                throw DeliveryFailed.retryable("SMTP relay " + settings.host() + ":" + settings.port()
                        + " timed out after " + BoundedAnswer.text(deadline), 0, failed);
            }
            throw failed;
        } finally {
            sockets.finished();
        }
    }

    private String send(String mime, Session conversation) throws DeliveryFailed {
        MimeMessage message;
        Address[] recipients;
        String messageId;
        try {
            message = new MimeMessage(conversation, new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            recipients = message.getAllRecipients();
            messageId = message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a message: " + e.getMessage(), e);
        }
        if (recipients == null || recipients.length == 0) {
            throw new IllegalArgumentException("the message names no recipient (To, Cc or Bcc)");
        }
        Transport transport = null;
        try {
            transport = conversation.getTransport("smtp");
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            // Not Transport.send: that would save changes first, and give the message a new Message-ID.
            transport.sendMessage(message, recipients);
        } catch (MessagingException e) {
            DeliveryFailed failed = classify(e, settings.host() + ":" + settings.port());
            LOG.debug("{} not sent: {}", messageId, failed.getMessage());
            throw failed;
        } finally {
            closeQuietly(transport);
        }
        LOG.debug("Sent {} to {} recipient(s) through {}:{}", messageId, recipients.length, settings.host(),
                settings.port());
        return messageId;
    }

    /**
     * Makes the plain sockets of one conversation (STARTTLS wraps them) and closes them when asked to,
     * unless the conversation has finished by then.
     */
    private static final class AbortableSockets extends SocketFactory {

        private final List<Socket> sockets = new ArrayList<>();
        private boolean finished;
        private boolean aborted;

        private synchronized Socket track(Socket socket) throws IOException {
            if (aborted) {
                socket.close();
                throw new SocketException("the try's deadline has passed");
            }
            sockets.add(socket);
            return socket;
        }

        synchronized void abort() {
            if (finished) {
                return;
            }
            aborted = true;
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }
        }

        synchronized void finished() {
            finished = true;
        }

        synchronized boolean aborted() {
            return aborted;
        }

        @Override
        public Socket createSocket() throws IOException {
            return track(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return track(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
                throws IOException {
            return track(new Socket(address, port, local, localPort));
        }
    }

    /** After the relay took the message, a failed QUIT changes nothing. */
    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection: {}", e.getMessage());
            }
        }
    }

    /**
     * Retry or not: any 5xx reply in the exception chain makes it permanent, otherwise any 4xx reply
     * makes it retryable; without a reply, a failed connection or I/O is retryable, except a TLS
     * handshake or certificate that failed, and anything else (STARTTLS required but not offered,
     * no AUTH offered for our login) is permanent.
     */
    static DeliveryFailed classify(MessagingException failure, String relay) {
        List<Throwable> chain = chain(failure);
        List<Integer> codes = new ArrayList<>();
        for (Throwable t : chain) {
            int code = replyCode(t);
            if (code > 0) {
                codes.add(code);
            }
        }
        String message = "SMTP relay " + relay + ": " + describe(failure);
        int permanent = codes.stream().filter(c -> c >= 500).findFirst().orElse(0);
        if (permanent > 0) {
            return DeliveryFailed.permanent(message, permanent, failure);
        }
        int temporary = codes.stream().filter(c -> c >= 400 && c < 500).findFirst().orElse(0);
        if (temporary > 0) {
            return DeliveryFailed.retryable(message, temporary, failure);
        }
        if (chain.stream().anyMatch(t -> t instanceof SSLHandshakeException || t instanceof CertificateException)) {
            return DeliveryFailed.permanent(message, 0, failure);
        }
        if (chain.stream().anyMatch(t -> t instanceof MailConnectException || t instanceof IOException)) {
            return DeliveryFailed.retryable(message, 0, failure);
        }
        return DeliveryFailed.permanent(message, 0, failure);
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof AuthenticationFailedException && t.getMessage() != null) {
            Matcher matcher = REPLY_CODE.matcher(t.getMessage());
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }
        return 0;
    }

    /** The failure and its nested ones (a refused recipient hangs below "Invalid Addresses"), each once. */
    private static List<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> chain = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            chain.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return chain;
    }

    private static String describe(MessagingException failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()).strip());
        for (Throwable t : chain(failure)) {
            if (t != failure && t.getMessage() != null && !text.toString().contains(t.getMessage().strip())) {
                text.append("; ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }
}
