package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.withOptions;
import static org.invitations.support.Requests.withStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.AppointmentType;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.GetInvitationsResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ParticipantKind;
import org.invitations.ws.generated.ParticipantResult;
import org.invitations.ws.generated.Resource;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.junit.jupiter.api.Test;

/** CreateInvitation, GetInvitations and AcceptInvitation through a CXF client against the real server. */
class InvitationEndpointTest extends EndpointTest {

    // ---------------------------------------------------------------- create

    @Test
    void savingWritesOwnersMasterRecordAndInvitesTheAssociate() throws Exception {
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = alice.createInvitation(meeting("Budget review", start, associate(bobId)));

        assertNotNull(created.getMasterRecordId());
        ParticipantResult bobsRecord = created.getParticipant().get(0);
        assertEquals(ParticipantKind.ASSOCIATE, bobsRecord.getKind());
        assertEquals(bobId, bobsRecord.getParticipant().getAssociateId());
        assertEquals(5, bobsRecord.getStatus());
        assertTrue(bobsRecord.isInvitationSent());
        assertFalse(bobsRecord.isConflict());

        InvitationItem item = find(bob.getInvitations(pending()), bobsRecord.getRecordId());
        assertEquals(created.getAppointmentId(), item.getAppointmentId());
        assertEquals("Budget review", item.getTitle());
        assertEquals("Room Oslo", item.getLocation());
        assertEquals(start.toInstant(), item.getStart().toInstant());
        assertEquals(start.plusHours(1).toInstant(), item.getEnd().toInstant());
        assertEquals(aliceId, item.getOwnerId());
        assertEquals("Alice Andersen", item.getOwnerName());
        assertEquals(5, item.getStatus());
        assertEquals(AppointmentType.MEETING, item.getType());
    }

    @Test
    void associatesAreBookedDirectlyWhenInvitationsAreNotSent() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(
                withOptions(meeting("Booked for bob", freeSlot(), associate(bobId)), false, null));

