package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.CreateAssociate;
import org.invitations.ws.generated.ListAssociates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started with --default-time-zone Europe/Oslo: every associate it adds without a zone is in Oslo. */
class DefaultTimeZoneTest {

    @TempDir
    static Path data;
    static InvitationsServer server;
    static Directory directory;

    @BeforeAll
    static void start() {
        ServerConfig fromCommandLine = ServerConfig.from(new String[] {"--default-time-zone", "Europe/Oslo"}, Map.of());
        server = InvitationsServer.start(TestServer.config(data, TestServer.freePort()).toBuilder()
                .defaultTimeZone(fromCommandLine.defaultTimeZone()).build());
        directory = new Directory(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Associate> associates() throws Exception {
        ListAssociates request = new ListAssociates();
        request.setPageSize(500);
        return directory.admin().listAssociates(request).getAssociate();
    }

    @Test
    void theFirstAdminAndTheDemoDirectoryAreInTheDefaultZone() throws Exception {
        assertEquals(Map.of("admin", "Europe/Oslo", "alice", "Europe/Oslo", "bob", "Europe/Oslo",
                        "carol", "Europe/Oslo"),
                associates().stream().filter(a -> List.of("admin", "alice", "bob", "carol").contains(a.getUsername()))
                        .collect(java.util.stream.Collectors.toMap(Associate::getUsername, Associate::getTimeZone)));
    }

    @Test
    void aNewAssociateWithoutAZoneGetsTheDefaultAndOneWithAZoneKeepsIt() throws Exception {
        assertEquals("Europe/Oslo", directory.freshAssociate("oslo").getTimeZone());

        CreateAssociate request = new CreateAssociate();
        request.setUsername("newyorker");
        request.setFullName("New Yorker");
        request.setPassword("password-newyorker");
        request.setTimeZone("America/New_York");
        assertEquals("America/New_York", directory.admin().createAssociate(request).getAssociate().getTimeZone());
    }
}
