package org.invitations.ws;

import org.invitations.support.RawEndpointTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.invitations.app.DemoData;
import org.invitations.support.RawSoap;
import org.invitations.support.RawSoap.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever XML is thrown at the service: each hostile request gets a fault (or an HTTP 4xx), with a
 * message that says what is wrong, nothing is written, and the next good request is served.
 */
class HostileInputTest extends RawEndpointTest {

    String bobsInvitationsBefore;



    @BeforeEach
    void rememberState() throws Exception {
        bobsInvitationsBefore = bobsInvitations();
    }

    private static String bobsInvitations() throws Exception {
        return soap.call("bob", DemoData.BOB_PASSWORD,
                "<inv:GetInvitations><inv:statuses><inv:status>5</inv:status><inv:status>1</inv:status>"
                        + "</inv:statuses><inv:pageSize>500</inv:pageSize></inv:GetInvitations>").body();
    }

    /** Nothing was written and the server answers the next good request. */
    private void assertUnchangedAndStillServing() throws Exception {
        assertEquals(bobsInvitationsBefore, bobsInvitations());
    }

    private static String meetingWith(String participants, String title) {
        return """
                <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>%s</inv:title>
                  <inv:start>2033-01-10T09:00:00Z</inv:start><inv:end>2033-01-10T10:00:00Z</inv:end>
                  <inv:participants>%s</inv:participants></inv:CreateInvitation>""".formatted(title, participants);
    }

    private static String bob() {
        return "<inv:participant><inv:associateId>" + bobId + "</inv:associateId></inv:participant>";
    }

    private static void assertClientFault(Reply reply, String messagePart) throws Exception {
        assertTrue(reply.status() == 500 || reply.status() >= 400 && reply.status() < 500,
                "status " + reply.status());
        assertTrue(reply.document() != null, "a SOAP fault: " + reply.body());
        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"), reply.body());
        assertTrue(reply.xpath("//soap:Fault/faultstring").toLowerCase().contains(messagePart.toLowerCase()),
                reply.body());
    }

    @Test
    void externalEntityIsRefused() throws Exception {
        String payload = """
                <?xml version="1.0"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                """ + RawSoap.envelope("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "&xxe;"));

        Reply reply = soap.post(payload, "text/xml; charset=UTF-8");

        assertClientFault(reply, "DTD");
        assertTrue(!reply.body().contains("root:"), "no file content leaks");
        assertUnchangedAndStillServing();
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Reply reply = soap.post(dtd + RawSoap.envelope("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "&lol9;")),
                "text/xml; charset=UTF-8");

        assertClientFault(reply, "DTD");
        assertUnchangedAndStillServing();
    }

    @Test
    void nestingTenThousandDeepIsRefused() throws Exception {
        String deep = "<x>".repeat(10_000) + "</x>".repeat(10_000);

        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:GetInvitations>" + deep + "</inv:GetInvitations>");

        assertClientFault(reply, "depth");
        assertUnchangedAndStillServing();
    }

    @Test
    void bodyOfFiftyMegabytesIsRefused() throws Exception {
        long fiftyMegabytes = 50L * 1024 * 1024;
        URI uri = URI.create(server.address());
        String answer;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Content-Type: text/xml; charset=UTF-8\r\nContent-Length: " + fiftyMegabytes + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(RawSoap.envelope("alice", DemoData.ALICE_PASSWORD, "<inv:GetInvitations>")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
        }

        assertTrue(answer.contains("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("larger than the limit of 1048576 bytes"), answer);
        assertUnchangedAndStillServing();
    }

    @Test
    void textNodeBeyondSixtyFourKilobytesIsRefusedWithAShortMessage() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "y".repeat(200_000)));

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"));
        assertTrue(reply.body().length() < 2_000, "the fault does not echo the value: " + reply.body().length());
        assertUnchangedAndStillServing();
    }

    @Test
    void tenThousandParticipantsAreRefused() throws Exception {
        String many = ("<inv:participant><inv:personId>1</inv:personId></inv:participant>").repeat(10_000);

        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(many, "Crowd"));

