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
    void anExpiredTimestampIsRefusedNamingTheRule() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(5))) + token()),
                "Timestamp expired: its wsu:Expires");
    }

    @Test
    void aTimestampFromTheFutureIsRefusedNamingTheRule() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(15))) + token()),
                "Timestamp Created (");
        assertRefused(call(timestamp(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(15))) + token()),
                ") is in the future beyond the allowed clock skew of 60 s");
    }

    @Test
    void aTimestampCreatedLongAgoIsRefusedNamingTheRuleThoughItsExpiresIsAhead() throws Exception {
        Instant now = Instant.now();
        assertRefused(call(timestamp(now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(5))) + token()),
                "is older than the allowed 300 s");
    }

    @Test
    void aUsernameTokenCreatedInTheFutureIsRefusedNamingTheRule() throws Exception {
        assertRefused(call("<wsse:UsernameToken><wsse:Username>bob</wsse:Username><wsse:Password Type=\"" + TEXT + "\">"
                + DemoData.BOB_PASSWORD + "</wsse:Password><wsu:Created>" + Instant.now().plus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.SECONDS) + "</wsu:Created></wsse:UsernameToken>"),
                "UsernameToken Created (");
    }

    /** The header python suds (1.1) sends, byte for byte but for the times: six digits and +00:00. */
    private static Reply callLikeSuds(String created, String expires) throws Exception {
        return soap.post("<SOAP-ENV:Envelope xmlns:ns0=\"urn:invitations:v1\" xmlns:ns1=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:SOAP-ENV=\"http://schemas."
                + "xmlsoap.org/soap/envelope/\"><SOAP-ENV:Header><wsse:Security xmlns:wsse=\"" + RawSoap.WSSE + "\""
                + " mustUnderstand=\"true\"><wsu:Timestamp xmlns:wsu=\"" + WSU + "\"><wsu:Created>" + created
                + "</wsu:Created><wsu:Expires>" + expires + "</wsu:Expires></wsu:Timestamp><wsse:UsernameToken>"
                + "<wsse:Username>bob</wsse:Username><wsse:Password Type=\"" + TEXT + "\">" + DemoData.BOB_PASSWORD
                + "</wsse:Password></wsse:UsernameToken></wsse:Security></SOAP-ENV:Header><ns1:Body>"
                + "<ns0:GetInvitations/></ns1:Body></SOAP-ENV:Envelope>", "text/xml; charset=utf-8");
    }

    /** What Python's str(datetime) writes: microseconds, and +00:00 rather than Z. */
    private static String python(Instant at, int digits) {
        String fraction = String.format("%09d", at.getNano()).substring(0, digits);
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "") + "." + fraction + "+00:00";
    }

    @Test
    void sudsTimestampWithSixFractionalDigitsIsServed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(362_768_000);
        assertServed(callLikeSuds(python(now, 6), python(now.plusSeconds(90), 6)));
    }

    @Test
    void aTimestampWithNineFractionalDigitsIsServed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(362_768_123);
        assertServed(callLikeSuds(python(now, 9), python(now.plusSeconds(90), 9)));
    }

    @Test
    void aStaleSudsTimestampWithSixDigitsIsStillRefusedNamingTheRule() throws Exception {
        Instant then = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS).plusNanos(362_768_000);
        Reply stale = callLikeSuds(python(then, 6), python(then.plusSeconds(90), 6));

        assertRefused(stale, "Timestamp expired: its wsu:Expires (" + python(then.plusSeconds(90), 6) + ") is past");
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
