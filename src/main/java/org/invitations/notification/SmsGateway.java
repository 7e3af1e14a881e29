package org.invitations.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a short text to a mobile number through an HTTP SMS gateway. Gateways differ in everything but
 * the idea, so the URL, the credentials, the body and its content type are configuration: the body is a
 * template with {@code ${to}} and {@code ${text}}, e.g. {@code {"to":"${to}","text":"${text}"}} as
 * {@code application/json}, or {@code to=${to}&message=${text}} as
 * {@code application/x-www-form-urlencoded}; each value is escaped for that content type. The body is
 * always UTF-8, and POSTed.
 *
 * <p>The answer decides: 2xx is sent; 5xx, 429 (too many requests) and 408 (request timeout), a timeout,
 * and a connection refused or reset are worth a retry ({@link DeliveryFailed#retryable()}); any other
 * status (400 a bad number or body, 401/403 wrong credentials, a redirect, which is not followed) is
 * not. A timeout or reset may come after the gateway took the SMS, so a retry can send it twice. The
 * answer's body is read within the same deadline, and only its first 64 KiB.
 */
public final class SmsGateway {

    private static final Logger LOG = LoggerFactory.getLogger(SmsGateway.class);
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{6,15}");
    private static final Pattern NUMBER_PUNCTUATION = Pattern.compile("[\\s().-]");
    private static final int SNIPPET = 200;

    /** How the gateway knows it is us. */
    public sealed interface Authorization {

        /** No credentials (or they are in the URL or the body template). */
        static Authorization none() {
            return new None();
        }

        /** HTTP Basic. */
        static Authorization basic(String user, String password) {
            return new Basic(user, password);
        }

        /** {@code Authorization: Bearer <token>}. */
        static Authorization bearer(String token) {
            return new Header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
        }

        /** Any one header, e.g. {@code X-API-Key}. */
        static Authorization header(String name, String value) {
            return new Header(name, value);
        }

        record None() implements Authorization {
        }

        record Basic(String user, String password) implements Authorization {
            public Basic {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
            }

            String headerValue() {
                return "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                return "Basic[user=" + user + ", password=****]";
            }
        }

        record Header(String name, String value) implements Authorization {
            public Header {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(value, "value");
                if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || name.equalsIgnoreCase("Content-Type")) {
                    throw new IllegalArgumentException("not usable as a credentials header: " + name);
                }
            }

            @Override
            public String toString() {
                return "Header[name=" + name + ", value=****]";
            }
        }
    }

    /**
     * Where the gateway is and what it wants.
     *
     * @param endpoint       the URL to POST to (http or https)
     * @param contentType    the body's content type, sent as it is; it also decides the escaping
     * @param bodyTemplate   the body with {@code ${to}} and {@code ${text}}
     * @param authorization  see {@link Authorization}
     * @param connectTimeout how long to wait for the connection
     * @param requestTimeout how long to wait for the answer's status and headers once connected; the whole
     *                       exchange, body included, is over after both timeouts together
     */
    public record Settings(URI endpoint, String contentType, String bodyTemplate, Authorization authorization,
                           Duration connectTimeout, Duration requestTimeout) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(bodyTemplate, "bodyTemplate");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
                throw new IllegalArgumentException("the SMS gateway needs an http or https URL: " + endpoint);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero()
                    || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            new BodyTemplate(bodyTemplate, contentType); // checks the template and the content type now, not at the first SMS
        }

        /** A gateway without credentials and with 10 s timeouts. */
        public static Settings post(URI endpoint, String contentType, String bodyTemplate) {
            return new Settings(endpoint, contentType, bodyTemplate, Authorization.none(), DEFAULT_TIMEOUT,
                    DEFAULT_TIMEOUT);
        }

        public Settings withAuthorization(Authorization value) {
            return new Settings(endpoint, contentType, bodyTemplate, value, connectTimeout, requestTimeout);
        }

        public Settings withTimeouts(Duration connect, Duration request) {
            return new Settings(endpoint, contentType, bodyTemplate, authorization, connect, request);
        }
    }

    private final Settings settings;
    private final BodyTemplate template;
    private final HttpClient client;

    public SmsGateway(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.template = new BodyTemplate(settings.bodyTemplate(), settings.contentType());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no h2c upgrade dance with gateways (and proxies) that do not expect one.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Sends {@code text} to {@code to}, waiting at most the connect timeout plus the request timeout for
     * the whole exchange, the answer's body included.
     *
     * @param to   a mobile number, best in international form ("+47 912 34 567"); spaces, dots, dashes and
     *             brackets are taken out before it is sent
     * @param text the message; keep it short (see {@link SmsText})
     * @throws DeliveryFailed when the gateway did not take it, or the number is not one (not retryable)
     */
    public SmsReceipt send(String to, String text) throws DeliveryFailed {
        try {
            return sendAsync(to, text, settings.connectTimeout().plus(settings.requestTimeout())).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DeliveryFailed failed) {
                throw failed;
            }
            throw e;
        }
    }

    /**
     * Starts sending {@code text} to {@code to}; the answer completes within {@code deadline} (connect,
     * status, headers and body), exceptionally with a {@link DeliveryFailed}. Only the first
     * {@value BoundedAnswer#MAX_BODY_BYTES} bytes of the gateway's answer are read.
     */
    public CompletableFuture<SmsReceipt> sendAsync(String to, String text, Duration deadline) {
        Objects.requireNonNull(text, "text");
        String number = to == null ? "" : NUMBER_PUNCTUATION.matcher(to).replaceAll("");
        if (!NUMBER.matcher(number).matches()) {
            return CompletableFuture.failedFuture(DeliveryFailed.permanent("not a mobile number: " + masked(to), 0, null));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(min(settings.requestTimeout(), deadline))
                .header("Content-Type", settings.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(template.render(Map.of("to", number, "text", text)),
                        StandardCharsets.UTF_8));
        if (settings.authorization() instanceof Authorization.Basic basic) {
            request.header("Authorization", basic.headerValue());
        } else if (settings.authorization() instanceof Authorization.Header header) {
            request.header(header.name(), header.value());
        }

        String where = "SMS gateway " + settings.endpoint();
        CompletableFuture<BoundedAnswer.Answer> answer = BoundedAnswer.send(client, request.build(), deadline);
        CompletableFuture<SmsReceipt> receipt = answer.handle((response, e) -> {
            if (e instanceof HttpTimeoutException) {
                throw new CompletionException(failed(DeliveryFailed.retryable(
                        where + " did not answer in time: " + e.getMessage(), 0, e), number));
            }
            if (e != null) { // a refused or reset connection, an empty answer
                throw new CompletionException(failed(DeliveryFailed.retryable(where + ": " + e, 0, e), number));
            }
            int status = response.status();
            if (status >= 200 && status < 300) {
                LOG.debug("SMS to {} taken by the gateway: {}", masked(number), status);
                return new SmsReceipt(status, response.body());
            }
            String message = where + " answered " + status + ": " + snippet(response.body());
            throw new CompletionException(failed(retryable(status)
                    ? DeliveryFailed.retryable(message, status, null)
                    : DeliveryFailed.permanent(message, status, null), number));
        });
        receipt.whenComplete((r, e) -> {
            if (receipt.isCancelled()) {
                answer.cancel(true);
            }
        });
        return receipt;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Server trouble, rate limiting and the gateway's own timeout pass; everything else is our fault. */
    static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private static DeliveryFailed failed(DeliveryFailed failure, String number) {
        LOG.debug("SMS to {} not sent: {}", masked(number), failure.getMessage());
        return failure;
    }

    /** A phone number is personal data: logs and errors show its last three digits only. */
    static String masked(String number) {
        if (number == null || number.isEmpty()) {
            return "(none)";
        }
        int keep = Math.min(3, number.length() / 3);
        return "*".repeat(number.length() - keep) + number.substring(number.length() - keep);
    }

    private static String snippet(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "...";
    }
}
