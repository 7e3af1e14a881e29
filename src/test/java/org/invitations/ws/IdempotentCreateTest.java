package org.invitations.ws;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.junit.jupiter.api.Test;

/**
 * A create sent with a client request id is safe to retry: the retry answers with the first
 * result and writes nothing, also when the retries race each other; the same id with another request
 * is refused.
 */
class IdempotentCreateTest extends EndpointTest {

    private static CreateInvitation withId(CreateInvitation request, String requestId) {
        request.setRequestId(requestId);
        return request;
    }

    private static long creates(Member owner) throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setAssociateId(owner.id());
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry().stream()
                .filter(e -> e.getOperation().startsWith("Create")).count();
    }

    @Test
    void aRetryWithTheSameRequestIdAnswersTheFirstResultAndCreatesNothing() throws Exception {
        Member owner = directory.freshMember("retrying");
        var start = freeSlot();

        CreateInvitationResponse first = owner.port().createInvitation(withId(meeting("Retry", start,
                associate(bobId)), "order-4711"));
        CreateInvitationResponse retry = owner.port().createInvitation(withId(meeting("Retry", start,
                associate(bobId)), "order-4711"));

        assertEquals(first.getAppointmentId(), retry.getAppointmentId());
        assertEquals(first.getMasterRecordId(), retry.getMasterRecordId());
        assertEquals(first.getParticipant().get(0).getRecordId(), retry.getParticipant().get(0).getRecordId());
        assertEquals(1, creates(owner), "one appointment, one audit entry");
    }

    @Test
    void theSameRequestIdWithAnotherRequestIsRefused() throws Exception {
        Member owner = directory.freshMember("reusing");
        owner.port().createInvitation(withId(meeting("First", freeSlot(), associate(bobId)), "same-id"));

        InvalidRequestFault refused = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                withId(meeting("Second", freeSlot(), associate(bobId)), "same-id")));

        assertEquals("requestId", refused.getFaultInfo().getField());
        assertEquals(1, creates(owner));
    }

    @Test
    void anotherOwnerMayUseTheSameRequestId() throws Exception {
        Member one = directory.freshMember("one");
        Member other = directory.freshMember("other");
        var start = freeSlot();

        long a = one.port().createInvitation(withId(meeting("Mine", start, associate(bobId)), "shared-1"))
                .getAppointmentId();
        long b = other.port().createInvitation(withId(meeting("Mine", start, associate(bobId)), "shared-1"))
                .getAppointmentId();

        assertNotEquals(a, b);
    }

    @Test
    void twentyRetriesRacingEachOtherCreateOneAppointment() throws Exception {
        Member owner = directory.freshMember("racing");
        var start = freeSlot();
        Set<Long> appointments = ConcurrentHashMap.newKeySet();
        Race race = new Race();
        for (int i = 0; i < 20; i++) {
            InvitationsPortType port = directory.as(owner.associate());
            race.add(() -> appointments.add(port.createInvitation(withId(meeting("Raced", start, associate(bobId)),
                    "raced-7")).getAppointmentId()));
        }
        race.run(Duration.ofSeconds(60));

        System.out.println("20 retries of one create at once: " + race);
        assertEquals(List.of(), race.unexpected(), "every retry answered OK: " + race);
        assertEquals(1, appointments.size(), "all answered with the same appointment: " + appointments);
        assertEquals(1, creates(owner));
    }

    @Test
    void aTaskRetryIsIdempotentToo() throws Exception {
        Member owner = directory.freshMember("tasking");
        var request = task("Retry a task", freeSlot(), associate(bobId));
        request.setRequestId("task-1");

        long first = owner.port().createTask(request).getAppointmentId();
        long retry = owner.port().createTask(request).getAppointmentId();

        assertEquals(first, retry);
        assertEquals(1, creates(owner));
    }
}
