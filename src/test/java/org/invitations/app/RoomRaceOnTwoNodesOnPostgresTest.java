package org.invitations.app;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.invitations.support.Directory;
import org.invitations.support.Postgres;
import org.invitations.support.Race;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.BookingPolicy;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.SetResourcePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service nodes (each its own Hibernate, connection pool and caches) on one PostgreSQL database: twenty
 * owners, half on each node, book one room that refuses conflicts for overlapping slots at the same moment.
 * The room's row lock is the database's, so exactly one booking is written, whichever node it came through.
 */
class RoomRaceOnTwoNodesOnPostgresTest {

    @TempDir
    Path data;

    @Test
    void ofTwentyOwnersOnTwoNodesBookingOneRefusingRoomAtOnceExactlyOneWins() throws Exception {
        String url = Postgres.freshDatabase();
        try (InvitationsServer a = node(url, data.resolve("a")); InvitationsServer b = node(url, data.resolve("b"))) {
            Directory viaA = new Directory(a.address());
            Directory viaB = new Directory(b.address());
            long carol = viaA.idOf("carol");
            for (int round = 0; round < 3; round++) {
                Resource room = viaA.freshResource("Room Two Nodes " + round);
                SetResourcePolicy refuse = new SetResourcePolicy();
                refuse.setResourceId(room.getResourceId());
                refuse.setBookingPolicy(BookingPolicy.REFUSE_CONFLICTS);
                viaB.admin().setResourcePolicy(refuse);
                OffsetDateTime nine = freeSlot();
                Race race = new Race();
                for (int i = 0; i < 20; i++) {
                    Directory via = i % 2 == 0 ? viaA : viaB;
                    InvitationsPortType owner = via.freshMember("node-racer").port();
                    CreateInvitation request = meeting("Race " + i, nine.plusMinutes(i), associate(carol),
                            resource(room.getResourceId()));
                    race.add(() -> owner.createInvitation(request));
                }
                race.run(Duration.ofSeconds(120));

                System.out.println("two nodes, round " + (round + 1) + ", 20 owners booking one refusing room at once: "
                        + race);
                assertEquals(List.of(), race.unexpected("BookingRefusedFault"), "no raw server fault: " + race);
                assertEquals(1, race.count("OK"), race.toString());
                assertEquals(19, race.count("BookingRefusedFault"), race.toString());
                assertEquals(1, bookingsOf(url, room.getResourceId()), "exactly one booking of the room");
            }
        }
    }

    private static InvitationsServer node(String jdbcUrl, Path dataDir) {
        return InvitationsServer.start(TestServer.config(dataDir, TestServer.freePort()).toBuilder()
                .jdbcUrl(jdbcUrl).jdbcUser("postgres").jdbcPassword("postgres").build());
    }

    private static long bookingsOf(String url, long resourceId) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from participant_record where resource_id = ? and status = 1")) {
            statement.setLong(1, resourceId);
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
