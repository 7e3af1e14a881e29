package org.invitations.task;

import static org.invitations.invitation.AppointmentFixtures.accept;
import static org.invitations.invitation.AppointmentFixtures.cancel;
import static org.invitations.invitation.AppointmentFixtures.colleague;
import static org.invitations.invitation.AppointmentFixtures.decline;
import static org.invitations.invitation.AppointmentFixtures.give;
import static org.invitations.invitation.AppointmentFixtures.remove;
import static org.invitations.invitation.AppointmentFixtures.report;
import static org.invitations.invitation.AppointmentFixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invitations.invitation.Appointment;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.ParticipantRecord;
import org.junit.jupiter.api.Test;

/** The owner's Distributed tasks list: when a task is done, its overall progress and its counts. */
class ColleaguesTest {

    private final Appointment report = task();
    private final ParticipantRecord bob = give(report, colleague(2));
    private final ParticipantRecord carol = give(report, colleague(3));
    private final ParticipantRecord dave = give(report, colleague(4));

    @Test
    void aTaskIsDoneWhenEveryColleagueStillOnItCompletedIt() {
        completed(bob);
        completed(carol);
        decline(dave);

        assertTrue(Colleagues.isDone(report, records()));
    }

    @Test
    void aTaskIsNotDoneWhileAColleagueIsStillOnIt() {
        completed(bob);
        completed(carol);
        accept(dave);
        report(dave, 99);

        assertFalse(Colleagues.isDone(report, records()));
    }

    @Test
    void aTaskNobodyCompletedIsNotDoneEvenIfEveryoneLeft() {
        decline(bob);
        decline(carol);
        remove(dave);

        assertFalse(Colleagues.isDone(report, records()));
    }

    @Test
    void aTaskWithoutColleaguesIsNotDone() {
        assertFalse(Colleagues.isDone(task(), List.of()));
    }

    @Test
    void aCancelledTaskIsNeverDone() {
        completed(bob);
        completed(carol);
        completed(dave);
        assertTrue(Colleagues.isDone(report, records()));

        cancel(report);

        assertFalse(Colleagues.isDone(report, records()));
    }

    @Test
    void overallProgressIsTheRoundedMeanOfThoseStillOnTheTaskWithoutAnAnswerAsNothing() {
        accept(bob);
        report(bob, 50);
        accept(carol);
        report(carol, 25);
        decline(dave);

        assertEquals(38, Colleagues.overall(records()), "(50 + 25) / 2 = 37.5, rounded");
        assertEquals(25, Colleagues.overall(List.of(bob, carol, give(report, colleague(5)))),
                "an unanswered colleague counts as 0");
    }

    @Test
    void overallProgressOfNobodyIsZero() {
        decline(bob);
        decline(carol);
        decline(dave);

        assertEquals(0, Colleagues.overall(records()));
        assertEquals(0, Colleagues.overall(List.of()));
    }

    @Test
    void theLineCountsAcceptedDeclinedAndThoseStillToAnswer() {
        accept(bob);
        report(bob, 100);
        decline(carol);
        ParticipantRecord erin = give(report, colleague(5));
        ParticipantRecord frank = give(report, colleague(6));
        remove(frank);

        DistributedTask line = Colleagues.summary(report, List.of(bob, carol, dave, erin, frank), true);

        assertEquals(new DistributedTask(AppointmentView.of(report), 1, 1, 2, 33, true), line);
    }

    private List<ParticipantRecord> records() {
        return List.of(bob, carol, dave);
    }

    private static void completed(ParticipantRecord record) {
        accept(record);
        report(record, 100);
    }
}
