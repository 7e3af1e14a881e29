package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.postpone;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.appointment;
import static org.invitations.support.Requests.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Requests;
import org.invitations.ws.generated.AnswerKind;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.CreateTaskResponse;
import org.invitations.ws.generated.DistributedTask;
import org.invitations.ws.generated.DistributionLine;
import org.invitations.ws.generated.GetDistributedTasks;
import org.invitations.ws.generated.AppointmentRequest;
import org.invitations.ws.generated.GetTasks;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.MoveTaskDueDate;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.ReportTaskProgress;
import org.invitations.ws.generated.TaskFilter;
import org.invitations.ws.generated.TaskItem;
import org.junit.jupiter.api.Test;

/** Tasks distributed to colleagues: answers, the task list, progress, and the owner's Distribution views. */
class TaskEndpointTest extends EndpointTest {

    private static Member colleague(String prefix) throws Exception {
        return directory.freshMember(prefix);
    }

    private static ReportTaskProgress progress(long recordId, int percent, String hours, String note) {
        ReportTaskProgress request = new ReportTaskProgress();
        request.setRecordId(recordId);
        request.setPercentDone(percent);
        request.setHoursSpent(hours == null ? null : new BigDecimal(hours));
        request.setNote(note);
        return request;
    }

    private static GetTasks tasks(TaskFilter filter) {
        GetTasks request = new GetTasks();
        request.setFilter(filter);
        return request;
    }

    private static GetDistributedTasks distributed(TaskFilter filter) {
        GetDistributedTasks request = new GetDistributedTasks();
        request.setFilter(filter);
        request.setPageSize(500);
        return request;
    }

    private static AppointmentRequest distribution(long appointmentId) {
        return appointment(new AppointmentRequest(), appointmentId);
    }

    @Test
    void eachColleagueReceivesTheTaskAsAnInvitation() throws Exception {
        Member ann = colleague("ann");
        OffsetDateTime due = freeSlot();

        CreateTaskResponse created = alice.createTask(task("Write the offer", due, associate(ann.id())));

        assertEquals(5, created.getParticipant().get(0).getStatus());
        assertTrue(created.getParticipant().get(0).isInvitationSent());
        var item = find(ann.port().getInvitations(pending()), created.getParticipant().get(0).getRecordId());
        assertEquals("TASK", item.getType().name());
        assertEquals(due.toInstant(), item.getStart().toInstant());
        assertTrue(ann.port().getTasks(tasks(TaskFilter.ALL)).getTask().isEmpty(), "not accepted yet");
    }

    @Test
    void personsAndResourcesCannotTakeATask() {
        InvalidRequestFault withPerson = assertThrows(InvalidRequestFault.class,
                () -> alice.createTask(task("For a customer?", freeSlot(), associate(bobId), person(1))));
        InvalidRequestFault withRoom = assertThrows(InvalidRequestFault.class,
                () -> alice.createTask(task("For a room?", freeSlot(), resource(1))));

        assertEquals("participants/participant[2]/personId", withPerson.getFaultInfo().getField());
        assertTrue(withPerson.getMessage().contains("associates only"), withPerson.getMessage());
        assertEquals("participants/participant[1]/resourceId", withRoom.getFaultInfo().getField());
    }

    @Test
    void acceptedTaskGoesToTheTaskListAndProgressMovesItThroughOneTwoThree() throws Exception {
        Member ben = colleague("ben");
        OffsetDateTime due = freeSlot();
        long recordId = alice.createTask(task("Prepare budget", due, associate(ben.id())))
                .getParticipant().get(0).getRecordId();
        ben.port().acceptInvitation(accept(recordId));

        TaskItem listed = ben.port().getTasks(tasks(TaskFilter.OPEN)).getTask().get(0);
        assertEquals(recordId, listed.getRecordId());
        assertEquals(1, listed.getStatus());
        assertEquals(0, listed.getProgress().getPercentDone());
        assertEquals(due.toInstant(), listed.getDue().toInstant());
        assertEquals("Alice Andersen", listed.getOwnerName());

        var started = ben.port().reportTaskProgress(progress(recordId, 40, "3.5", "Figures collected"));
        assertEquals(2, started.getStatus());
        assertEquals(40, started.getProgress().getPercentDone());
        assertEquals(0, new BigDecimal("3.5").compareTo(started.getProgress().getHoursSpent()));
        assertEquals("Figures collected", started.getProgress().getNote());

        var completed = ben.port().reportTaskProgress(progress(recordId, 100, null, "Sent to alice"));
        assertEquals(3, completed.getStatus());
        assertEquals(0, new BigDecimal("3.5").compareTo(completed.getProgress().getHoursSpent()),
                "hours left out keep the last figure");
        assertTrue(ben.port().getTasks(tasks(TaskFilter.OPEN)).getTask().isEmpty());
        assertEquals(recordId, ben.port().getTasks(tasks(TaskFilter.DONE)).getTask().get(0).getRecordId());

        assertEquals(1, ben.port().reportTaskProgress(progress(recordId, 0, null, "Reopened")).getStatus(),
                "0% is not started");
    }

