package org.invitations.ws;

import org.invitations.support.RawEndpointTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invitations.app.DemoData;
import org.invitations.support.RawSoap;
import org.invitations.support.RawSoap.Reply;
import org.junit.jupiter.api.Test;

/** The three invitation operations and the served contract, checked over raw HTTP with XPath. */
class RawXmlClientTest extends RawEndpointTest {




    /** The operations of the port type in wsdl/invitations.wsdl, the file the contract is written in. */
    private static long operationsInTheContract() throws java.io.IOException {
        String contract = java.nio.file.Files.readString(java.nio.file.Path.of("wsdl", "invitations.wsdl"));
        String portType = contract.substring(contract.indexOf("<wsdl:portType"), contract.indexOf("</wsdl:portType>"));
        return java.util.regex.Pattern.compile("<wsdl:operation name=").matcher(portType).results().count();
    }

    @Test
    void servedWsdlIsTheHandWrittenContract() throws Exception {
        Reply wsdl = soap.get("?wsdl");

        assertEquals(200, wsdl.status());
        assertEquals(String.valueOf(operationsInTheContract()),
                wsdl.xpath("count(//wsdl:portType[@name='InvitationsPortType']/wsdl:operation)"));
        assertEquals("document", wsdl.xpath("//wsdl:binding/*[local-name()='binding']/@style"));
        String schemaLocation = wsdl.xpath("//xs:import/@schemaLocation");
        assertTrue(schemaLocation.contains("?xsd="), schemaLocation);

        Reply xsd = soap.get(schemaLocation.substring(schemaLocation.indexOf('?')));
        assertEquals("500", xsd.xpath("//xs:simpleType[@name='PageSize']//xs:maxInclusive/@value"));
    }

    @Test
    void createListAndAcceptOverRawXml() throws Exception {
        Reply associates = soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>");
        String bobId = associates.xpath("//inv:associate[inv:username='bob']/inv:associateId");

        Reply created = soap.call("alice", DemoData.ALICE_PASSWORD, """
                <inv:CreateInvitation>
                  <inv:type>MEETING</inv:type>
                  <inv:title>Raw kick-off</inv:title>
                  <inv:location>Room Oslo</inv:location>
                  <inv:start>2032-05-10T09:00:00+02:00</inv:start>
                  <inv:end>2032-05-10T10:00:00+02:00</inv:end>
                  <inv:participants>
                    <inv:participant><inv:associateId>%s</inv:associateId></inv:participant>
                  </inv:participants>
                </inv:CreateInvitation>""".formatted(bobId));
        assertEquals(200, created.status(), created.body());
        String recordId = created.xpath("//inv:CreateInvitationResponse/inv:participant/inv:recordId");
        assertEquals("5", created.xpath("//inv:participant/inv:status"));

        Reply listed = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations/>");
        String item = "//inv:invitation[inv:recordId='" + recordId + "']";
        assertEquals("Raw kick-off", listed.xpath(item + "/inv:title"));
        assertEquals("2032-05-10T07:00:00Z", listed.xpath(item + "/inv:start"), "returned in UTC");
        assertEquals("Alice Andersen", listed.xpath(item + "/inv:ownerName"));

        Reply accepted = soap.call("bob", DemoData.BOB_PASSWORD,
                "<inv:AcceptInvitation><inv:recordId>" + recordId + "</inv:recordId></inv:AcceptInvitation>");
        assertEquals("1", accepted.xpath("//inv:AcceptInvitationResponse/inv:status"));
        assertEquals("0", soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations/>").xpath("count(" + item + ")"));
    }

    @Test
    void requestBreakingTheSchemaGetsAClientFaultAndTheServerGoesOn() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, """
                <inv:CreateInvitation>
                  <inv:type>MEETING</inv:type>
                  <inv:title>%s</inv:title>
                  <inv:start>2032-05-10T09:00:00Z</inv:start>
                  <inv:end>2032-05-10T10:00:00Z</inv:end>
                  <inv:participants><inv:participant><inv:associateId>3</inv:associateId></inv:participant></inv:participants>
                </inv:CreateInvitation>""".formatted("x".repeat(201)));

        assertEquals(500, reply.status());
        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"));
        assertTrue(reply.xpath("//soap:Fault/faultstring").contains("maxLength"), reply.body());
        assertServerStillServes();
    }

    @Test
    void invalidDateIsAClientFault() throws Exception {
        Reply reply = soap.call("bob", DemoData.BOB_PASSWORD,
                "<inv:GetInvitations><inv:fromTime>2032-13-45T99:00:00Z</inv:fromTime></inv:GetInvitations>");

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"));
        assertServerStillServes();
    }

    @Test
    void participantWithTwoIdsBreaksTheSchema() throws Exception {
        Reply reply = soap.call("alice", DemoData.ALICE_PASSWORD, """
                <inv:CreateInvitation><inv:type>MEETING</inv:type><inv:title>Two ids</inv:title>
                  <inv:start>2032-05-10T09:00:00Z</inv:start><inv:end>2032-05-10T10:00:00Z</inv:end>
                  <inv:participants><inv:participant><inv:associateId>3</inv:associateId><inv:personId>1</inv:personId></inv:participant></inv:participants>
                </inv:CreateInvitation>""");

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"));
    }

    @Test
    void unknownOperationIsAClientFault() throws Exception {
        Reply reply = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:DeleteEverything/>");

        assertEquals("soap:Client", reply.xpath("//soap:Fault/faultcode"));
        assertServerStillServes();
    }

    @Test
    void missingSecurityHeaderIsRefusedWithAClearMessage() throws Exception {
        Reply reply = soap.call(null, null, "<inv:GetInvitations/>");

        assertTrue(reply.xpath("//soap:Fault/faultcode").endsWith("FailedAuthentication"), reply.body());
        assertTrue(reply.xpath("//soap:Fault/faultstring").contains("UsernameToken"), reply.body());
    }

    @Test
    void bodyThatIsNotXmlIsRefusedAndTheServerGoesOn() throws Exception {
        Reply reply = soap.post("this is not xml", "text/xml; charset=UTF-8");

        assertTrue(reply.status() >= 400, "status " + reply.status());
        assertServerStillServes();
    }

    private static void assertServerStillServes() throws Exception {
        Reply next = soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations/>");
        assertEquals(200, next.status(), next.body());
    }
}
