package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.invitations.app.DemoData;
import org.invitations.app.InvitationsServer;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's ceiling answers as the benchmark expects: signed in only, a constant of the size asked for. */
class NoopEndpointTest {

    @TempDir
    static Path data;
    private static InvitationsServer server;
    private static RawSoap noop;

    @BeforeAll
    static void start() {
        server = InvitationsServer.start(TestServer.config(data, TestServer.freePort()).toBuilder().benchNoop(true)
                .build());
        noop = new RawSoap(server.address().replaceAll("/invitations$", "") + "/noop");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAPageSizedConstantOfTheSizeAskedFor() throws Exception {
        RawSoap.Reply reply = noop.call("alice", DemoData.ALICE_PASSWORD,
                "<b:Noop xmlns:b=\"urn:invitations:bench\"><b:answerBytes>16000</b:answerBytes></b:Noop>");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("true", reply.xpath("//*[local-name()='NoopResponse']/*[local-name()='ok']"));
        int items = Integer.parseInt(reply.xpath("count(//*[local-name()='item'])"));
        int bytes = reply.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(items > 40 && bytes > 15_000 && bytes < 17_500, items + " items in " + bytes + " bytes");
    }

    @Test
    void answersTheShortConstantToAnyOtherBody() throws Exception {
        RawSoap.Reply reply = noop.call("alice", DemoData.ALICE_PASSWORD, "<x:Other xmlns:x=\"urn:else\"/>");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("0", reply.xpath("count(//*[local-name()='item'])"));
        assertEquals("true", reply.xpath("//*[local-name()='NoopResponse']/*[local-name()='ok']"));
    }

    @Test
    void refusesACallWithoutTheSecurityHeader() throws Exception {
        RawSoap.Reply reply = noop.call(null, null,
                "<b:Noop xmlns:b=\"urn:invitations:bench\"><b:answerBytes>100</b:answerBytes></b:Noop>");
        assertEquals(500, reply.status(), reply.body());
        assertTrue(reply.body().contains("Fault"), reply.body());
    }
}