        ParticipantResult bobsRecord = created.getParticipant().get(0);
        assertEquals(1, bobsRecord.getStatus());
        assertFalse(bobsRecord.isInvitationSent());
        assertFalse(contains(bob.getInvitations(pending()), bobsRecord.getRecordId()),
                "a direct booking is not waiting for an answer");
        assertTrue(contains(bob.getInvitations(withStatuses(1)), bobsRecord.getRecordId()));
    }

    @Test
    void personAndResourceAreBookedWithoutInvitation() throws Exception {
        var contact = directory.contactWithPersons("Nordic Freight", "Per Hansen");
        long personId = contact.getPerson().get(0).getPersonId();
        Resource projector = directory.freshResource("Projector");

        CreateInvitationResponse created = alice.createInvitation(
                meeting("Customer visit", freeSlot(), person(personId), resource(projector.getResourceId())));

        ParticipantResult personRecord = created.getParticipant().get(0);
        assertEquals(ParticipantKind.PERSON, personRecord.getKind());
        assertEquals(personId, personRecord.getParticipant().getPersonId());
        assertEquals(1, personRecord.getStatus());
        assertFalse(personRecord.isInvitationSent());
        ParticipantResult resourceRecord = created.getParticipant().get(1);
        assertEquals(ParticipantKind.RESOURCE, resourceRecord.getKind());
        assertEquals(projector.getResourceId(), resourceRecord.getParticipant().getResourceId());
        assertEquals(1, resourceRecord.getStatus());
        assertFalse(resourceRecord.isInvitationSent());
    }

    @Test
    void eachParticipantGetsItsOwnRecordInRequestOrder() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(
                meeting("Three of us", freeSlot(), associate(carolId), associate(bobId)));

        assertEquals(2, created.getParticipant().size());
        assertEquals(carolId, created.getParticipant().get(0).getParticipant().getAssociateId());
        assertEquals(bobId, created.getParticipant().get(1).getParticipant().getAssociateId());
        assertTrue(created.getParticipant().get(0).getRecordId() != created.getParticipant().get(1).getRecordId());
        assertTrue(contains(carol.getInvitations(pending()), created.getParticipant().get(0).getRecordId()));
    }

    @Test
    void busyAssociateIsFlaggedAsConflictButStillInvited() throws Exception {
        OffsetDateTime start = freeSlot();
        long busyRecord = alice.createInvitation(
                withOptions(meeting("Bob is booked", start, associate(bobId)), false, null))
                .getParticipant().get(0).getRecordId();
        assertTrue(busyRecord > 0);

        CreateInvitation overlapping = meeting("Overlaps bob", start.plusMinutes(30), associate(bobId));
        ParticipantResult result = carol.createInvitation(overlapping).getParticipant().get(0);

        assertTrue(result.isConflict());
        assertEquals(5, result.getStatus());
    }

    @Test
    void bookedResourceIsFlaggedAsConflict() throws Exception {
        Resource room = directory.freshResource("Room Bergen");
        OffsetDateTime start = freeSlot();
        alice.createInvitation(meeting("First booking", start, resource(room.getResourceId())));

        ParticipantResult second = carol.createInvitation(
                meeting("Double booking", start.plusMinutes(59), resource(room.getResourceId()))).getParticipant().get(0);
        ParticipantResult adjacent = carol.createInvitation(
                meeting("Right before", start.minusHours(1), resource(room.getResourceId()))).getParticipant().get(0);

        assertTrue(second.isConflict());
        assertFalse(adjacent.isConflict(), "a meeting that ends when the other starts does not overlap");
    }

    @Test
    void pendingInvitationDoesNotMakeTheInviteeBusy() throws Exception {
        Associate dave = directory.freshAssociate("dave");
        OffsetDateTime start = freeSlot();
        alice.createInvitation(meeting("Not answered yet", start, associate(dave.getAssociateId())));

        ParticipantResult second = carol.createInvitation(
                meeting("Same time", start, associate(dave.getAssociateId()))).getParticipant().get(0);

        assertFalse(second.isConflict());
    }

    @Test
    void ownersMasterRecordMakesTheOwnerBusy() throws Exception {
        OffsetDateTime start = freeSlot();
        carol.createInvitation(meeting("Carol's own", start, associate(bobId)));

        ParticipantResult carolInvited = alice.createInvitation(meeting("Asks carol", start, associate(carolId)))
                .getParticipant().get(0);

        assertTrue(carolInvited.isConflict());
    }

    @Test
    void dontIncludeMyselfWritesNoMasterRecord() throws Exception {
        Associate erin = directory.freshAssociate("erin");
        InvitationsPortType asErin = directory.as(erin);
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = asErin.createInvitation(
                withOptions(meeting("Organised for others", start, associate(bobId)), null, false));
        assertNull(created.getMasterRecordId());
        assertEquals(5, created.getParticipant().get(0).getStatus());

        ParticipantResult erinInvited = alice.createInvitation(
                meeting("Erin is free", start, associate(erin.getAssociateId()))).getParticipant().get(0);

        assertFalse(erinInvited.isConflict(), "without a master record the owner's diary stays free");
    }

    // ---------------------------------------------------------------- create: refused, nothing written

    @Test
    void endBeforeStartIsRefusedAndNothingIsWritten() throws Exception {
        Associate frank = directory.freshAssociate("frank");
        CreateInvitation request = meeting("Backwards", freeSlot(), associate(frank.getAssociateId()));
        request.setEnd(request.getStart().minusMinutes(1));

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(request));

        assertEquals("end", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("end must be after start"), fault.getMessage());
        assertTrue(directory.as(frank).getInvitations(pending()).getInvitation().isEmpty());
    }

    @Test
    void endEqualToStartIsRefused() {
        CreateInvitation request = meeting("Zero length", freeSlot(), associate(bobId));
        request.setEnd(request.getStart());

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(request));

        assertEquals("end", fault.getFaultInfo().getField());
    }

    @Test
    void participantListedTwiceIsRefused() {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(
                meeting("Twice", freeSlot(), associate(bobId), associate(carolId), associate(bobId))));

        assertEquals("participants/participant[3]/associateId", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("listed twice"), fault.getMessage());
    }

    @Test
    void ownerListedAsParticipantIsRefused() {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(
                meeting("Me too", freeSlot(), associate(bobId), associate(aliceId))));

        assertEquals("participants/participant[2]/associateId", fault.getFaultInfo().getField());
    }

    @Test
    void unknownIdIsRefusedByIdAndNothingOfTheMeetingIsWritten() throws Exception {
        Associate gina = directory.freshAssociate("gina");
        CreateInvitation request = meeting("Half known", freeSlot(), associate(gina.getAssociateId()),
                person(1), resource(987_654));

        NotFoundFault fault = assertThrows(NotFoundFault.class, () -> alice.createInvitation(request));

        assertEquals("participants/participant[3]/resourceId", fault.getFaultInfo().getField());
        assertEquals(987_654L, fault.getFaultInfo().getId());
        assertTrue(fault.getMessage().contains("987654"), fault.getMessage());
        assertTrue(directory.as(gina).getInvitations(pending()).getInvitation().isEmpty(),
                "all records of one create are written in one transaction, or none");
    }

    @Test
    void unknownAssociateAndPersonAreNamedByField() {
        NotFoundFault associateFault = assertThrows(NotFoundFault.class,
                () -> alice.createInvitation(meeting("Ghost", freeSlot(), associate(123_456))));
        NotFoundFault personFault = assertThrows(NotFoundFault.class,
                () -> alice.createInvitation(meeting("Ghost", freeSlot(), associate(bobId), person(123_457))));

        assertEquals("participants/participant[1]/associateId", associateFault.getFaultInfo().getField());
        assertEquals("participants/participant[2]/personId", personFault.getFaultInfo().getField());
        assertEquals(123_457L, personFault.getFaultInfo().getId());
    }

    @Test
    void meetingWithoutParticipantsBreaksTheSchema() {
        CreateInvitation request = meeting("Alone", freeSlot());

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(request));

        assertTrue(fault.getFaultInfo().getMessage().contains("breaks the schema"), fault.getFaultInfo().getMessage());
        assertTrue(fault.getMessage().contains("participant"), fault.getMessage());
    }

    @Test
    void taskTypeIsPointedToCreateTask() {
        CreateInvitation request = meeting("A task", freeSlot(), associate(bobId));
        request.setType(AppointmentType.TASK);

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> alice.createInvitation(request));

        assertEquals("type", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("CreateTask"), fault.getMessage());
    }

    @Test
    void textIsStoredAndReturnedVerbatim() throws Exception {
        String title = "Q3 <review> & 'plans'; DROP TABLE appointment; --";
        CreateInvitation request = meeting(title, freeSlot(), associate(bobId));
        request.setLocation("Møterom «Nord» — 3. etg");
        long recordId = alice.createInvitation(request).getParticipant().get(0).getRecordId();

        InvitationItem item = find(bob.getInvitations(pending()), recordId);

        assertEquals(title, item.getTitle());
        assertEquals("Møterom «Nord» — 3. etg", item.getLocation());
    }

    // ---------------------------------------------------------------- list

    @Test
    void pagesAreOrderedByStartAndDoNotOverlap() throws Exception {
        Associate henry = directory.freshAssociate("henry");
        List<OffsetDateTime> starts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            starts.add(freeSlot());
        }
        // created out of order, and two at the same start
        for (int i : new int[] {4, 1, 6, 0, 3, 2, 5}) {
            alice.createInvitation(meeting("Page " + i, starts.get(i), associate(henry.getAssociateId())));
        }
        carol.createInvitation(meeting("Same start as page 2", starts.get(2), associate(henry.getAssociateId())));
        InvitationsPortType asHenry = directory.as(henry);

        List<InvitationItem> all = new ArrayList<>();
        GetInvitations request = pending();
        request.setPageSize(3);
        List<Integer> pageSizes = new ArrayList<>();
        do {
            GetInvitationsResponse page = asHenry.getInvitations(request);
            pageSizes.add(page.getInvitation().size());
            all.addAll(page.getInvitation());
            request.setPageToken(page.getNextPageToken());
        } while (request.getPageToken() != null);

        assertEquals(List.of(3, 3, 2), pageSizes);
        assertEquals(8, all.stream().map(InvitationItem::getRecordId).distinct().count());
        for (int i = 1; i < all.size(); i++) {
            InvitationItem previous = all.get(i - 1);
            InvitationItem current = all.get(i);
            int order = previous.getStart().compareTo(current.getStart());
            assertTrue(order < 0 || (order == 0 && previous.getRecordId() < current.getRecordId()),
                    "ordered by start, then record id");
        }
    }

    @Test
    void dateRangeFilterSelectsByStart() throws Exception {
        Associate ivy = directory.freshAssociate("ivy");
        OffsetDateTime first = freeSlot();
        OffsetDateTime second = freeSlot();
        OffsetDateTime third = freeSlot();
        for (OffsetDateTime start : List.of(first, second, third)) {
            alice.createInvitation(meeting("On " + start, start, associate(ivy.getAssociateId())));
        }
        GetInvitations request = pending();
        request.setFromTime(second);
        request.setToTime(third);

        List<InvitationItem> items = directory.as(ivy).getInvitations(request).getInvitation();

        assertEquals(1, items.size());
        assertEquals(second.toInstant(), items.get(0).getStart().toInstant());
    }

    @Test
    void rangeWithToBeforeFromIsRefused() {
        GetInvitations request = pending();
        request.setFromTime(freeSlot());
        request.setToTime(request.getFromTime().minusDays(1));

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> bob.getInvitations(request));

        assertEquals("toTime", fault.getFaultInfo().getField());
    }

    @Test
    void pageSizeAboveFiveHundredBreaksTheSchema() {
        GetInvitations request = pending();
        request.setPageSize(501);

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> bob.getInvitations(request));

        assertTrue(fault.getFaultInfo().getMessage().contains("breaks the schema"), fault.getFaultInfo().getMessage());
        assertTrue(fault.getMessage().contains("500"), fault.getMessage());
    }

    @Test
    void foreignPageTokenIsRefused() {
        GetInvitations request = pending();
        request.setPageToken("not-a-token");

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> bob.getInvitations(request));

        assertEquals("pageToken", fault.getFaultInfo().getField());
    }

    @Test
    void userMayNotListAnotherAssociatesInvitations() {
        GetInvitations request = pending();
        request.setAssociateId(bobId);

        NotAllowedFault fault = assertThrows(NotAllowedFault.class, () -> carol.getInvitations(request));

        assertEquals(bobId, fault.getFaultInfo().getId());
    }

    @Test
    void adminMayListAnotherAssociatesInvitations() throws Exception {
        long recordId = alice.createInvitation(meeting("Seen by admin", freeSlot(), associate(bobId)))
                .getParticipant().get(0).getRecordId();
        GetInvitations request = pending();
        request.setAssociateId(bobId);

        assertTrue(contains(directory.admin().getInvitations(request), recordId));

        request.setAssociateId(99_999L);
        NotFoundFault fault = assertThrows(NotFoundFault.class, () -> directory.admin().getInvitations(request));
        assertEquals("associateId", fault.getFaultInfo().getField());
    }

    // ---------------------------------------------------------------- accept

    @Test
    void acceptingMovesTheInvitationIntoTheDiary() throws Exception {
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = alice.createInvitation(meeting("Please come", start, associate(bobId)));
        long recordId = created.getParticipant().get(0).getRecordId();

        AnswerResult accepted = bob.acceptInvitation(accept(recordId));

        assertEquals(recordId, accepted.getRecordId());
        assertEquals(1, accepted.getStatus());
        assertEquals(created.getAppointmentId(), accepted.getAppointment().getAppointmentId());
        assertEquals("Please come", accepted.getAppointment().getTitle());
        assertEquals("Agenda follows", accepted.getAppointment().getDescription());
        assertEquals("Alice Andersen", accepted.getAppointment().getOwnerName());
        assertEquals(start.toInstant(), accepted.getAppointment().getStart().toInstant());
        assertFalse(contains(bob.getInvitations(pending()), recordId), "no longer waiting for an answer");
        assertTrue(contains(bob.getInvitations(withStatuses(1)), recordId));

        ParticipantResult bobNowBusy = carol.createInvitation(meeting("Clash", start, associate(bobId)))
                .getParticipant().get(0);
        assertTrue(bobNowBusy.isConflict(), "an accepted invitation is a booking in the diary");
    }

    @Test
    void acceptingTwiceIsHarmless() throws Exception {
        long recordId = alice.createInvitation(meeting("Retry", freeSlot(), associate(bobId)))
                .getParticipant().get(0).getRecordId();

        bob.acceptInvitation(accept(recordId));
        AnswerResult again = bob.acceptInvitation(accept(recordId));

        assertEquals(1, again.getStatus());
    }

    @Test
    void ownerCannotAcceptForTheInvitee() throws Exception {
        long recordId = alice.createInvitation(meeting("Owner decides?", freeSlot(), associate(bobId)))
                .getParticipant().get(0).getRecordId();

        NotAllowedFault fault = assertThrows(NotAllowedFault.class, () -> alice.acceptInvitation(accept(recordId)));

        assertEquals(recordId, fault.getFaultInfo().getId());
        assertEquals(5, find(bob.getInvitations(pending()), recordId).getStatus(), "nothing changed");
    }

    @Test
    void anotherAssociateCannotAccept() throws Exception {
        long recordId = alice.createInvitation(meeting("Not for carol", freeSlot(), associate(bobId)))
                .getParticipant().get(0).getRecordId();

        assertThrows(NotAllowedFault.class, () -> carol.acceptInvitation(accept(recordId)));
        assertThrows(NotAllowedFault.class, () -> directory.admin().acceptInvitation(accept(recordId)));

        assertEquals(5, find(bob.getInvitations(pending()), recordId).getStatus());
    }

    @Test
    void personsRecordCannotBeAcceptedByAnyone() throws Exception {
        long recordId = alice.createInvitation(meeting("Person booked", freeSlot(), person(1)))
                .getParticipant().get(0).getRecordId();

        assertThrows(NotAllowedFault.class, () -> alice.acceptInvitation(accept(recordId)));
    }

    @Test
    void acceptingUnknownRecordIsNotFound() {
        NotFoundFault fault = assertThrows(NotFoundFault.class, () -> bob.acceptInvitation(accept(777_777)));

        assertEquals("recordId", fault.getFaultInfo().getField());
        assertEquals(777_777L, fault.getFaultInfo().getId());
    }
}