    @Test
    void progressOnATaskThatIsNotAcceptedIsAnInvalidTransition() throws Exception {
        Member cid = colleague("cid");
        long recordId = alice.createTask(task("Not yet", freeSlot(), associate(cid.id())))
                .getParticipant().get(0).getRecordId();

        InvalidTransitionFault pending = assertThrows(InvalidTransitionFault.class,
                () -> cid.port().reportTaskProgress(progress(recordId, 10, null, null)));
        cid.port().declineInvitation(decline(recordId, "No capacity"));
        InvalidTransitionFault declined = assertThrows(InvalidTransitionFault.class,
                () -> cid.port().reportTaskProgress(progress(recordId, 10, null, null)));

        assertEquals(5, pending.getFaultInfo().getCurrentStatus());
        assertEquals(2, pending.getFaultInfo().getRequestedStatus());
        assertEquals(9, declined.getFaultInfo().getCurrentStatus());
    }

    @Test
    void progressIsOnlyForTheColleaguesOwnTaskRecordAndWithinZeroToHundred() throws Exception {
        Member dan = colleague("dan");
        long recordId = alice.createTask(task("Dan's", freeSlot(), associate(dan.id())))
                .getParticipant().get(0).getRecordId();
        dan.port().acceptInvitation(accept(recordId));
        long meetingRecord = alice.createInvitation(meeting("A meeting", freeSlot(), associate(dan.id())))
                .getParticipant().get(0).getRecordId();
        dan.port().acceptInvitation(accept(meetingRecord));

        assertThrows(NotAllowedFault.class, () -> bob.reportTaskProgress(progress(recordId, 50, null, null)));
        assertThrows(NotAllowedFault.class, () -> alice.reportTaskProgress(progress(recordId, 50, null, null)));
        assertEquals("recordId", assertThrows(InvalidRequestFault.class,
                () -> dan.port().reportTaskProgress(progress(meetingRecord, 50, null, null))).getFaultInfo().getField());
        InvalidRequestFault tooMuch = assertThrows(InvalidRequestFault.class,
                () -> dan.port().reportTaskProgress(progress(recordId, 101, null, null)));
        assertTrue(tooMuch.getFaultInfo().getMessage().contains("breaks the schema"), tooMuch.getFaultInfo().getMessage());
        assertEquals(0, dan.port().getTasks(tasks(TaskFilter.ALL)).getTask().get(0).getProgress().getPercentDone());
    }

    @Test
    void colleagueCanPostponeMarkSeenAndDeclineATaskButNotAcceptItTentatively() throws Exception {
        Member eve = colleague("eve");
        long recordId = alice.createTask(task("Answer me", freeSlot(), associate(eve.id())))
                .getParticipant().get(0).getRecordId();

        assertEquals(7, eve.port().markInvitationSeen(seen(recordId)).getStatus());
        assertFalse(eve.port().postponeInvitation(postpone(recordId)).isIsNew());
        assertEquals("recordId", assertThrows(InvalidRequestFault.class,
                () -> eve.port().tentativelyAcceptInvitation(tentative(recordId))).getFaultInfo().getField());
        assertEquals(9, eve.port().declineInvitation(decline(recordId, "Wrong team")).getStatus());
    }

