package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.postpone;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.GetAuditLog;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ParticipantView;
import org.junit.jupiter.api.Test;

/**
 * A meeting is many people acting on one thing at once. Real parallel SOAP calls on the real server:
 * every race ends in a state the transition table allows, the audit log replays to exactly that state
 * (no lost update), no call gets soap:Server, no call takes longer than {@link #ANY_CALL}, and a
 * bystander's calls about other things are answered within {@link #BYSTANDER_CALL} meanwhile.
 */
class RaceTest extends EndpointTest {

    /** The bound on any call in these races (the service waits at most 5 s for a row lock). */
    static final Duration ANY_CALL = Duration.ofSeconds(10);
    /** The bound on a call of someone not involved, while the race runs. */
    static final Duration BYSTANDER_CALL = Duration.ofSeconds(5);
    /** Declared faults a client may get from these races; everything else is a failure. */
    static final String[] DECLARED = {"InvalidTransitionFault", "ConcurrentModificationFault"};

    @Test
    void twentyCallsAnsweringOneInvitationAtOnceEndInOneAllowedState() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        long appointment = owner.port().createInvitation(meeting("Budget", freeSlot(), associate(invitee.id())))
                .getAppointmentId();
        long record = recordOf(owner, appointment, invitee.id());
        Bystander bystander = new Bystander();

        Race race = new Race();
        for (int i = 0; i < 20; i++) {
            InvitationsPortType port = directory.as(invitee.associate());
            switch (i % 5) {
                case 0 -> race.add(() -> port.acceptInvitation(accept(record)));
                case 1 -> race.add(() -> port.declineInvitation(decline(record, "clash " + System.nanoTime())));
                case 2 -> race.add(() -> port.markInvitationSeen(seen(record)));
                case 3 -> race.add(() -> port.tentativelyAcceptInvitation(tentative(record)));
                default -> race.add(() -> port.postponeInvitation(postpone(record)));
            }
        }
        bystander.joins(race, 10);
        race.run(ANY_CALL.multipliedBy(3));

