package org.invitations.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.invitations.security.AuthenticationFailed;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;
import org.invitations.shared.ConcurrentModification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /backup}: an ADMIN asks the running server for an online backup and is answered with
 * the new folder's path, in plain text for scripts ({@code dir=$(curl -fsS -X POST -u admin ...)}).
 * The credentials are HTTP Basic, checked by the same {@link Authenticator} as every SOAP call, inside
 * the same admission limit: a wrong password is throttled for its source and audited like a failed
 * SOAP login, and never locks the account. On PostgreSQL the
 * server holds no copy of the data worth taking, and the answer says to use PostgreSQL's own tools.
 */
final class BackupEndpoint {

    static final String PATH = "/backup";

    private static final Logger LOG = LoggerFactory.getLogger(BackupEndpoint.class);
    private static final String REFUSED = "Authentication failed: unknown username or wrong password (or the"
            + " account is locked or disabled). No backup was taken";
    private static final String CHALLENGE = "Basic realm=\"invitations operations\", charset=\"UTF-8\"";

    /** What to answer: a status and one line of text. */
    record Answer(int status, String text) {
    }

    private final Authenticator authenticator;
    private final DerbyBackup backup;
    private final Clock clock;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final Counter succeeded;
    private final Counter failed;

    private static Counter backups(String outcome, MeterRegistry metrics) {
        return Counter.builder("invitations.backups").tag("outcome", outcome)
                .description("Backups asked for by POST /backup, by outcome").register(metrics);
    }

    /** {@code backup} is null when the database is not embedded Derby. */
    BackupEndpoint(Authenticator authenticator, DerbyBackup backup, Clock clock, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.backup = backup;
        this.clock = clock;
        // Both outcomes from the start, so that an alert on failures sees a 0 rather than nothing.
        this.succeeded = backups("ok", metrics);
        this.failed = backups("failed", metrics);
        if (backup != null) {
            // For an alert on the age of the newest backup; 0 until the first one.
            Gauge.builder("invitations.backup.last.success.timestamp", lastSuccess, AtomicLong::get).baseUnit("seconds")
                    .description("When the last backup was completed, in seconds since the epoch").register(metrics);
        }
    }

    void handle(Request request, Response response, Callback callback) {
        // A large database takes longer to copy than the connection's idle timeout; the client waits.
        request.addIdleTimeoutListener(timeout -> false);
        Answer answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            // Say so in one line, never with a stack trace; the log has it.
            LOG.error("POST {} failed: {}", PATH, e.toString(), e);
            answer = new Answer(HttpStatus.INTERNAL_SERVER_ERROR_500, "The request failed unexpectedly; no backup"
                    + " was taken; the server log has the details");
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (answer.status() == HttpStatus.UNAUTHORIZED_401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        } else if (answer.status() == HttpStatus.METHOD_NOT_ALLOWED_405) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
        } else if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap((answer.text() + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    Answer answer(Request request) {
        if (!"POST".equals(request.getMethod())) {
            return new Answer(HttpStatus.METHOD_NOT_ALLOWED_405, "Use POST " + PATH + " to take a backup");
        }
        Caller caller;
        try {
            caller = authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION), Request.getRemoteAddr(request),
                    request.getHeaders().get(HttpHeader.X_FORWARDED_FOR));
        } catch (AuthenticationFailed e) {
            // The same one text for every reason as over SOAP, without SOAP's PasswordText advice.
            return new Answer(HttpStatus.UNAUTHORIZED_401, e.getMessage().equals(AuthenticationFailed.GENERIC)
                    ? REFUSED : e.getMessage());
        } catch (ConcurrentModification busy) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE_503, "The service is too busy to check the"
                    + " credentials now; no backup was taken: send the request again");
        }
        if (!caller.isAdmin()) {
            LOG.info("Backup refused to '{}' ({}): not an ADMIN", caller.username(), caller.role());
            return new Answer(HttpStatus.FORBIDDEN_403, "Only an ADMIN associate may take a backup; '"
                    + caller.username() + "' is " + caller.role() + ". No backup was taken");
        }
        if (backup == null) {
            return new Answer(HttpStatus.NOT_IMPLEMENTED_501, "This node runs on an external database, not the"
                    + " embedded Derby one: back PostgreSQL up with pg_dump (or your PostgreSQL backups) and restore"
                    + " with pg_restore. No backup was taken");
        }
        return backUp(caller);
    }

    private Answer backUp(Caller caller) {
        long started = System.nanoTime();
        try {
            Path folder = backup.run();
            lastSuccess.set(clock.instant().getEpochSecond());
            succeeded.increment();
            LOG.info("Backup by '{}' written to {} in {} ms", caller.username(), folder,
                    (System.nanoTime() - started) / 1_000_000);
            return new Answer(HttpStatus.OK_200, folder.toString());
        } catch (DerbyBackup.AlreadyRunning e) {
            return new Answer(HttpStatus.CONFLICT_409, e.getMessage());
        } catch (IllegalStateException e) {
            failed.increment();
            LOG.error("Backup by '{}' failed: {}", caller.username(), e.getMessage(), e);
            return new Answer(HttpStatus.INTERNAL_SERVER_ERROR_500, e.getMessage() + "; nothing was kept");
        }
    }

    /** The caller named by HTTP Basic credentials; missing or malformed ones are refused like wrong ones. */
    private Caller authenticate(String authorization, String peer, String forwardedFor) {
        String prefix = "Basic ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new AuthenticationFailed("Send the username and password of an ADMIN associate with HTTP Basic"
                    + " authentication (curl -u admin ...)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(prefix.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new AuthenticationFailed("The HTTP Basic credentials are not Base64 of username:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AuthenticationFailed("The HTTP Basic credentials are not Base64 of username:password");
        }
        return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), peer,
                forwardedFor);
    }
}
