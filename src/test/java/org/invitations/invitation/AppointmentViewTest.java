package org.invitations.invitation;

import static org.invitations.invitation.AppointmentFixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.invitations.directory.Associate;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Role;
import org.junit.jupiter.api.Test;

/**
 * What the owner and a participant see of one appointment: the owner its own text, a participant the
 * copy on its record, which follows the owner's only when the owner asks.
 */
class AppointmentViewTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final Instant NINE = Instant.parse("2030-01-02T09:00:00Z");
    private static final Instant TEN = NINE.plusSeconds(3600);

    private final Associate alice = withId(new Associate("alice", "Alice Andersen", null, "hash", Role.USER), 1L);
    private final Associate bob = withId(new Associate("bob", "Bob Berg", null, "hash", Role.USER), 2L);
    private final Appointment budget = withId(new Appointment(alice, AppointmentType.MEETING,
            new RecordText("Budget", "Numbers", "Room 1"), NINE, TEN, NOW), 7L);
    private final ParticipantRecord bobs = withId(budget.addParticipant(
            new ParticipantRef(ParticipantKind.ASSOCIATE, 2), new Participants(Map.of(2L, bob), Map.of(), Map.of()),
            true, true, NOW, "p"), 70L);

    @Test
    void theOwnerSeesTheAppointmentsOwnText() {
        budget.changeText(new RecordText("Budget 2031", null, null), false);
        budget.cancel(NOW);

        assertEquals(new AppointmentView(7, AppointmentType.MEETING, "Budget 2031", null, null, NINE, TEN, 1,
                "Alice Andersen", 0, true), AppointmentView.of(budget));
    }

    @Test
    void aParticipantSeesTheTextOfItsOwnRecord() {
        budget.changeText(new RecordText("Budget 2031", null, null), false);
        budget.moveTo(TEN, TEN.plusSeconds(60), a -> Conflicts.none(), NOW);

        assertEquals(new AppointmentView(7, AppointmentType.MEETING, "Budget", "Numbers", "Room 1", TEN,
                TEN.plusSeconds(60), 1, "Alice Andersen", 1, false), AppointmentView.of(bobs));
    }

    @Test
    void anAnswerCarriesTheRecordsStatusAndWhetherItIsNew() {
        budget.markSeen(bobs, NOW);

        assertEquals(new Answer(70, Status.SEEN, true, AppointmentView.of(bobs)), Answer.of(bobs));
    }

    @Test
    void theOwnersStateListsEveryParticipantsOutcome() {
        budget.includeOwner(NOW);

        MeetingState state = MeetingState.of(budget, SendReport.NONE);

        assertEquals(AppointmentView.of(budget), state.appointment());
        assertEquals(List.of(new CreatedMeeting.Outcome(70, ParticipantKind.ASSOCIATE, 2, Status.INVITED, true, true)),
                state.participants());
        assertEquals(SendReport.NONE, state.sent());
    }
}
