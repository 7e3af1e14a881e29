package org.invitations.invitation;

import static org.invitations.invitation.AppointmentFixtures.colleague;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invitations.directory.Contact;
import org.invitations.directory.Resource;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotFound;
import org.junit.jupiter.api.Test;

/** A request's list of participants: each once, never the owner, and every one of them known. */
class ParticipantsTest {

    private static final long OWNER = 1;
    private static final String LIST = "participants";

    @Test
    void aParticipantListedTwiceIsRefusedAtItsSecondPlace() {
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> Participants.validate(OWNER,
                List.of(associate(2), person(2), associate(2)), LIST));

        assertEquals("participants/participant[3]/associateId", refused.field());
        assertEquals("associate 2 is listed twice; list each participant once", refused.getMessage());
    }

    @Test
    void theOwnerIsNotListedAsAParticipant() {
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> Participants.validate(OWNER,
                List.of(person(1), resource(1), associate(1)), LIST));

        assertEquals("participants/participant[3]/associateId", refused.field());
    }

    @Test
    void theSameIdOfDifferentKindsIsThreeParticipants() {
        Participants.validate(OWNER, List.of(associate(2), person(2), resource(2)), LIST);
        Participants.validate(OWNER, List.of(), LIST);
    }

    @Test
    void fieldsNameThePlaceInTheRequestFromOne() {
        assertEquals("add/participant[1]/associateId", Participants.field("add", 0, ParticipantKind.ASSOCIATE));
        assertEquals("add/participant[2]/personId", Participants.field("add", 1, ParticipantKind.PERSON));
        assertEquals("add/participant[3]/resourceId", Participants.field("add", 2, ParticipantKind.RESOURCE));
    }

    @Test
    void idsAreCollectedPerKind() {
        List<ParticipantRef> refs = List.of(associate(2), person(3), associate(4), resource(5));

        assertEquals(Set.of(2L, 4L), Participants.idsOf(refs, ParticipantKind.ASSOCIATE));
        assertEquals(Set.of(3L), Participants.idsOf(refs, ParticipantKind.PERSON));
        assertEquals(Set.of(5L), Participants.idsOf(refs, ParticipantKind.RESOURCE));
    }

    @Test
    void theFirstUnknownParticipantIsReportedWithItsPlace() {
        Participants found = new Participants(Map.of(2L, colleague(2)),
                Map.of(3L, new Contact("Customer AS").addPerson("Petra", null, null)),
                Map.of(4L, new Resource("Room", null)));

        found.requireAll(List.of(associate(2), person(3), resource(4)), LIST);
        NotFound unknown = assertThrows(NotFound.class, () -> found.requireAll(
                List.of(associate(2), resource(3), person(4), associate(5)), LIST));

        assertEquals("participants/participant[2]/resourceId", unknown.field());
        assertEquals(3L, unknown.id());
        assertThrows(NotFound.class, () -> found.requireAll(List.of(person(2)), LIST));
        assertThrows(NotFound.class, () -> found.requireAll(List.of(associate(3)), LIST));
    }

    private static ParticipantRef associate(long id) {
        return new ParticipantRef(ParticipantKind.ASSOCIATE, id);
    }

    private static ParticipantRef person(long id) {
        return new ParticipantRef(ParticipantKind.PERSON, id);
    }

    private static ParticipantRef resource(long id) {
        return new ParticipantRef(ParticipantKind.RESOURCE, id);
    }
}
