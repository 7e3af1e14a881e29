package org.invitations.ws;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.list;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.BookingPolicy;
import org.invitations.ws.generated.BookingRefusedFault;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateResource;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetResource;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListResources;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.SetResourcePolicy;
import org.invitations.ws.generated.UpdateAppointment;
import org.junit.jupiter.api.Test;

/**
 * Rooms and equipment with booking rules, through the real endpoint: an ADMIN sets a resource's capacity,
 * booking policy, maximum duration and booking window; a refusing room refuses an overlapping booking (create,
 * move, update, a whole series) with BookingRefusedFault naming the room and the holder's time, never its
 * title, and nothing written; limits refuse too; a room that allows conflicts books and flags as before. And
 * real races: of many owners booking one refusing room at once exactly one wins.
 */
class RoomPolicyEndpointTest extends EndpointTest {

    private static final String SECRET_TITLE = "Board: the secret merger";

    @Test
    void anAdminSetsAResourcesRulesAndTheyAreShownWhereverItIsRead() throws Exception {
        Resource oslo = directory.freshResource("Room Oslo");
        assertEquals(BookingPolicy.ALLOW_CONFLICTS, oslo.getBookingPolicy(), "a plain resource allows conflicts");
        assertNull(oslo.getCapacity());

        Resource set = directory.admin().setResourcePolicy(policy(oslo.getResourceId(), 8,
                BookingPolicy.REFUSE_CONFLICTS, 240, 90)).getResource();
        assertRules(set, 8, BookingPolicy.REFUSE_CONFLICTS, 240, 90);

        GetResource get = new GetResource();
        get.setResourceId(oslo.getResourceId());
        assertRules(alice.getResource(get).getResource(), 8, BookingPolicy.REFUSE_CONFLICTS, 240, 90);
        ListResources all = new ListResources();
        all.setPageSize(500);
        Resource listed = alice.listResources(all).getResource().stream()
                .filter(r -> r.getResourceId() == oslo.getResourceId()).findFirst().orElseThrow();
        assertRules(listed, 8, BookingPolicy.REFUSE_CONFLICTS, 240, 90);

        Resource cleared = directory.admin().setResourcePolicy(policy(oslo.getResourceId(), null, null, null, null))
                .getResource();
        assertRules(cleared, null, BookingPolicy.ALLOW_CONFLICTS, null, null);
    }

    @Test
    void onlyAnAdminSetsAResourcesRulesAndAnUnknownResourceIsNotFound() throws Exception {
        Resource room = directory.freshResource("Room Bergen");
        NotAllowedFault refused = assertThrows(NotAllowedFault.class, () -> alice.setResourcePolicy(
                policy(room.getResourceId(), 4, BookingPolicy.REFUSE_CONFLICTS, null, null)));
        assertTrue(refused.getMessage().contains("ADMIN"), refused.getMessage());
        NotFoundFault unknown = assertThrows(NotFoundFault.class, () -> directory.admin().setResourcePolicy(
                policy(987_654_321L, 4, null, null, null)));
        assertEquals("resourceId", unknown.getFaultInfo().getField());
        GetResource get = new GetResource();
        get.setResourceId(room.getResourceId());
        assertEquals(BookingPolicy.ALLOW_CONFLICTS, alice.getResource(get).getResource().getBookingPolicy());
    }

    @Test
    void anyAssociateAddsAPlainResourceButOnlyAnAdminAddsOneWithRules() throws Exception {
        CreateResource plain = new CreateResource();
        plain.setName("Projector 1");
        assertEquals(BookingPolicy.ALLOW_CONFLICTS, alice.createResource(plain).getResource().getBookingPolicy());

        CreateResource ruled = new CreateResource();
        ruled.setName("Room Tromso");
        ruled.setCapacity(6);
        ruled.setBookingPolicy(BookingPolicy.REFUSE_CONFLICTS);
        assertThrows(NotAllowedFault.class, () -> alice.createResource(ruled));
        assertRules(directory.admin().createResource(ruled).getResource(), 6, BookingPolicy.REFUSE_CONFLICTS, null,
                null);
    }