        assertClientFault(reply, "participant");
        assertUnchangedAndStillServing();
    }

    @Test
    void textBeyondTheSchemaLengthIsRefused() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "t".repeat(201)));

        assertClientFault(reply, "maxLength");
        assertUnchangedAndStillServing();
    }

    @Test
    void sqlAndMarkupInTextAreStoredVerbatim() throws Exception {
        String title = "'); DELETE FROM participant_record; -- &lt;script&gt;alert(1)&lt;/script&gt;";
        Reply created = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), title));
        String recordId = created.xpath("//inv:participant/inv:recordId");

        Reply listed = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations><inv:pageSize>500</inv:pageSize></inv:GetInvitations>");

        assertEquals("'); DELETE FROM participant_record; -- <script>alert(1)</script>",
                listed.xpath("//inv:invitation[inv:recordId='" + recordId + "']/inv:title"));
        assertTrue(listed.body().contains("&lt;script>") || listed.body().contains("&lt;script&gt;"),
                "markup is escaped on the way out");
    }

    @Test
    void invalidDateIsRefused() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD,
                meetingWith(bob(), "Bad date").replace("2033-01-10T09:00:00Z", "2033-02-30T25:61:00Z"));

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"), reply.body());
        assertUnchangedAndStillServing();
    }

    @Test
    void negativeOrHugeIdsAreRefused() throws Exception {
        Reply negative = soap.call("bob", DemoData.BOB_PASSWORD,
                "<inv:AcceptInvitation><inv:recordId>-5</inv:recordId></inv:AcceptInvitation>");
        Reply huge = soap.call("bob", DemoData.BOB_PASSWORD,
                "<inv:AcceptInvitation><inv:recordId>99999999999999999999999</inv:recordId></inv:AcceptInvitation>");

        assertClientFault(negative, "minInclusive");
        assertEquals("soap:Client", huge.xpath("//soap:Fault/faultcode"), huge.body());
        assertUnchangedAndStillServing();
    }

    @Test
    void operationThatTheWsdlDoesNotHaveIsRefused() throws Exception {
        Reply reply = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:DropAllTables/>");

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"), reply.body());
        assertUnchangedAndStillServing();
    }

    @Test
    void bodyThatIsNotXmlIsRefused() throws Exception {
        Reply reply = soap.post("{\"json\": \"not soap\"}", "application/json");

        assertTrue(reply.status() >= 400, "status " + reply.status());
        assertUnchangedAndStillServing();
    }

    @Test
    void envelopeWithoutBodyIsRefused() throws Exception {
        Reply reply = soap.post("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
                "text/xml; charset=UTF-8");

        assertTrue(reply.status() >= 400, "status " + reply.status());
        assertUnchangedAndStillServing();
    }

    @Test
    void aFaultQuotingSixHundredSymbolsOutsideTheBmpIsCutBetweenCharactersAndStillSent() throws Exception {
        String clefs = "\uD834\uDD1E".repeat(600);
        String body = meetingWith(bob(), "Clefs").replace("<inv:start>", "<inv:location>" + clefs
                + "</inv:location><inv:start>");

        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, body);

        assertClientFault(reply, "maxLength");
        String faultString = reply.xpath("//soap:Fault/faultstring");
        assertTrue(faultString.endsWith("… (shortened)"), faultString);
        assertTrue(faultString.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp)),
                "no half of a surrogate pair in the fault string");
        assertUnchangedAndStillServing();
    }

    @Test
    void charactersXmlCannotCarryAreTheClientsFault() throws Exception {
        for (String reference : new String[] {"&#1;", "&#0;", "&#xFFFE;"}) {
            Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "Bad " + reference));

            assertClientFault(reply, "");
        }
        assertUnchangedAndStillServing();
    }

    @Test
    void anUnknownSoapActionIsTheClientsFault() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.address()))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:invitations:v1:DropAllTables\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RawSoap.envelope("alice",
                        DemoData.ALICE_PASSWORD, meetingWith(bob(), "Wrong action")))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(500, response.statusCode(), response.body());
        assertEquals("soap:Client", RawSoap.xpath(org.invitations.support.Xml.parse(response.body()),
                "//soap:Fault/faultcode"), response.body());
        assertUnchangedAndStillServing();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        byte[] big = RawSoap.envelope("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "Big")
                .replace("</inv:CreateInvitation>", " ".repeat(2 * 1024 * 1024) + "</inv:CreateInvitation>"))
                .getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length: the JDK client sends it chunked, with no Content-Length.
        var chunked = java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(big));

        // The server answers 413 and closes as soon as the limit is passed; a client still sending
        // may see the close (a reset) before it reads the answer. Either way: refused, never a 200.
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.address()))
                    .header("Content-Type", "text/xml; charset=UTF-8").POST(chunked).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), response.body());
        } catch (java.io.IOException closedWhileSending) {
            // refused by closing the connection mid-body
        }
        assertUnchangedAndStillServing();
    }

    @Test
    void aSchemaViolationIsTheDeclaredInvalidRequestFaultWithTheFieldPath() throws Exception {
        String participants = bob() + bob().replace(bobId, "1") + "<inv:participant><inv:associateId>-5"
                + "</inv:associateId></inv:participant>";

        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(participants, "Bad id"));

        assertClientFault(reply, "participants/participant[3]/associateId breaks the schema");
        assertEquals("participants/participant[3]/associateId", reply.xpath("//soap:Fault/detail/inv:InvalidRequestFault/inv:field"),
                reply.body());
        assertTrue(reply.xpath("//soap:Fault/detail/inv:InvalidRequestFault/inv:message").contains("minInclusive"),
                reply.body());
        assertUnchangedAndStillServing();
    }

    @Test
    void anUnreadableDateNamesItsField() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, meetingWith(bob(), "Bad date")
                .replace("2033-01-10T09:00:00Z", "2033-01-10T09:00:00.1234567Z"));

        assertClientFault(reply, "round it to 6 digits");
        assertEquals("start", reply.xpath("//soap:Fault/detail/inv:InvalidRequestFault/inv:field"), reply.body());
        assertUnchangedAndStillServing();
    }
}