    @Test
    void distributionViewShowsEachColleagueAndTheOverallProgress() throws Exception {
        Member fay = colleague("fay");
        Member gus = colleague("gus");
        Member hal = colleague("hal");
        Member ida = colleague("ida");
        CreateTaskResponse created = alice.createTask(task("Quarterly report", freeSlot(),
                associate(fay.id()), associate(gus.id()), associate(hal.id()), associate(ida.id())));
        long fayRecord = created.getParticipant().get(0).getRecordId();
        long gusRecord = created.getParticipant().get(1).getRecordId();
        long halRecord = created.getParticipant().get(2).getRecordId();
        long idaRecord = created.getParticipant().get(3).getRecordId();
        fay.port().acceptInvitation(accept(fayRecord));
        fay.port().reportTaskProgress(progress(fayRecord, 100, "6", "Done my part"));
        gus.port().acceptInvitation(accept(gusRecord));
        gus.port().reportTaskProgress(progress(gusRecord, 50, "2.25", "Half way"));
        hal.port().declineInvitation(decline(halRecord, "On leave"));
        ida.port().markInvitationSeen(seen(idaRecord));

        var view = alice.getTaskDistribution(distribution(created.getAppointmentId()));

        assertEquals(50, view.getOverallPercentDone(), "(100 + 50 + 0) / 3: the decline does not count");
        List<DistributionLine> lines = view.getColleague();
        assertEquals(List.of(3, 2, 9, 7), lines.stream().map(DistributionLine::getStatus).toList());
        assertEquals(List.of(AnswerKind.ACCEPTED, AnswerKind.ACCEPTED, AnswerKind.DECLINED, AnswerKind.PENDING),
                lines.stream().map(DistributionLine::getAnswer).toList());
        assertEquals("Half way", lines.get(1).getProgress().getNote());
        assertEquals(0, new BigDecimal("2.25").compareTo(lines.get(1).getProgress().getHoursSpent()));
        assertEquals("On leave", lines.get(2).getDeclineReason());
        assertTrue(lines.get(3).isSeen(), "read");
        assertEquals(ida.associate().getFullName(), lines.get(3).getName());
        assertTrue(lines.get(0).getUpdatedAt() != null);
        assertThrows(NotAllowedFault.class, () -> fay.port().getTaskDistribution(distribution(created.getAppointmentId())));
    }

    @Test
    void distributedTasksListCountsAnswersNewestFirstAndFiltersOpenAndDone() throws Exception {
        Member jon = colleague("jon");
        Member kim = colleague("kim");
        Associate owner = directory.freshAssociate("boss");
        InvitationsPortType boss = directory.as(owner);
        long first = boss.createTask(task("First", freeSlot(), associate(jon.id()), associate(kim.id())))
                .getAppointmentId();
        CreateTaskResponse second = boss.createTask(task("Second", freeSlot(), associate(jon.id())));
        long cancelled = boss.createTask(task("Third", freeSlot(), associate(kim.id()))).getAppointmentId();
        boss.cancelAppointment(cancel(cancelled));
        long jonSecond = second.getParticipant().get(0).getRecordId();
        jon.port().acceptInvitation(accept(jonSecond));
        jon.port().reportTaskProgress(progress(jonSecond, 100, null, null));

        List<DistributedTask> all = boss.getDistributedTasks(distributed(TaskFilter.ALL)).getTask();
        assertEquals(List.of(cancelled, second.getAppointmentId(), first),
                all.stream().map(t -> t.getTask().getAppointmentId()).toList(), "newest first");
        DistributedTask firstLine = all.get(2);
        assertEquals(0, firstLine.getAccepted());
        assertEquals(2, firstLine.getPending());
        assertFalse(firstLine.isDone());
        assertTrue(all.get(1).isDone());
        assertEquals(100, all.get(1).getOverallPercentDone());
        assertTrue(all.get(0).getTask().isCancelled());

        assertEquals(List.of(first), boss.getDistributedTasks(distributed(TaskFilter.OPEN)).getTask().stream()
                .map(t -> t.getTask().getAppointmentId()).toList());
        assertEquals(List.of(second.getAppointmentId()), boss.getDistributedTasks(distributed(TaskFilter.DONE))
                .getTask().stream().map(t -> t.getTask().getAppointmentId()).toList());
    }

    @Test
    void distributedTasksArePaged() throws Exception {
        Associate owner = directory.freshAssociate("pager");
        InvitationsPortType boss = directory.as(owner);
        for (int i = 0; i < 5; i++) {
            boss.createTask(task("Task " + i, freeSlot(), associate(bobId)));
        }
        GetDistributedTasks request = distributed(TaskFilter.ALL);
        request.setPageSize(2);
        List<String> titles = new ArrayList<>();
        do {
            var page = boss.getDistributedTasks(request);
            page.getTask().forEach(t -> titles.add(t.getTask().getTitle()));
            request.setPageToken(page.getNextPageToken());
        } while (request.getPageToken() != null);

        assertEquals(List.of("Task 4", "Task 3", "Task 2", "Task 1", "Task 0"), titles);
    }

