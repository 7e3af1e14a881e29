package org.invitations.support;

import java.nio.file.Path;
import org.invitations.app.InvitationsServer;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.InvitationsPortType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per test class (CXF on Jetty on a free port, Derby on disk in a temporary folder,
 * the demo directory), and CXF clients signed in as the demo associates.
 */
public abstract class EndpointTest {

    @TempDir
    protected static Path data;
    protected static InvitationsServer server;
    protected static Directory directory;
    protected static InvitationsPortType alice;
    protected static InvitationsPortType bob;
    protected static InvitationsPortType carol;
    protected static long aliceId;
    protected static long bobId;
    protected static long carolId;

    @BeforeAll
    static void startServer(TestInfo test) throws Exception {
        server = TestServer.startFor(test.getTestClass().orElse(null), data);
        directory = new Directory(server.address());
        alice = directory.alice();
        bob = directory.bob();
        carol = directory.carol();
        aliceId = directory.idOf("alice");
        bobId = directory.idOf("bob");
        carolId = directory.idOf("carol");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    protected static InvitationItem find(GetInvitationsResponse response, long recordId) {
        return response.getInvitation().stream()
                .filter(i -> i.getRecordId() == recordId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("record " + recordId + " not listed"));
    }

    protected static boolean contains(GetInvitationsResponse response, long recordId) {
        return response.getInvitation().stream().anyMatch(i -> i.getRecordId() == recordId);
    }
}
