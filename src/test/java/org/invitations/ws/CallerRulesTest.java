package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invitations.app.DemoData;
import org.invitations.support.Directory;
import org.invitations.support.RawEndpointTest;
import org.invitations.support.RawSoap;
import org.invitations.support.RawSoap.Reply;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.Role;
import org.invitations.ws.generated.SetAssociateEnabled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who is calling is decided once, before any operation runs, with the same rules for every
 * operation: each operation of the served WSDL (read from it, so a new one is covered the day it is
 * added) × {an integration without OnBehalfOf, a user with it, a disabled account, a locked account}
 * gets the declared fault, and nothing changes.
 */
class CallerRulesTest extends RawEndpointTest {

    static List<String> operations;
    static Directory directory;

    @BeforeAll
    static void accounts() throws Exception {
        directory = new Directory(server.address());
        Reply wsdl = soap.get("?wsdl");
        var nodes = (org.w3c.dom.NodeList) org.invitations.support.Xml.xpath(java.util.Map.of(
                        "wsdl", "http://schemas.xmlsoap.org/wsdl/"))
                .evaluate("//wsdl:portType/wsdl:operation/@name", wsdl.document(),
                        javax.xml.xpath.XPathConstants.NODESET);
        operations = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            operations.add(nodes.item(i).getNodeValue());
        }
        create("matrix-crm", Role.INTEGRATION);
        long off = create("matrix-off", Role.USER);
        SetAssociateEnabled disable = new SetAssociateEnabled();
        disable.setAssociateId(off);
        disable.setEnabled(false);
        directory.admin().setAssociateEnabled(disable);
        create("matrix-locked", Role.USER);
        for (int i = 0; i < 5; i++) {
            soap.call("matrix-locked", "wrong-password-" + i, "<inv:GetInvitations/>");
        }
    }

    private static long create(String username, Role role) throws Exception {
        CreateAssociate request = new CreateAssociate();
        request.setUsername(username);
        request.setFullName("Matrix " + username);
        request.setPassword("password-" + username);
        request.setRole(role);
        return directory.admin().createAssociate(request).getAssociate().getAssociateId();
    }

    /** An envelope for any operation: the caller is decided before the body is read. */
    private static Reply call(String username, String password, String onBehalfOf, String operation)
            throws Exception {
        String behalf = onBehalfOf == null ? "" : "<inv:OnBehalfOf><inv:username>" + onBehalfOf
                + "</inv:username></inv:OnBehalfOf>";
        String envelope = RawSoap.envelope(username, password, "<inv:" + operation + "/>")
                .replace("</wsse:Security>", "</wsse:Security>" + behalf);
        return soap.post(envelope, "text/xml; charset=UTF-8");
    }

    /** Changes in the audit log; refused logins are recorded too, but change nothing. */
    private static long auditedChanges() throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry().stream()
                .filter(e -> !e.getOperation().equals("LoginRefused")).count();
    }

    @Test
    void everyOperationAppliesTheSameCallerRules() throws Exception {
        assertTrue(operations.size() >= 33, "operations read from the WSDL: " + operations);
        long before = auditedChanges();
        List<String> misses = new ArrayList<>();
        for (String operation : operations) {
            expect(misses, operation, "integration without OnBehalfOf",
                    call("matrix-crm", "password-matrix-crm", null, operation), "NotAllowedFault");
            expect(misses, operation, "user with OnBehalfOf",
                    call("alice", DemoData.ALICE_PASSWORD, "bob", operation), "NotAllowedFault");
            expect(misses, operation, "disabled account",
                    call("matrix-off", "password-matrix-off", null, operation), "FailedAuthentication");
            expect(misses, operation, "locked account",
                    call("matrix-locked", "password-matrix-locked", null, operation), "FailedAuthentication");
        }

        assertEquals(List.of(), misses);
        assertEquals(before, auditedChanges(), "nothing changed");
    }

    private static void expect(List<String> misses, String operation, String who, Reply reply, String fault)
            throws Exception {
        boolean ok = reply.status() == 500 && (fault.equals("FailedAuthentication")
                ? reply.xpath("//soap:Fault/faultcode").endsWith(":FailedAuthentication")
                : reply.xpath("//soap:Fault/faultcode").equals("soap:Client")
                && !reply.xpath("//soap:Fault/detail/inv:" + fault + "/inv:message").isEmpty());
        if (!ok) {
            misses.add(operation + " as " + who + ": " + reply.status() + " " + reply.body());
        }
    }
}
