package org.invitations.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;

/**
 * The two ceilings that answer as much as GetInvitations' page of 50, so that its ratio compares like
 * with like (the plain no-op answers a short constant): the no-op endpoint asked for an answer of the
 * page's size, and a WireMock stub in this JVM replaying the page's very bytes, the fastest HTTP
 * answer this machine gives (no SOAP, no WS-Security, no database).
 */
final class PageCeilings {

    private PageCeilings() {
    }

    /** A real answer: its body and content type, as the server sent them. */
    record Answer(byte[] body, String contentType) {

        static Answer of(HttpResponse<byte[]> response) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
            }
            return new Answer(response.body(), response.headers().firstValue("Content-Type").orElse("text/xml"));
        }
    }

    /**
     * The {@code answerBytes} to ask the no-op for so that its whole HTTP body is as long as
     * {@code target}: asked, measured and corrected, since the envelope around the answer is the
     * server's. Within one item (some 300 bytes) of the target.
     */
    static int noopAnswerBytes(LoadDriver driver, String noopUrl, String username, int target) throws Exception {
        int ask = target;
        for (int i = 0; i < 3; i++) {
            int got = driver.capture(new LoadDriver.Call(noopUrl, Envelopes.noop(username, ask))).body().length;
            if (Math.abs(got - target) < 100) {
                break;
            }
            ask += target - got;
        }
        return ask;
    }

    /** The size of the no-op's HTTP body when asked for {@code answerBytes}. */
    static int noopBodyBytes(LoadDriver driver, String noopUrl, String username, int answerBytes) throws Exception {
        return driver.capture(new LoadDriver.Call(noopUrl, Envelopes.noop(username, answerBytes))).body().length;
    }

    /** A WireMock server on a free loopback port answering every POST with {@code answer}. */
    static final class Stub implements AutoCloseable {
        private final WireMockServer server;

        Stub(Answer answer) {
            server = new WireMockServer(WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    // what a benchmark does not need and would pay for on every request
                    .disableRequestJournal()
                    .stubRequestLoggingDisabled(true)
                    .gzipDisabled(true)
                    .notifier(new ConsoleNotifier(false)));
            server.start();
            server.stubFor(WireMock.post(WireMock.anyUrl()).willReturn(WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", answer.contentType())
                    .withBody(answer.body())));
        }

        String url() {
            return "http://127.0.0.1:" + server.port() + Growth.API;
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
