package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.archive;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.tentative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.NotFoundFault;
import org.junit.jupiter.api.Test;

/** The diary of an associate and the activity archive of a contact. */
class ViewsEndpointTest extends EndpointTest {

    @Test
    void diaryHoldsOwnAcceptedAndTentativeButNotPendingDeclinedOrCancelled() throws Exception {
        Associate dora = directory.freshAssociate("dora");
        InvitationsPortType asDora = directory.as(dora);
        long doraId = dora.getAssociateId();
        OffsetDateTime day = freeSlot();
        long own = asDora.createInvitation(meeting("Dora's own", day, associate(bobId))).getMasterRecordId();
        long accepted = invite(day.plusHours(2), doraId);
        long tentativeOne = invite(day.plusHours(4), doraId);
        invite(day.plusHours(6), doraId);
        long declined = invite(day.plusHours(8), doraId);
        var cancelledMeeting = alice.createInvitation(meeting("Cancelled", day.plusHours(10), associate(doraId)));
        asDora.acceptInvitation(accept(accepted));
        asDora.tentativelyAcceptInvitation(tentative(tentativeOne));
        asDora.declineInvitation(decline(declined, null));
        asDora.acceptInvitation(accept(cancelledMeeting.getParticipant().get(0).getRecordId()));
        alice.cancelAppointment(cancel(cancelledMeeting.getAppointmentId()));

        List<DiaryEntry> entries = asDora.getDiary(diary(null, day.minusHours(1), day.plusDays(1))).getEntry();

        assertEquals(List.of(own, accepted, tentativeOne), entries.stream().map(DiaryEntry::getRecordId).toList(),
                "ordered by start");
        assertTrue(entries.get(0).isOwn());
        assertEquals(1, entries.get(0).getStatus());
        assertFalse(entries.get(1).isOwn());
        assertEquals("Alice Andersen", entries.get(1).getOwnerName());
        assertFalse(entries.get(1).isTentative());
        assertTrue(entries.get(2).isTentative());
        entries.forEach(e -> assertFalse(e.isConflict()));
    }

    @Test
    void overlappingDiaryEntriesAreFlaggedAsConflicts() throws Exception {
        Associate eli = directory.freshAssociate("eli");
        InvitationsPortType asEli = directory.as(eli);
        OffsetDateTime day = freeSlot();
        asEli.createInvitation(meeting("Own at nine", day, associate(bobId)));
        long overlapping = invite(day.plusMinutes(30), eli.getAssociateId());
        long later = invite(day.plusHours(3), eli.getAssociateId());
        asEli.acceptInvitation(accept(overlapping));
        asEli.acceptInvitation(accept(later));

        List<DiaryEntry> entries = asEli.getDiary(diary(null, day.minusHours(1), day.plusDays(1))).getEntry();

        assertEquals(List.of(true, true, false), entries.stream().map(DiaryEntry::isConflict).toList());
    }

    @Test
    void colleaguesDiaryCanBeRead() throws Exception {
        OffsetDateTime start = freeSlot();
        long master = bob.createInvitation(meeting("Bob's own", start, associate(carolId))).getMasterRecordId();

        List<DiaryEntry> entries = carol.getDiary(diary(bobId, start.minusHours(1), start.plusHours(2))).getEntry();

        assertEquals(List.of(master), entries.stream().map(DiaryEntry::getRecordId).toList());
    }

    @Test
    void diaryRangeIsCheckedAndBounded() {
        OffsetDateTime from = freeSlot();

        assertEquals("toTime", assertThrows(InvalidRequestFault.class,
                () -> bob.getDiary(diary(null, from, from))).getFaultInfo().getField());
        InvalidRequestFault tooLong = assertThrows(InvalidRequestFault.class,
                () -> bob.getDiary(diary(null, from, from.plusDays(367))));
        assertTrue(tooLong.getMessage().contains("366"), tooLong.getMessage());
        assertEquals("associateId", assertThrows(NotFoundFault.class,
                () -> bob.getDiary(diary(999_999L, from, from.plusDays(1)))).getFaultInfo().getField());
    }

    @Test
    void activityArchiveListsTheContactsPersonsAppointments() throws Exception {
        Contact contact = directory.contactWithPersons("Archive AS", "Anne Arkiv", "Arne Arkiv");
        Contact other = directory.contactWithPersons("Other AS", "Otto Other");
        long anne = contact.getPerson().get(0).getPersonId();
        long arne = contact.getPerson().get(1).getPersonId();
        OffsetDateTime first = freeSlot();
        OffsetDateTime second = freeSlot();
        alice.createInvitation(meeting("With Arne", second, person(arne)));
        alice.createInvitation(meeting("With Anne", first, person(anne), associate(bobId)));
        alice.createInvitation(meeting("With Otto", first, person(other.getPerson().get(0).getPersonId())));
        long cancelled = alice.createInvitation(meeting("Called off", second, person(anne))).getAppointmentId();
        alice.cancelAppointment(cancel(cancelled));

        var entries = bob.getActivityArchive(archive(contact.getContactId())).getEntry();

        assertEquals(List.of("With Anne", "With Arne"), entries.stream().map(e -> e.getTitle()).toList());
        assertEquals("Anne Arkiv", entries.get(0).getPersonName());
        assertEquals(arne, entries.get(1).getPersonId());
        assertEquals("Alice Andersen", entries.get(0).getOwnerName());

        var ranged = archive(contact.getContactId());
        ranged.setFromTime(second);
        assertEquals(List.of("With Arne"), bob.getActivityArchive(ranged).getEntry().stream().map(e -> e.getTitle()).toList());
    }

    @Test
    void activityArchiveOfUnknownContactIsNotFound() {
        assertEquals("contactId", assertThrows(NotFoundFault.class,
                () -> bob.getActivityArchive(archive(424_242))).getFaultInfo().getField());
    }

    private static long invite(OffsetDateTime start, long associateId) throws Exception {
        return alice.createInvitation(meeting("At " + start.toLocalTime(), start, associate(associateId)))
                .getParticipant().get(0).getRecordId();
    }
}
