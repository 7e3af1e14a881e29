package org.invitations.app;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Derby database lives on disk in the data folder and survives a restart. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void dataSurvivesARestartOnTheSameFolder() throws Exception {
        long recordId;
        try (InvitationsServer first = TestServer.start(data)) {
            Directory directory = new Directory(first.address());
            recordId = directory.alice().createInvitation(
                    meeting("Before restart", freeSlot(), associate(directory.idOf("bob"))))
                    .getParticipant().get(0).getRecordId();
        }
        assertTrue(Files.isDirectory(data.resolve("db")), "database folder created in the data folder");

        try (InvitationsServer second = TestServer.start(data)) {
            Directory directory = new Directory(second.address());
            var invitations = directory.bob().getInvitations(pending()).getInvitation();

            assertEquals(1, invitations.size());
            assertEquals(recordId, invitations.get(0).getRecordId());
            assertEquals("Before restart", invitations.get(0).getTitle());
            assertEquals(4, directory.admin().listAssociates(new org.invitations.ws.generated.ListAssociates())
                    .getAssociate().size(), "neither the admin nor the demo directory is created twice");
        }
    }

    @Test
    void firstStartCreatesAdminWithConfiguredPassword() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(TestServer.freePort()).dataDir(data)
                .adminPassword("configured-secret").passwordIterations(TestServer.TEST_ITERATIONS).build();
        try (InvitationsServer server = InvitationsServer.start(config)) {
            var admin = org.invitations.support.Clients.as(server.address(), "admin", "configured-secret");
            var all = admin.listAssociates(new org.invitations.ws.generated.ListAssociates()).getAssociate();

            assertEquals(1, all.size(), "without --demo only the admin exists");
            assertEquals("admin", all.get(0).getUsername());
        }
        assertFalse(Files.exists(data.resolve(InvitationsServer.ADMIN_PASSWORD_FILE)), "nothing generated");
    }

    @Test
    void aGeneratedAdminPasswordIsWrittenForTheOwnerOnly() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(TestServer.freePort()).dataDir(data)
                .passwordIterations(TestServer.TEST_ITERATIONS).build();
        try (InvitationsServer server = InvitationsServer.start(config)) {
            Path file = data.resolve(InvitationsServer.ADMIN_PASSWORD_FILE);
            String password = Files.readString(file).strip();
            var admin = org.invitations.support.Clients.as(server.address(), "admin", password);

            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertEquals(1, admin.listAssociates(new org.invitations.ws.generated.ListAssociates())
                    .getAssociate().size(), "the password in the file is the admin's");
            try (var files = Files.list(data)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                        "no temporary file is left behind");
            }
        }
    }
}
