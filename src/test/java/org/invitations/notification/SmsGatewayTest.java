package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against WireMock standing in for the gateway: the exact request, and every kind of failure. */
class SmsGatewayTest {

    static final String JSON_TEMPLATE = "{\"to\":\"${to}\",\"text\":\"${text}\",\"from\":\"Invitations\"}";
    static final String FORM_TEMPLATE = "to=${to}&message=${text}&sender=Invitations";
    /** Room for a busy machine where an answer is expected. */
    static final Duration PATIENT = Duration.ofSeconds(10);
    /** Where the test waits for the timeout itself; the stub answers well after it. */
    static final Duration SHORT = Duration.ofSeconds(1);

    @RegisterExtension
    static final WireMockExtension gateway = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static URI smsUrl() {
        return URI.create(gateway.baseUrl() + "/api/sms");
    }

    static SmsGateway jsonGateway() {
        return jsonGateway(PATIENT);
    }

    static SmsGateway jsonGateway(Duration requestTimeout) {
        return new SmsGateway(SmsGateway.Settings.post(smsUrl(), "application/json", JSON_TEMPLATE)
                .withAuthorization(SmsGateway.Authorization.basic("invitations", "s3cret"))
                .withTimeouts(PATIENT, requestTimeout));
    }

    @Test
    void jsonBodyIsPostedWithBasicAuthAndTheTextEscaped() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(202).withBody("{\"id\":\"msg-1\"}")));

        SmsReceipt receipt = jsonGateway().send("+47 912 34 567", "Møte \"Budsjett\"\nRom\\1\ttab");

        assertEquals(new SmsReceipt(202, "{\"id\":\"msg-1\"}"), receipt);
        gateway.verify(exactly(1), postRequestedFor(urlEqualTo("/api/sms"))
                .withHeader("Authorization", equalTo("Basic aW52aXRhdGlvbnM6czNjcmV0"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo(
                        "{\"to\":\"+4791234567\",\"text\":\"Møte \\\"Budsjett\\\"\\nRom\\\\1\\ttab\",\"from\":\"Invitations\"}"))
                .withRequestBody(equalToJson(
                        "{\"to\":\"+4791234567\",\"text\":\"Møte \\\"Budsjett\\\"\\nRom\\\\1\\ttab\",\"from\":\"Invitations\"}")));
        assertEquals(1, gateway.getAllServeEvents().size());
    }

    @Test
    void formBodyIsUrlEncodedAndCarriesTheBearerToken() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(200).withBody("OK 123")));
        SmsGateway form = new SmsGateway(SmsGateway.Settings
                .post(smsUrl(), "application/x-www-form-urlencoded", FORM_TEMPLATE)
                .withAuthorization(SmsGateway.Authorization.bearer("tok-en.42"))
                .withTimeouts(PATIENT, PATIENT));

        SmsReceipt receipt = form.send("+4791234567", "Møte: A&B = 100%");

        assertEquals(200, receipt.status());
        gateway.verify(postRequestedFor(urlEqualTo("/api/sms"))
                .withHeader("Authorization", equalTo("Bearer tok-en.42"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("to=%2B4791234567&message=M%C3%B8te%3A+A%26B+%3D+100%25&sender=Invitations"))
                .withFormParam("to", equalTo("+4791234567"))
                .withFormParam("message", equalTo("Møte: A&B = 100%")));
    }

    @Test
    void anApiKeyHeaderIsSentAsConfigured() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(201)));
        SmsGateway keyed = new SmsGateway(SmsGateway.Settings.post(smsUrl(), "text/plain; charset=UTF-8",
                        "${to}: ${text}")
                .withAuthorization(SmsGateway.Authorization.header("X-API-Key", "k-123"))
                .withTimeouts(PATIENT, PATIENT));

        keyed.send("004791234567", "Hei & <hå>");

        gateway.verify(postRequestedFor(urlEqualTo("/api/sms"))
                .withHeader("X-API-Key", equalTo("k-123"))
                .withoutHeader("Authorization")
                .withHeader("Content-Type", equalTo("text/plain; charset=UTF-8"))
                .withRequestBody(equalTo("004791234567: Hei & <hå>")));
    }

    @Test
    void aTextContainingAPlaceholderIsSentAsWritten() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(200)));

        jsonGateway().send("+4791234567", "Send ${to} a $1 ${text}");

        gateway.verify(postRequestedFor(urlEqualTo("/api/sms")).withRequestBody(equalTo(
                "{\"to\":\"+4791234567\",\"text\":\"Send ${to} a $1 ${text}\",\"from\":\"Invitations\"}")));
    }

    @ParameterizedTest(name = "{0} is retryable: {1}")
    @CsvSource({"500, true", "502, true", "503, true", "429, true", "408, true",
            "400, false", "401, false", "403, false", "404, false", "422, false", "301, false"})
    void theStatusDecidesWhetherARetryMayHelp(int status, boolean retryable) {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(status)
                .withBody("{\"error\":\"status " + status + "\"}")));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> jsonGateway().send("+4791234567", "Hei"));

        assertEquals(retryable, failed.retryable(), failed.getMessage());
        assertEquals(status, failed.code().orElseThrow());
        assertTrue(failed.getMessage().contains("status " + status), "the gateway's answer is in the message");
        assertFalse(failed.getMessage().contains("91234567"), "the number is not: " + failed.getMessage());
    }

    @Test
    void aGatewayThatAnswersTooLateIsWorthRetrying() {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
        long started = System.nanoTime();

        DeliveryFailed failed = assertThrows(DeliveryFailed.class,
                () -> jsonGateway(SHORT).send("+4791234567", "Hei"));

        assertTrue(failed.retryable(), failed.getMessage());
        assertTrue(failed.getCause() instanceof HttpTimeoutException, String.valueOf(failed.getCause()));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(3_500)) < 0,
                "gave up at the request timeout, not when the answer came");
    }

    @Test
    void aGatewayThatTricklesItsAnswerIsGivenUpAtTheDeadline() throws Exception {
        try (TricklingReceiver trickling = new TricklingReceiver()) {
            SmsGateway slow = new SmsGateway(SmsGateway.Settings.post(URI.create(trickling.url("/api/sms")),
                    "application/json", JSON_TEMPLATE).withTimeouts(SHORT, SHORT));
            long started = System.nanoTime();

            DeliveryFailed failed = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(DeliveryFailed.class, () -> slow.send("+4791234567", "Hei")));

            assertTrue(failed.retryable(), failed.getMessage());
            assertTrue(failed.getMessage().contains("timed out after 2s"), failed.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(3_500)) < 0,
                    "gave up at the deadline (connect and request timeout), not when the body ended");
            assertEquals(1, trickling.requests());
        }
    }

    @Test
    void onlyTheFirst64KiBOfTheGatewaysAnswerAreRead() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(200).withBody("x".repeat(1_000_000))));

        SmsReceipt receipt = jsonGateway().send("+4791234567", "Hei");

        assertEquals(200, receipt.status());
        assertEquals(64 * 1024, receipt.body().length());
    }

    @Test
    void aResetConnectionIsWorthRetryingAndTheSmsIsNotPostedAgain() {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> jsonGateway().send("+4791234567", "Hei"));

        assertTrue(failed.retryable(), failed.getMessage());
        assertTrue(failed.getCause() instanceof IOException, String.valueOf(failed.getCause()));
        gateway.verify(exactly(1), postRequestedFor(urlEqualTo("/api/sms")));
    }

    @Test
    void anEmptyAnswerThatEndsTheConnectionIsWorthRetrying() {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> jsonGateway().send("+4791234567", "Hei"));

        assertTrue(failed.retryable(), failed.getMessage());
    }

    @Test
    void aGatewayThatIsDownIsWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmsGateway down = new SmsGateway(SmsGateway.Settings.post(URI.create("http://127.0.0.1:" + closedPort + "/sms"),
                "application/json", JSON_TEMPLATE).withTimeouts(PATIENT, PATIENT));

        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> down.send("+4791234567", "Hei"));

        assertTrue(failed.retryable(), failed.getMessage());
    }

    @Test
    void somethingThatIsNotANumberIsNotSentAtAll() {
        for (String notANumber : new String[] {null, "", "ring meg", "+47 12", "+47 912 34 567 8901 2345"}) {
            DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> jsonGateway().send(notANumber, "Hei"),
                    String.valueOf(notANumber));
            assertFalse(failed.retryable(), failed.getMessage());
        }
        gateway.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void templatesAreCheckedWhenConfigured() {
        URI url = URI.create("http://gateway.example/sms");
        assertThrows(IllegalArgumentException.class,
                () -> SmsGateway.Settings.post(url, "application/json", "{\"to\":\"${to}\",\"text\":\"${txt}\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> SmsGateway.Settings.post(url, "application/json", "{\"to\":\"${to}\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> SmsGateway.Settings.post(url, "application/octet-stream", "${to} ${text}"));
        assertThrows(IllegalArgumentException.class,
                () -> SmsGateway.Settings.post(URI.create("ftp://gateway.example/sms"), "text/plain", "${to} ${text}"));
        assertThrows(IllegalArgumentException.class,
                () -> SmsGateway.Authorization.header("Content-Type", "text/plain"));
    }

    @Test
    void settingsArePrintedWithoutSecrets() {
        SmsGateway.Settings basic = SmsGateway.Settings.post(smsUrl(), "application/json", JSON_TEMPLATE)
                .withAuthorization(SmsGateway.Authorization.basic("invitations", "s3cret"));
        SmsGateway.Settings bearer = basic.withAuthorization(SmsGateway.Authorization.bearer("tok-en.42"));

        assertFalse(basic.toString().contains("s3cret"), basic.toString());
        assertFalse(bearer.toString().contains("tok-en.42"), bearer.toString());
        assertEquals(Duration.ofSeconds(10), SmsGateway.Settings.post(smsUrl(), "application/json", JSON_TEMPLATE)
                .requestTimeout());
    }

    @Test
    void theMeetingsSmsTextTravelsWhole() throws Exception {
        gateway.stubFor(post("/api/sms").willReturn(aResponse().withStatus(200)));
        String text = SmsText.of(ConfirmationsTest.budgetMeeting(), Method.REQUEST);

        jsonGateway().send("+4791234567", text);

        gateway.verify(postRequestedFor(urlEqualTo("/api/sms")).withRequestBody(equalToJson(
                "{\"to\":\"+4791234567\",\"text\":\"Meeting: Møte om årsbudsjett, Mon 3 Mar 2031 09:00-10:30 UTC, Room Oslo\","
                        + "\"from\":\"Invitations\"}")));
    }
}
