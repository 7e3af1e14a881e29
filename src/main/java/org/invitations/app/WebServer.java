package org.invitations.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server in front of CXF, built so that slow, stalled or too many clients cannot starve the
 * others, and so that stopping never drops an answer. From the outside in:
 * <ol>
 * <li>a connection limit and an idle timeout on the connector;</li>
 * <li>graceful stop: once stopping, new requests get 503 with {@code Connection: close}; requests in
 *     flight finish and are answered before the database closes;</li>
 * <li>a minimum request data rate: a client sending its body slower than that (after its first
 *     second) is cut off;</li>
 * <li>the whole body is read without holding a thread before CXF sees it (a slow upload costs a
 *     connection, not a worker), and a body over the limit gets 413;</li>
 * <li>at most {@link Limits#concurrentRequests} requests in the service at once (each can have a
 *     database connection without waiting); the others wait without a thread, and get 503 after
 *     {@link Limits#queueWait}.</li>
 * </ol>
 */
final class WebServer {

    /** The transport's limits; {@code concurrentRequests} and {@code maxConnections} come from the options. */
    record Limits(int concurrentRequests, Duration queueWait, int maxConnections, Duration idleTimeout,
                  long minBytesPerSecond, long maxRequestBytes, Duration stopTimeout) {

        /**
         * The configured requests at once (by default as many as the pool has connections, less the 2
         * kept for deliveries and health checks) and connections; fixed waits and rates.
         */
        static Limits of(ServerConfig config, long maxRequestBytes) {
            return new Limits(config.maxConcurrentRequests(), Duration.ofSeconds(10), config.maxConnections(),
                    Duration.ofSeconds(30), 512, maxRequestBytes, Duration.ofSeconds(20));
        }
    }

    /**
     * AEAD suites only: TLS 1.3's three and TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305. No CBC,
     * no static RSA key exchange.
     */
    static final String[] TLS_CIPHER_SUITES = {
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

    /** The name of the connector that serves {@code /metrics}. */
    private static final String MANAGEMENT = "management";

    private final Server server;
    private final ServerConnector management;

    private WebServer(Server server, ServerConnector management) {
        this.server = server;
        this.management = management;
    }

    /** Starts Jetty with the CXF servlet at {@code /ws/*}; endpoints are then published on {@code bus}. */
    static WebServer start(ServerConfig config, Bus bus, Limits limits, BooleanSupplier databaseUp,
                           Supplier<String> metrics, BackupEndpoint backup) {
        // Requests beyond the admission limit wait without a thread, so the pool stays small and bounded.
        QueuedThreadPool threads = new QueuedThreadPool(limits.concurrentRequests() * 2 + 16, 8);
        threads.setName("http");
        Server server = new Server(threads);
        server.setStopTimeout(limits.stopTimeout().toMillis());
        server.setStopAtShutdown(false);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector;
        if (config.tls()) {
            http.addCustomizer(new SecureRequestCustomizer());
            HttpConnectionFactory plain = new HttpConnectionFactory(http);
            connector = new ServerConnector(server, new SslConnectionFactory(tls(config), plain.getProtocol()), plain);
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setReuseAddress(true);
        server.addConnector(connector);
        ServerConnector management = null;
        if (config.managementPort() != null) {
            // Plain HTTP on its own interface and port: who can reach it is decided by where it is bound.
            HttpConfiguration plainHttp = new HttpConfiguration();
            plainHttp.setSendServerVersion(false);
            plainHttp.setIdleTimeout(limits.idleTimeout().toMillis());
            management = new ServerConnector(server, 1, 1, new HttpConnectionFactory(plainHttp));
            management.setName(MANAGEMENT);
            management.setHost(config.managementHost());
            management.setPort(config.managementPort());
            management.setIdleTimeout(limits.idleTimeout().toMillis());
            management.setReuseAddress(true);
            server.addConnector(management);
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector, management));
        } else {
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        }

        CXFNonSpringServlet cxf = new CXFNonSpringServlet();
        cxf.setBus(bus);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder("cxf", cxf);
        holder.setInitOrder(1);
        context.addServlet(holder, "/ws/*");

        // POST /backup waits its turn like a SOAP call: its password check costs as much as theirs.
        QoSHandler admission = new QoSHandler(new BackupRoute(context, backup));
        admission.setMaxRequestCount(limits.concurrentRequests());
        admission.setMaxSuspend(limits.queueWait());
        EagerContentHandler wholeBody = new EagerContentHandler(admission,
                new EagerContentHandler.RetainedContentLoaderFactory(limits.maxRequestBytes() + 64 * 1024, -1, true));
        MinimumReadRate rate = new MinimumReadRate(new BodyLimit(wholeBody, limits.maxRequestBytes()),
                limits.minBytesPerSecond());
        // While stopping, connections idle for a second are closed (Jetty's default): keep-alive
        // connections do not hold the stop up, and a client in flight must keep sending.
        server.setHandler(new Stopping(new GracefulHandler(new HealthAndMetrics(rate, databaseUp, metrics))));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException("Cannot listen on " + config.host() + ":" + config.port()
                    + (management == null ? "" : " and " + config.managementHost() + ":" + config.managementPort())
                    + ": " + e.getMessage(), e);
        }
        return new WebServer(server, management);
    }

    /** The management listener's port (the one bound when configured as 0), or -1 without one. */
    int managementPort() {
        return management == null ? -1 : management.getLocalPort();
    }

    /** Stops accepting, answers what is in flight (503 for what arrives meanwhile), then stops. */
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private static SslContextFactory.Server tls(ServerConfig config) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(config.tlsKeystore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(config.tlsKeystorePassword());
        ssl.setKeyStoreType("PKCS12");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setIncludeCipherSuites(TLS_CIPHER_SUITES);
        return ssl;
    }

    /**
     * Cuts off a request whose body arrives slower than a minimum rate, counted per request from the
     * first time the body is asked for. (Jetty 12.1's own MinimumDataRateHandler compares against the
     * bytes read by all requests together, so it stops cutting anyone once the server has been busy.)
     */
    private static final class MinimumReadRate extends Handler.Wrapper {

        private final long minBytesPerSecond;

        MinimumReadRate(Handler handler, long minBytesPerSecond) {
            super(handler);
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return super.handle(new Metered(request), response, callback);
        }

        private final class Metered extends Request.Wrapper {
            private long firstDemand;
            private long bytes;
            private Content.Chunk tooSlow;

            Metered(Request request) {
                super(request);
            }

            @Override
            public Content.Chunk read() {
                if (tooSlow != null) {
                    return tooSlow;
                }
                Content.Chunk chunk = super.read();
                if (chunk != null) {
                    bytes += chunk.remaining();
                }
                return chunk;
            }

            @Override
            public void demand(Runnable demandCallback) {
                long now = NanoTime.now();
                if (firstDemand == 0) {
                    firstDemand = now == 0 ? 1 : now;
                } else {
                    long elapsed = NanoTime.elapsed(firstDemand, now);
                    if (elapsed >= 1_000_000_000L && bytes * 1_000_000_000L / elapsed < minBytesPerSecond) {
                        tooSlow = Content.Chunk.from(new TimeoutException("The request body arrived at "
                                + bytes * 1_000_000_000L / elapsed + " bytes/s, below the minimum of "
                                + minBytesPerSecond + " bytes/s"));
                        demandCallback.run();
                        return;
                    }
                }
                super.demand(demandCallback);
            }
        }
    }

    /**
     * {@code POST /backup} (see {@link BackupEndpoint}), inside the admission limit: anonymous requests
     * each cost a password check, as SOAP calls do, so they wait their turn with those; and inside
     * graceful stop, which waits for a backup as for any request in flight. Everything else goes on to
     * the service.
     */
    private static final class BackupRoute extends Handler.Wrapper {

        private final BackupEndpoint backup;

        BackupRoute(Handler handler, BackupEndpoint backup) {
            super(handler);
            this.backup = backup;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (Request.getPathInContext(request).equals(BackupEndpoint.PATH)) {
                backup.handle(request, response, callback);
                return true;
            }
            return super.handle(request, response, callback);
        }
    }

    /**
     * {@code GET /health}: 200 when the node can reach its database (for a load balancer), else 503,
     * with nothing else in it, on either listener; {@code GET /metrics}: Prometheus text, on the
     * management listener only (the metrics describe the traffic and the accounts' refusals, which
     * are the operator's). Everything else goes on to the admission limit, on the service's listener only.
     */
    private static final class HealthAndMetrics extends Handler.Wrapper {

        private final BooleanSupplier databaseUp;
        private final Supplier<String> metrics;

        HealthAndMetrics(Handler handler, BooleanSupplier databaseUp, Supplier<String> metrics) {
            super(handler);
            this.databaseUp = databaseUp;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            boolean onManagement = MANAGEMENT.equals(request.getConnectionMetaData().getConnector().getName());
            boolean get = "GET".equals(request.getMethod());
            if (onManagement && !(get && (path.equals("/health") || path.equals("/metrics")))) {
                notFound(response, callback, "The management port serves GET /health and GET /metrics only");
                return true;
            }
            if (!onManagement && get && path.equals("/metrics")) {
                notFound(response, callback, "/metrics is served on the management port only (--management-port,"
                        + " bound to 127.0.0.1 unless --management-host says otherwise)");
                return true;
            }
            if (!get || !path.equals("/health") && !path.equals("/metrics")) {
                return super.handle(request, response, callback);
            }
            String body;
            if (path.equals("/health")) {
                boolean up = databaseUp.getAsBoolean();
                response.setStatus(up ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                body = up ? "{\"status\":\"UP\",\"database\":\"UP\"}\n"
                        : "{\"status\":\"DOWN\",\"database\":\"DOWN\"}\n";
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                body = metrics.get();
            }
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        private static void notFound(Response response, Callback callback, String text) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.write(true, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /** A body announced larger than the limit gets 413 at once, before any of it is read. */
    private static final class BodyLimit extends Handler.Wrapper {

        private final long maxBytes;

        BodyLimit(Handler handler, long maxBytes) {
            super(handler);
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long length = request.getLength();
            if (length <= maxBytes) {
                return super.handle(request, response, callback);
            }
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(("Request body of " + length + " bytes is larger than the limit of "
                    + maxBytes + " bytes\n").getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /**
     * While stopping, a new request is told so and its connection closed, so that the client retries
     * (elsewhere); {@link GracefulHandler} inside it counts the requests in flight that stopping waits for.
     */
    private static final class Stopping extends Handler.Wrapper {

        private final GracefulHandler graceful;

        Stopping(GracefulHandler graceful) {
            super(graceful);
            this.graceful = graceful;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (graceful.isShutdown()) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "The service is stopping; nothing was done: send the request again");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
