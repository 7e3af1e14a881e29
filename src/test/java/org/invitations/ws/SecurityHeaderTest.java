package org.invitations.ws;

import org.invitations.support.RawEndpointTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.invitations.app.DemoData;
import org.invitations.support.RawSoap;
import org.invitations.support.RawSoap.Reply;
import org.junit.jupiter.api.Test;

/**
 * The Security header shapes real client stacks send: a UsernameToken with PasswordText, with or
 * without Nonce and Created, with or without a Timestamp; a Timestamp is validated when present, and
 * every refusal says what was wrong with the header.
 */
class SecurityHeaderTest extends RawEndpointTest {

    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";




    private static String token() {
        return "<wsse:UsernameToken wsu:Id=\"UT-1\"><wsse:Username>bob</wsse:Username><wsse:Password Type=\"" + TEXT
                + "\">" + DemoData.BOB_PASSWORD + "</wsse:Password></wsse:UsernameToken>";
    }

    private static String timestamp(Instant created, Instant expires) {
        return "<wsu:Timestamp wsu:Id=\"TS-1\"><wsu:Created>" + created.truncatedTo(ChronoUnit.MILLIS) + "</wsu:Created>"
                + "<wsu:Expires>" + expires.truncatedTo(ChronoUnit.MILLIS) + "</wsu:Expires></wsu:Timestamp>";
    }

    private static Reply call(String security) throws Exception {
        String header = security == null ? "" : "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\""
                + RawSoap.WSSE + "\" xmlns:wsu=\"" + WSU + "\">" + security + "</wsse:Security></soapenv:Header>";
        return soap.post("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:inv=\"urn:invitations:v1\">" + header + "<soapenv:Body><inv:GetInvitations/></soapenv:Body>"
                + "</soapenv:Envelope>", "text/xml; charset=UTF-8");
    }

    private static void assertServed(Reply reply) throws Exception {
        assertEquals(200, reply.status(), reply.body());
        assertEquals("1", reply.xpath("count(//inv:GetInvitationsResponse)"), reply.body());
    }

    private static void assertRefused(Reply reply, String saying) throws Exception {
        assertEquals(500, reply.status(), reply.body());
        assertTrue(reply.xpath("//soap:Fault/faultcode").endsWith(":FailedAuthentication"), reply.body());
        assertTrue(reply.xpath("//soap:Fault/faultstring").contains(saying), reply.body());
    }

    @Test
    void aUsernameTokenAloneIsServed() throws Exception {
        assertServed(call(token()));
    }

    @Test
    void aUsernameTokenWithATimestampIsServed() throws Exception {
        Instant now = Instant.now();
        assertServed(call(timestamp(now, now.plus(Duration.ofMinutes(5))) + token()));
        assertServed(call(token() + timestamp(now, now.plus(Duration.ofMinutes(5)))));
    }

    @Test
    void aUsernameTokenWithNonceAndCreatedIsServed() throws Exception {
        String nonce = Base64.getEncoder().encodeToString(java.security.SecureRandom.getSeed(16));
        assertServed(call("<wsse:UsernameToken><wsse:Username>bob</wsse:Username><wsse:Password Type=\"" + TEXT + "\">"
                + DemoData.BOB_PASSWORD + "</wsse:Password><wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/"
                + "2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">" + nonce + "</wsse:Nonce>"
                + "<wsu:Created>" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</wsu:Created></wsse:UsernameToken>"));
    }

    @Test
    void anExpiredTimestampIsRefusedSayingSo() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(5))) + token()),
                "expired");
    }

    @Test
    void aTimestampFromTheFutureIsRefusedSayingSo() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(15))) + token()),
                "future");
    }

    @Test
    void aTimestampWithoutAUsernameTokenIsRefusedSayingWhatIsMissing() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now, now.plus(Duration.ofMinutes(5)))), "no WS-Security UsernameToken");
    }

    @Test
    void noSecurityHeaderIsRefusedSayingWhatIsMissing() throws Exception {
        assertRefused(call(null), "no WS-Security UsernameToken");
    }
}
