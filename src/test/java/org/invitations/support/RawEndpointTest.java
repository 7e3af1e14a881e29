package org.invitations.support;

import java.nio.file.Path;
import org.invitations.app.DemoData;
import org.invitations.app.InvitationsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per test class (as {@link EndpointTest}), called with hand-written XML over the
 * JDK's HTTP client: for what a generated client cannot send.
 */
public abstract class RawEndpointTest {

    @TempDir
    protected static Path data;
    protected static InvitationsServer server;
    protected static RawSoap soap;
    /** Bob's associate id in the demo directory, as text for XML. */
    protected static String bobId;

    @BeforeAll
    static void startServer(TestInfo test) throws Exception {
        server = TestServer.startFor(test.getTestClass().orElse(null), data);
        soap = new RawSoap(server.address());
        bobId = soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:ListAssociates/>")
                .xpath("//inv:associate[inv:username='bob']/inv:associateId");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