        System.out.println("20 answers to one record: " + race + "; bystander longest "
                + bystander.longest().toMillis() + " ms");
        assertRaceWasClean(race, bystander);
        assertAuditReplaysTo(appointment, owner, List.of(invitee));
    }

    @Test
    void ownerMovesUpdatesAndCancelsWhileInviteesAnswer() throws Exception {
        Member owner = directory.freshMember("owner");
        List<Member> invitees = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            invitees.add(directory.freshMember("answering"));
        }
        var start = freeSlot();
        var request = meeting("Quarterly review", start);
        invitees.forEach(m -> request.getParticipants().getParticipant().add(associate(m.id())));
        long appointment = owner.port().createInvitation(request).getAppointmentId();
        Bystander bystander = new Bystander();

        Race race = new Race();
        for (Member invitee : invitees) {
            long record = recordOf(owner, appointment, invitee.id());
            InvitationsPortType port = directory.as(invitee.associate());
            race.add(() -> port.markInvitationSeen(seen(record)));
            race.add(() -> port.acceptInvitation(accept(record)));
            race.add(() -> port.declineInvitation(decline(record, "away")));
            race.add(() -> port.tentativelyAcceptInvitation(tentative(record)));
            race.add(() -> port.acceptInvitation(accept(record)));
        }
        InvitationsPortType ownerPort = directory.as(owner.associate());
        race.add(() -> ownerPort.moveAppointment(move(appointment, start.plusHours(2))));
        race.add(() -> ownerPort.moveAppointment(move(appointment, start.plusHours(4))));
        var retitle = update(appointment);
        retitle.setTitle("Quarterly review (moved)");
        retitle.setUpdateAllRecords(true);
        race.add(() -> ownerPort.updateAppointment(retitle));
        race.add(() -> ownerPort.cancelAppointment(cancel(appointment)));
        int moves = 2;
        bystander.joins(race, 10);
        race.run(ANY_CALL.multipliedBy(3));

        System.out.println("owner moving/updating/cancelling while 5 invitees answer: " + race
                + "; bystander longest " + bystander.longest().toMillis() + " ms");
        assertRaceWasClean(race, bystander);
        GetAppointmentParticipantsResponse view = owner.port().getAppointmentParticipants(participants(appointment));
        assertTrue(view.getAppointment().isCancelled(), "the cancel always wins in the end");
        for (ParticipantView line : view.getParticipant()) {
            assertEquals(10, line.getStatus(), "every participant record of a cancelled meeting is 10");
        }
        long okMoves = 0;
        for (int i = 0; i < moves; i++) {
            okMoves += "OK".equals(race.outcomeOf(invitees.size() * 5 + i)) ? 1 : 0;
        }
        assertEquals(okMoves, view.getAppointment().getSequence(), "every move that answered OK counts, no other");
        assertAuditReplaysTo(appointment, owner, invitees);
    }

    @Test
    void moveAgainstCancelAHundredTimesNeverLosesTheCancel() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        InvitationsPortType mover = directory.as(owner.associate());
        InvitationsPortType canceller = directory.as(owner.associate());
        Map<String, Long> totals = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            var start = freeSlot();
            long appointment = owner.port().createInvitation(meeting("Race " + i, start, associate(invitee.id())))
                    .getAppointmentId();
            Race race = new Race()
                    .add(() -> mover.moveAppointment(move(appointment, start.plusHours(3))))
                    .add(() -> canceller.cancelAppointment(cancel(appointment)))
                    .run(ANY_CALL);
            race.outcomes().forEach((k, v) -> totals.merge(k, v, Long::sum));
            longest = longest.compareTo(race.longest()) > 0 ? longest : race.longest();
            assertEquals(List.of(), race.unexpected(DECLARED), race.toString());
            assertEquals("OK", race.outcomeOf(1), "a cancel always succeeds: " + race);

            var view = owner.port().getAppointmentParticipants(participants(appointment)).getAppointment();
            assertTrue(view.isCancelled(), "run " + i + ": the appointment stays cancelled: " + race);
            assertEquals("OK".equals(race.outcomeOf(0)) ? 1 : 0, view.getSequence(),
                    "run " + i + ": sequence counts the move only if it answered OK: " + race);
        }
        System.out.println("move against cancel x100: " + totals + ", longest call " + longest.toMillis() + " ms");
        assertTrue(longest.compareTo(ANY_CALL) < 0, "longest call " + longest);
    }

    // ------------------------------------------------------------------ checks

    private static void assertRaceWasClean(Race race, Bystander bystander) {
        assertEquals(List.of(), race.unexpected(DECLARED), "only OK or declared faults: " + race);
        assertTrue(race.longest().compareTo(ANY_CALL) < 0, "no call longer than " + ANY_CALL + ": " + race);
        assertEquals(0, bystander.failures(), "the bystander is always answered");
        assertTrue(bystander.longest().compareTo(BYSTANDER_CALL) < 0,
                "a bystander waits less than " + BYSTANDER_CALL + ": " + bystander.longest());
    }

    /**
     * Replays the audit log of everyone involved, in the order the changes committed, on a model of
     * the records' statuses: every answer must start from the status the model holds (no lost update,
     * no change made from a stale status), and the model must end where the database is.
     */
    private static void assertAuditReplaysTo(long appointment, Member owner, List<Member> invitees)
            throws Exception {
        List<Member> involved = new ArrayList<>(invitees);
        involved.add(owner);
        List<AuditEntry> entries = new ArrayList<>();
        for (Member member : involved) {
            GetAuditLog request = new GetAuditLog();
            request.setAssociateId(member.id());
            request.setPageSize(500);
            entries.addAll(directory.admin().getAuditLog(request).getEntry());
        }
        entries.sort(Comparator.comparingLong(AuditEntry::getEventId));
        GetAppointmentParticipantsResponse view = owner.port().getAppointmentParticipants(participants(appointment));
        Map<Long, Integer> model = new HashMap<>();
        view.getParticipant().forEach(line -> model.put(line.getRecordId(), 5));
        for (AuditEntry entry : entries) {
            if (entry.getTargetType().equals("record") && model.containsKey(entry.getTargetId())) {
                String[] change = entry.getDetail().split(" -> ");
                int from = Integer.parseInt(change[0]);
                int to = Integer.parseInt(change[1]);
                assertEquals(model.get(entry.getTargetId()), from, "entry " + entry.getEventId() + " "
                        + entry.getOperation() + " started from the status the one before left");
                assertTrue(allowed(entry.getOperation(), from, to), entry.getOperation() + " " + from + " -> " + to);
                model.put(entry.getTargetId(), to);
            } else if (entry.getTargetType().equals("appointment") && entry.getTargetId() == appointment) {
                switch (entry.getOperation()) {
                    case "MoveAppointment" -> model.replaceAll((id, status) -> moved(status));
                    case "CancelAppointment" -> model.replaceAll((id, status) -> 10);
                    default -> { }
                }
            }
        }
        for (ParticipantView line : view.getParticipant()) {
            assertEquals(model.get(line.getRecordId()), line.getStatus(), "record " + line.getRecordId()
                    + " is where its audit trail says");
        }
    }

    /** The status table of docs/api.md for the invitee's answers. */
    private static boolean allowed(String operation, int from, int to) {
        boolean pending = from == 5 || from == 6 || from == 7 || from == 8;
        boolean answered = from == 1 || from == 9 || from == 14;
        return switch (operation) {
            case "AcceptInvitation" -> (pending || answered) && to == 1;
            case "TentativelyAcceptInvitation" -> (pending || answered) && to == 14;
            case "DeclineInvitation" -> (pending || answered) && to == 9;
            case "MarkInvitationSeen" -> pending && to == (from == 5 || from == 7 ? 7 : 8);
            case "PostponeInvitation" -> pending && to == from;
            default -> false;
        };
    }

    /** What a move does to an associate invitee's record: seen or answered is asked again (6). */
    private static int moved(int status) {
        return switch (status) {
            case 7, 8, 1, 9, 14 -> 6;
            default -> status;
        };
    }

    private static long recordOf(Member owner, long appointment, long associateId) throws Exception {
        return owner.port().getAppointmentParticipants(participants(appointment)).getParticipant().stream()
                .filter(p -> p.getParticipant().getAssociateId() != null
                        && p.getParticipant().getAssociateId() == associateId)
                .findFirst().orElseThrow().getRecordId();
    }

    /** Someone not involved, listing its own invitations while the race runs. */
    private static final class Bystander {
        private final LongAccumulator longestNanos = new LongAccumulator(Math::max, 0);
        private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

        void joins(Race race, int calls) throws Exception {
            Member bystander = directory.freshMember("bystander");
            CreateInvitationResponse own = directory.admin().createInvitation(meeting("Elsewhere", freeSlot(),
                    associate(bystander.id())));
            assertEquals(1, own.getParticipant().size());
            for (int i = 0; i < calls; i++) {
                InvitationsPortType port = directory.as(bystander.associate());
                race.add(() -> {
                    long started = System.nanoTime();
                    try {
                        return port.getInvitations(pending());
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        throw e;
                    } finally {
                        longestNanos.accumulate(System.nanoTime() - started);
                    }
                });
            }
        }

        Duration longest() {
            return Duration.ofNanos(longestNanos.get());
        }

        int failures() {
            return failures.get();
        }
    }
}