    @Test
    void aRefusingRoomRefusesAnOverlapNamingTheRoomAndTheHoldersTimeButNotItsTitle() throws Exception {
        Resource room = refusingRoom("Room Stavanger");
        OffsetDateTime nine = freeSlot();
        alice.createInvitation(meeting(SECRET_TITLE, nine, associate(carolId), resource(room.getResourceId())));
        Map<String, Long> before = rows();

        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class, () -> bob.createInvitation(
                meeting("Team lunch", nine.plusMinutes(30), associate(carolId), resource(room.getResourceId()))));

        assertTrue(fault.getMessage().contains("Room Stavanger"), fault.getMessage());
        assertTrue(fault.getMessage().contains(nine.toInstant().toString()), fault.getMessage());
        assertFalse(fault.getMessage().contains("merger"), "never the holder's title: " + fault.getMessage());
        assertEquals(room.getResourceId(), fault.getFaultInfo().getId());
        assertEquals("participants/participant[2]", fault.getFaultInfo().getField());
        assertEquals(nine.toInstant(), fault.getFaultInfo().getBusyStart().toInstant());
        assertEquals(nine.plusHours(1).toInstant(), fault.getFaultInfo().getBusyEnd().toInstant());
        assertEquals(before, rows(), "nothing was written");

        // right after the holder's end it is free
        bob.createInvitation(meeting("Team lunch", nine.plusHours(1), associate(carolId),
                resource(room.getResourceId())));
    }

    @Test
    void aRoomRefusesAMeetingWithMorePeopleThanItHolds() throws Exception {
        Resource room = directory.freshResource("Room Alta");
        directory.admin().setResourcePolicy(policy(room.getResourceId(), 2, null, null, null));
        Map<String, Long> before = rows();

        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class, () -> alice.createInvitation(
                meeting("Three of us", freeSlot(), associate(bobId), associate(carolId),
                        resource(room.getResourceId()))));

        assertTrue(fault.getMessage().contains("holds 2 people") && fault.getMessage().contains("has 3"),
                fault.getMessage());
        assertEquals("participants/participant[3]", fault.getFaultInfo().getField());
        assertEquals(before, rows());
        // two fit: the owner and bob
        alice.createInvitation(meeting("Two of us", freeSlot(), associate(bobId), resource(room.getResourceId())));
    }

    @Test
    void aRoomRefusesABookingLongerThanItsMaximumOrBeyondItsWindow() throws Exception {
        Resource room = directory.freshResource("Room Bodo");
        directory.admin().setResourcePolicy(policy(room.getResourceId(), null, null, 60, null));
        CreateInvitation tooLong = meeting("Long workshop", freeSlot(), associate(bobId),
                resource(room.getResourceId()));
        tooLong.setEnd(tooLong.getStart().plusMinutes(90));
        BookingRefusedFault longer = assertThrows(BookingRefusedFault.class, () -> alice.createInvitation(tooLong));
        assertTrue(longer.getMessage().contains("at most 60 minutes") && longer.getMessage().contains("lasts 90"),
                longer.getMessage());

        Resource near = directory.freshResource("Room Narvik");
        directory.admin().setResourcePolicy(policy(near.getResourceId(), null, null, null, 30));
        Map<String, Long> before = rows();
        BookingRefusedFault far = assertThrows(BookingRefusedFault.class, () -> alice.createInvitation(
                meeting("Far ahead", freeSlot(), associate(bobId), resource(near.getResourceId()))));
        assertTrue(far.getMessage().contains("at most 30 days ahead"), far.getMessage());
        assertEquals(near.getResourceId(), far.getFaultInfo().getId());
        assertEquals(before, rows());
    }

    @Test
    void aMoveIntoARefusedOverlapIsRefusedAndTheMeetingStaysWhereItWas() throws Exception {
        Resource room = refusingRoom("Room Molde");
        OffsetDateTime nine = freeSlot();
        alice.createInvitation(meeting(SECRET_TITLE, nine, associate(carolId), resource(room.getResourceId())));
        long bobs = bob.createInvitation(meeting("Later", nine.plusHours(3), associate(carolId),
                resource(room.getResourceId()))).getAppointmentId();

        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class,
                () -> bob.moveAppointment(move(bobs, nine.plusMinutes(15))));
        assertEquals(nine.toInstant(), fault.getFaultInfo().getBusyStart().toInstant());
        assertEquals("start", fault.getFaultInfo().getField());
        assertFalse(fault.getMessage().contains("merger"), fault.getMessage());
        var view = bob.getAppointmentParticipants(org.invitations.support.Requests.participants(bobs));
        assertEquals(nine.plusHours(3).toInstant(), view.getAppointment().getStart().toInstant());
        assertEquals(0, view.getAppointment().getSequence());

        // moving within its own slot never clashes with itself
        bob.moveAppointment(move(bobs, nine.plusHours(3).plusMinutes(30)));
    }

    @Test
    void addingARefusingRoomThatIsTakenIsRefused() throws Exception {
        Resource room = refusingRoom("Room Hamar");
        OffsetDateTime nine = freeSlot();
        alice.createInvitation(meeting(SECRET_TITLE, nine, associate(carolId), resource(room.getResourceId())));
        long bobs = bob.createInvitation(meeting("Same time", nine, associate(carolId))).getAppointmentId();
        Map<String, Long> before = rows();

        UpdateAppointment add = update(bobs);
        add.setAddParticipants(list(resource(room.getResourceId())));
        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class, () -> bob.updateAppointment(add));
        assertEquals("addParticipants/participant[1]", fault.getFaultInfo().getField());
        assertEquals(before, rows());
    }

    @Test
    void aSeriesWhoseThirdOccurrenceWouldOverlapIsRefusedAsAWholeWithNothingWritten() throws Exception {
        Resource room = refusingRoom("Room Lillehammer");
        OffsetDateTime monday = freeSlot();
        OffsetDateTime thirdMonday = monday.plusWeeks(2);
        alice.createInvitation(meeting(SECRET_TITLE, thirdMonday.plusMinutes(30), associate(carolId),
                resource(room.getResourceId())));
        Map<String, Long> before = rows();

        CreateInvitation weekly = meeting("Weekly", monday, associate(carolId), resource(room.getResourceId()));
        Recurrence recurrence = new Recurrence();
        recurrence.setFrequency(Frequency.WEEKLY);
        recurrence.setCount(5);
        weekly.setRecurrence(recurrence);
        weekly.setTimeZone("UTC");
        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class, () -> bob.createInvitation(weekly));

        assertTrue(fault.getMessage().contains(thirdMonday.toInstant().toString()), "names the occurrence: "
                + fault.getMessage());
        assertEquals(thirdMonday.plusMinutes(30).toInstant(), fault.getFaultInfo().getBusyStart().toInstant());
        assertEquals(before, rows(), "no series, no occurrence, no record");
    }

    @Test
    void aWholeSeriesMovedIntoARefusedOverlapIsRefusedAndNoOccurrenceMoves() throws Exception {
        Resource room = refusingRoom("Room Drammen");
        OffsetDateTime monday = freeSlot();
        CreateInvitation weekly = meeting("Weekly", monday, associate(carolId), resource(room.getResourceId()));
        Recurrence recurrence = new Recurrence();
        recurrence.setFrequency(Frequency.WEEKLY);
        recurrence.setCount(4);
        weekly.setRecurrence(recurrence);
        weekly.setTimeZone("UTC");
        long series = bob.createInvitation(weekly).getAppointmentId();
        alice.createInvitation(meeting(SECRET_TITLE, monday.plusWeeks(3).plusHours(2), associate(carolId),
                resource(room.getResourceId())));
        Map<String, Long> before = rows();

        var moveAll = move(series, monday.plusHours(2));
        moveAll.setScope(org.invitations.ws.generated.Scope.SERIES);
        BookingRefusedFault fault = assertThrows(BookingRefusedFault.class, () -> bob.moveAppointment(moveAll));
        assertEquals(monday.plusWeeks(3).plusHours(2).toInstant(), fault.getFaultInfo().getBusyStart().toInstant());
        assertFalse(fault.getMessage().contains("merger"), fault.getMessage());
        assertEquals(before, rows());
        assertEquals(monday.toInstant(), bob.getAppointmentParticipants(org.invitations.support.Requests
                .participants(series)).getAppointment().getStart().toInstant(), "the series stays");
    }

    @Test
    void aRoomThatAllowsConflictsIsBookedTwiceAndFlagsTheSecond() throws Exception {
        Resource room = directory.freshResource("Room Gjovik");
        OffsetDateTime nine = freeSlot();
        var first = alice.createInvitation(meeting("First", nine, associate(carolId), resource(room.getResourceId())));
        var second = bob.createInvitation(meeting("Second", nine, associate(carolId), resource(room.getResourceId())));
        assertFalse(first.getParticipant().get(1).isConflict());
        assertTrue(second.getParticipant().get(1).isConflict(), "booked and flagged, as before");
    }

    @Test
    void ofTwentyOwnersBookingOneRefusingRoomAtOnceExactlyOneWins() throws Exception {
        Resource room = refusingRoom("Room Race");
        OffsetDateTime nine = freeSlot();
        Race race = new Race();
        for (int i = 0; i < 20; i++) {
            InvitationsPortType owner = directory.freshMember("racer").port();
            CreateInvitation request = meeting("Race " + i, nine.plusMinutes(i), associate(carolId),
                    resource(room.getResourceId()));
            race.add(() -> owner.createInvitation(request));
        }
        race.run(Duration.ofSeconds(120));

        System.out.println("20 owners booking one refusing room at once: " + race);
        assertEquals(List.of(), race.unexpected("BookingRefusedFault"), "no raw server fault: " + race);
        assertEquals(1, race.count("OK"), race.toString());
        assertEquals(19, race.count("BookingRefusedFault"), race.toString());
        assertEquals(1, bookingsOf(room.getResourceId()), "exactly one booking of the room");
    }

    @Test
    void anOwnerMovingIntoARoomSlotWhileAnotherBooksItLeavesExactlyOneHolder() throws Exception {
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (int round = 0; round < 5; round++) {
            Resource room = refusingRoom("Room Move Race " + round);
            OffsetDateTime nine = freeSlot();
            long bobs = bob.createInvitation(meeting("Moving in", nine.plusHours(4), associate(carolId),
                    resource(room.getResourceId()))).getAppointmentId();
            Race race = new Race()
                    .add(() -> bob.moveAppointment(move(bobs, nine)))
                    .add(() -> alice.createInvitation(meeting("Booking it", nine.plusMinutes(30), associate(carolId),
                            resource(room.getResourceId()))));
            race.run(Duration.ofSeconds(60));
            assertEquals(List.of(), race.unexpected("BookingRefusedFault"), race.toString());
            assertEquals(1, race.count("OK"), race.toString());
            assertEquals(1, race.count("BookingRefusedFault"), race.toString());
            boolean moved = bob.getAppointmentParticipants(org.invitations.support.Requests.participants(bobs))
                    .getAppointment().getStart().toInstant().equals(nine.toInstant());
            boolean booked = race.outcomeOf(1).equals("OK");
            assertTrue(moved != booked, "exactly one of them holds the room at " + nine + ": " + race);
            assertEquals(booked ? 2 : 1, bookingsOf(room.getResourceId()), "the room's bookings");
            outcomes.merge(moved ? "move won" : "booking won", 1L, Long::sum);
        }
        System.out.println("a move into a room slot racing a booking of it, 5 rounds: " + outcomes);
    }

    // ------------------------------------------------------------------ helpers

    private static Resource refusingRoom(String name) throws Exception {
        Resource room = directory.freshResource(name);
        return directory.admin().setResourcePolicy(policy(room.getResourceId(), null, BookingPolicy.REFUSE_CONFLICTS,
                null, null)).getResource();
    }

    static SetResourcePolicy policy(long resourceId, Integer capacity, BookingPolicy bookingPolicy,
                                    Integer maxDurationMinutes, Integer bookingWindowDays) {
        SetResourcePolicy request = new SetResourcePolicy();
        request.setResourceId(resourceId);
        request.setCapacity(capacity);
        request.setBookingPolicy(bookingPolicy);
        request.setMaxDurationMinutes(maxDurationMinutes);
        request.setBookingWindowDays(bookingWindowDays);
        return request;
    }

    private static void assertRules(Resource resource, Integer capacity, BookingPolicy policy, Integer maxMinutes,
                                    Integer windowDays) {
        assertEquals(capacity, resource.getCapacity());
        assertEquals(policy, resource.getBookingPolicy());
        assertEquals(maxMinutes, resource.getMaxDurationMinutes());
        assertEquals(windowDays, resource.getBookingWindowDays());
    }

    private Map<String, Long> rows() throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement()) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : List.of("appointment", "participant_record", "client_request")) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
            return counts;
        }
    }

    /** The room's booked records (status 1). */
    private long bookingsOf(long resourceId) throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
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
