package org.invitations.ws;

import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.Notifications;
import org.invitations.ws.generated.Person;
import org.junit.jupiter.api.Test;

/**
 * A create sent with a client request id is safe to retry: the retry answers with the first
 * result (its notifications too) and writes nothing, also when the retries race each other; the same id
 * with another request, or with other notification options, is refused.
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
    void theSameRequestIdWithTheWordNullForAnAbsentDescriptionIsRefused() throws Exception {
        Member owner = directory.freshMember("nulling");
        var start = freeSlot();
        CreateInvitation withoutDescription = meeting("Described", start, associate(bobId));
        withoutDescription.setDescription(null);
        owner.port().createInvitation(withId(withoutDescription, "null-or-not"));

        CreateInvitation saysNull = meeting("Described", start, associate(bobId));
        saysNull.setDescription("null");
        InvalidRequestFault refused = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                withId(saysNull, "null-or-not")));

        assertEquals("requestId", refused.getFaultInfo().getField());
        assertEquals(1, creates(owner));
    }

    private static CreateInvitation confirmed(CreateInvitation request) {
        InvitationOptions options = new InvitationOptions();
        options.setSendConfirmation(true);
        request.setOptions(options);
        return request;
    }

    /** A demo person: Ola Nordmann has an e-mail address, Kari Nordmann has none. */
    private static long demoPerson(String fullName) throws Exception {
        return directory.admin().listContacts(new ListContacts()).getContact().stream()
                .flatMap(contact -> contact.getPerson().stream()).filter(p -> p.getFullName().equals(fullName))
                .mapToLong(Person::getPersonId).findFirst().orElseThrow();
    }

    /** A meeting with bob, Ola and Kari, confirmations asked for: one written, Kari skipped. */
    private static CreateInvitation confirmedMeeting(String title, java.time.OffsetDateTime start) throws Exception {
        return confirmed(meeting(title, start, associate(bobId), person(demoPerson("Ola Nordmann")),
                person(demoPerson("Kari Nordmann"))));
    }

    private static String summary(Notifications notifications) {
        assertNotNull(notifications, "the notifications element");
        return notifications.getConfirmations() + " confirmations, " + notifications.getSms() + " SMS, skipped "
                + notifications.getSkipped().stream().map(p -> p.getPersonId() + " " + p.getName() + " "
                + p.getChannel()).toList();
    }

    private static int confirmationsOf(Member owner, long appointmentId) throws Exception {
        GetConfirmationMessages request = new GetConfirmationMessages();
        request.setAppointmentId(appointmentId);
        return owner.port().getConfirmationMessages(request).getMessage().size();
    }

    @Test
    void aReplayAnswersWithTheFirstCallsNotifications() throws Exception {
        Member owner = directory.freshMember("replaying");
        var start = freeSlot();

        CreateInvitationResponse first = owner.port().createInvitation(withId(confirmedMeeting("Replayed", start),
                "notified-1"));
        CreateInvitationResponse retry = owner.port().createInvitation(withId(confirmedMeeting("Replayed", start),
                "notified-1"));

        assertEquals(first.getAppointmentId(), retry.getAppointmentId());
        assertEquals("1 confirmations, 0 SMS, skipped [" + demoPerson("Kari Nordmann") + " Kari Nordmann EMAIL]",
                summary(first.getNotifications()));
        assertEquals(summary(first.getNotifications()), summary(retry.getNotifications()));
        assertEquals(1, confirmationsOf(owner, first.getAppointmentId()), "the confirmation was written once");
    }

    @Test
    void theSameRequestIdWithOtherNotificationOptionsIsRefused() throws Exception {
        Member owner = directory.freshMember("renotifying");
        var start = freeSlot();
        long appointment = owner.port().createInvitation(withId(confirmedMeeting("Options", start), "options-1"))
                .getAppointmentId();
        CreateInvitation withoutConfirmation = confirmedMeeting("Options", start);
        withoutConfirmation.setOptions(null);

        InvalidRequestFault refused = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                withId(withoutConfirmation, "options-1")));

        assertEquals("requestId", refused.getFaultInfo().getField());
        assertTrue(refused.getMessage().contains("requestId options-1 was already used for a different create"),
                refused.getMessage());
        assertEquals(1, creates(owner));
        assertEquals(1, confirmationsOf(owner, appointment));
    }

    @Test
    void twentyRetriesWithNotificationsRacingEachOtherCreateOneAndAnswerAlike() throws Exception {
        Member owner = directory.freshMember("racenotify");
        var start = freeSlot();
        Set<Long> appointments = ConcurrentHashMap.newKeySet();
        Set<String> summaries = ConcurrentHashMap.newKeySet();
        Race race = new Race();
        for (int i = 0; i < 20; i++) {
            InvitationsPortType port = directory.as(owner.associate());
            CreateInvitation request = withId(confirmedMeeting("Raced with notices", start), "raced-notify");
            race.add(() -> {
                CreateInvitationResponse created = port.createInvitation(request);
                appointments.add(created.getAppointmentId());
                return summaries.add(summary(created.getNotifications()));
            });
        }
        race.run(Duration.ofSeconds(60));

        System.out.println("20 retries of one create with confirmations at once: " + race);
        assertEquals(List.of(), race.unexpected(), "every retry answered OK: " + race);
        assertEquals(1, appointments.size(), "all answered with the same appointment: " + appointments);
        assertEquals(Set.of("1 confirmations, 0 SMS, skipped [" + demoPerson("Kari Nordmann") + " Kari Nordmann EMAIL]"),
                summaries, "all answered with the first call's notifications");
        assertEquals(1, creates(owner));
        assertEquals(1, confirmationsOf(owner, appointments.iterator().next()));
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