    @Test
    void movingTheDueDateAsksColleaguesAgainAndAcceptingRestoresProgress() throws Exception {
        Member liv = colleague("liv");
        CreateTaskResponse created = alice.createTask(task("Moving target", freeSlot(), associate(liv.id())));
        long recordId = created.getParticipant().get(0).getRecordId();
        liv.port().acceptInvitation(accept(recordId));
        liv.port().reportTaskProgress(progress(recordId, 30, null, null));
        OffsetDateTime newDue = freeSlot();
        MoveTaskDueDate moveDue = new MoveTaskDueDate();
        moveDue.setAppointmentId(created.getAppointmentId());
        moveDue.setDue(newDue);

        var moved = alice.moveTaskDueDate(moveDue);

        assertEquals(6, moved.getParticipant().get(0).getStatus());
        assertEquals(1, moved.getAppointment().getSequence());
        assertEquals(newDue.toInstant(), moved.getAppointment().getEnd().toInstant());
        assertEquals(2, liv.port().acceptInvitation(accept(recordId)).getStatus(), "back to started at 30%");
        assertEquals(newDue.toInstant(), liv.port().getTasks(tasks(TaskFilter.OPEN)).getTask().get(0).getDue().toInstant());
    }

    @Test
    void meetingAndTaskOperationsAreNotMixedUp() throws Exception {
        long taskId = alice.createTask(task("A task", freeSlot(), associate(bobId))).getAppointmentId();
        long meetingId = alice.createInvitation(meeting("A meeting", freeSlot(), associate(bobId))).getAppointmentId();
        MoveTaskDueDate moveDue = new MoveTaskDueDate();
        moveDue.setAppointmentId(meetingId);
        moveDue.setDue(freeSlot());

        assertTrue(assertThrows(InvalidRequestFault.class, () -> alice.moveAppointment(move(taskId, freeSlot())))
                .getMessage().contains("MoveTaskDueDate"));
        assertThrows(InvalidRequestFault.class, () -> alice.moveTaskDueDate(moveDue));
        assertThrows(InvalidRequestFault.class, () -> alice.getTaskDistribution(distribution(meetingId)));
    }

    @Test
    void ownerCancelsATask() throws Exception {
        Member max = colleague("max");
        CreateTaskResponse created = alice.createTask(task("Cancelled task", freeSlot(), associate(max.id())));
        long recordId = created.getParticipant().get(0).getRecordId();
        max.port().acceptInvitation(accept(recordId));

        alice.cancelAppointment(cancel(created.getAppointmentId()));

        assertTrue(max.port().getTasks(tasks(TaskFilter.ALL)).getTask().isEmpty());
        assertThrows(InvalidTransitionFault.class, () -> max.port().reportTaskProgress(progress(recordId, 10, null, null)));
    }

    @Test
    void tasksDoNotFillTheDiaryOrCauseConflicts() throws Exception {
        Member ned = colleague("ned");
        OffsetDateTime slot = freeSlot();
        long recordId = alice.createTask(task("Due mid-meeting", slot.plusMinutes(30), associate(ned.id())))
                .getParticipant().get(0).getRecordId();
        ned.port().acceptInvitation(accept(recordId));

        var invited = carol.createInvitation(meeting("Meeting", slot, associate(ned.id()))).getParticipant().get(0);

        assertFalse(invited.isConflict());
        assertTrue(ned.port().getDiary(Requests.diary(null, slot.minusHours(1), slot.plusHours(2))).getEntry().isEmpty());
    }

    @Test
    void aProgressReportWithoutANoteKeepsTheLastNoteAsHoursAreKept() throws Exception {
        Member kim = colleague("kim");
        long recordId = alice.createTask(task("Collect figures", freeSlot(), associate(kim.id())))
                .getParticipant().get(0).getRecordId();
        kim.port().acceptInvitation(accept(recordId));
        kim.port().reportTaskProgress(progress(recordId, 30, "2", "Nordic figures in"));

        var later = kim.port().reportTaskProgress(progress(recordId, 60, null, null));

        assertEquals("Nordic figures in", later.getProgress().getNote());
        assertEquals(0, new BigDecimal("2").compareTo(later.getProgress().getHoursSpent()));
    }

    @Test
    void aTaskAnswersWithItsDueDate() throws Exception {
        Member lou = colleague("lou");
        OffsetDateTime due = freeSlot();
        long recordId = alice.createTask(task("Sign the contract", due, associate(lou.id())))
                .getParticipant().get(0).getRecordId();

        var accepted = lou.port().acceptInvitation(accept(recordId));

        assertEquals(due.toInstant(), accepted.getAppointment().getDue().toInstant());
    }
}
