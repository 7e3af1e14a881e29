package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.DeclineInvitation;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.MoveAppointment;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.OccurrenceAnswer;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.Scope;
import org.junit.jupiter.api.Test;

/**
 * The races issue 22 names, with real parallel SOAP calls on a weekly 09:00 Europe/Oslo series of ten from
 * Monday 15 March 2027 with invitees A and B: whatever the timing, no raw server fault, every call succeeds
 * (or gets the declared ConcurrentModificationFault the service answers when its own retries lost), and the
 * end state is the state of one serial order of the calls that succeeded. The expected state of each order
 * is computed from the domain rules ({@link Records}) and compared with what the owner's views show of A's
 * and B's records: the series' record, and per occurrence its status and whether it still follows the series
 * (an occurrence that does not is one of the participant's exceptions on the series' view).
 */
class SeriesRaceTest extends EndpointTest {

    private static final OffsetDateTime MONDAY_NINE_OSLO = OffsetDateTime.parse("2027-03-15T08:00:00Z");
    private static final int ROUNDS = 4;
    /** The fault the service answers when its own replays lost every time (docs/api.md, "Faults"). */
    private static final String DECLARED = "ConcurrentModificationFault";

    /** A weekly series of ten by a fresh owner, with fresh invitees A and B. */
    private record Weekly(Member owner, Member a, Member b, CreateInvitationResponse created) {

        long seriesId() {
            return created.getAppointmentId();
        }

        long seriesRecordOf(Member invitee) {
            return created.getParticipant().stream()
                    .filter(p -> p.getParticipant().getAssociateId() == invitee.id())
                    .findFirst().orElseThrow().getRecordId();
        }

        Occurrence occurrence(int n) {
            return created.getOccurrence().get(n - 1);
        }

        List<Instant> recurrenceIds() {
            return created.getOccurrence().stream().map(o -> o.getRecurrenceId().toInstant()).toList();
        }
    }

    private static Weekly weekly() throws Exception {
        Member owner = directory.freshMember("owner");
        Member a = directory.freshMember("a");
        Member b = directory.freshMember("b");
        Recurrence recurrence = new Recurrence();
        recurrence.setRrule("FREQ=WEEKLY;BYDAY=MO;COUNT=10");
        CreateInvitation request = meeting("Team meeting", MONDAY_NINE_OSLO, associate(a.id()), associate(b.id()));
        request.setTimeZone("Europe/Oslo");
        request.setRecurrence(recurrence);
        CreateInvitationResponse created = owner.port().createInvitation(request);
        assertEquals(10, created.getOccurrence().size());
        return new Weekly(owner, a, b, created);
    }

    // ------------------------------------------------------------------ the domain rules, one call at a time

    /** Statuses a move asks again (6): everything seen or answered; 5 and 6 are waiting unseen already. */
    private static final Set<Integer> ASKED_AGAIN = Set.of(1, 2, 7, 8, 9, 14);

    /**
     * One invitee's records as the domain rules leave them: the record of each series (0 the original, 1 the
     * one split off, if any), and per occurrence its status, whether it follows its series' answer, and which
     * series it belongs to.
     */
    static final class Records {
        final Integer[] series = {5, null};
        final int[] status = new int[11];
        final boolean[] follows = new boolean[11];
        final int[] seriesOf = new int[11];

        Records() {
            Arrays.fill(status, 5);
            Arrays.fill(follows, true);
        }

        /** An answer for the whole series: its record and every occurrence of it take it, following it again. */
        void acceptSeries(int which) {
            series[which] = 1;
            for (int n = 1; n <= 10; n++) {
                if (seriesOf[n] == which) {
                    status[n] = 1;
                    follows[n] = true;
                }
            }
        }

        /** "This and the following": the named occurrence and the later ones of its series, each on its own. */
        void declineFollowing(int from) {
            for (int n = from; n <= 10; n++) {
                if (seriesOf[n] == seriesOf[from]) {
                    status[n] = 9;
                    follows[n] = false;
                }
            }
        }

        /** One occurrence moved on its own: asked again if seen or answered, and on its own from now on. */
        void occurrenceMoved(int n) {
            status[n] = askedAgain(status[n]);
            follows[n] = false;
        }

        /**
         * The owner moves this and the following from {@code at}: split there (the new series' records are
         * copies of the old one's), then the new series moved as a whole: its record and its occurrences are
         * asked again, and its occurrences keep following it.
         */
        void splitAndMoved(int at) {
            series[1] = askedAgain(series[0]);
            for (int n = at; n <= 10; n++) {
                seriesOf[n] = 1;
                status[n] = askedAgain(status[n]);
            }
        }

        private static int askedAgain(int status) {
            return ASKED_AGAIN.contains(status) ? 6 : status;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("series " + series[0] + (series[1] == null ? "" : " / " + series[1]));
            for (int n = 1; n <= 10; n++) {
                text.append(", ").append(n).append(':').append(status[n]).append(follows[n] ? "" : " own")
                        .append(seriesOf[n] == 1 ? " (split)" : "");
            }
            return text.toString();
        }
    }

    /** A call of the race and what it does to the invitees' records under the rules. */
    private record Step(String name, Race.Call call, Consumer<Map<String, Records>> rule) {
    }

    /**
     * The end state of every serial order of the steps (all orders of all of them: the race's calls that
     * succeeded), by order.
     */
    private static Map<String, String> serialOrders(List<Step> steps) {
        Map<String, String> states = new LinkedHashMap<>();
        permute(steps, new ArrayList<>(), states);
        return states;
    }

    private static void permute(List<Step> left, List<Step> order, Map<String, String> states) {
        if (left.isEmpty()) {
            Map<String, Records> records = new LinkedHashMap<>();
            records.put("A", new Records());
            records.put("B", new Records());
            order.forEach(step -> step.rule().accept(records));
            states.put(String.join(", then ", order.stream().map(Step::name).toList()), records.toString());
            return;
        }
        for (Step next : left) {
            List<Step> rest = new ArrayList<>(left);
            rest.remove(next);
            order.add(next);
            permute(rest, order, states);
            order.remove(order.size() - 1);
        }
    }

    /**
     * Runs the steps at once and checks the end state against every serial order of the ones that succeeded.
     */
    private static void raceAndCompare(List<Step> steps, ObservedState observed) throws Exception {
        Race race = new Race();
        steps.forEach(step -> race.add(step.call()));
        race.run(Duration.ofSeconds(90));

        assertEquals(List.of(), race.unexpected(DECLARED), "only successes and the declared fault: " + race);
        List<Step> succeeded = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if ("OK".equals(race.outcomeOf(i))) {
                succeeded.add(steps.get(i));
            }
        }
        Map<String, String> orders = serialOrders(succeeded);
        if (succeeded.size() == steps.size()) {
            assertTrue(new HashSet<>(orders.values()).size() > 1, "the serial orders differ, so the end state tells"
                    + " them apart: " + orders);
        }
        String seen = observed.read();
        List<String> matching = orders.entrySet().stream().filter(e -> e.getValue().equals(seen))
                .map(Map.Entry::getKey).toList();
        assertTrue(!matching.isEmpty(), "the end state\n  " + seen + "\nis no serial order's:\n  "
                + String.join("\n  ", orders.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                + "\n(" + race + ")");
        System.out.println(race + "; the end state is that of: " + String.join(" | ", matching));
    }

    @FunctionalInterface
    private interface ObservedState {
        String read() throws Exception;
    }

    // ------------------------------------------------------------------ what the owner's views show

    /** Per invitee, the status of their record on each appointment, from the owner's view of it. */
    private static Map<Long, Integer> statuses(Member owner, long appointmentId) throws Exception {
        Map<Long, Integer> statuses = new LinkedHashMap<>();
        for (ParticipantView line : owner.port().getAppointmentParticipants(participants(appointmentId))
                .getParticipant()) {
            if (line.getParticipant().getAssociateId() != null) {
                statuses.put(line.getParticipant().getAssociateId(), line.getStatus());
            }
        }
        return statuses;
    }

    /**
     * A's and B's records as the owner's views show them, in the form {@link Records} writes: the series'
     * record (and the split-off series' one), and each occurrence's status, "own" when it is one of the
     * invitee's exceptions on its series' view, "(split)" when it belongs to the split-off series.
     */
    private static String observed(Weekly weekly, Long splitOff) throws Exception {
        Member owner = weekly.owner();
        List<Long> seriesIds = splitOff == null ? List.of(weekly.seriesId()) : List.of(weekly.seriesId(), splitOff);
        List<GetAppointmentParticipantsResponse> views = new ArrayList<>();
        for (long id : seriesIds) {
            views.add(owner.port().getAppointmentParticipants(participants(id)));
        }
        Map<Long, Integer> seriesOfOccurrence = new LinkedHashMap<>();
        if (splitOff != null) {
            for (DiaryEntry entry : owner.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                    MONDAY_NINE_OSLO.plusDays(90))).getEntry()) {
                seriesOfOccurrence.put(entry.getAppointmentId(), splitOff.equals(entry.getSeriesId()) ? 1 : 0);
            }
        }
        Map<String, Records> records = new LinkedHashMap<>();
        for (Member invitee : List.of(weekly.a(), weekly.b())) {
            Records seen = new Records();
            Set<Instant> own = new HashSet<>();
            for (int s = 0; s < views.size(); s++) {
                ParticipantView line = views.get(s).getParticipant().stream()
                        .filter(p -> p.getParticipant().getAssociateId() != null
                                && p.getParticipant().getAssociateId() == invitee.id())
                        .findFirst().orElseThrow();
                seen.series[s] = line.getStatus();
                line.getException().stream().map(OccurrenceAnswer::getRecurrenceId).map(OffsetDateTime::toInstant)
                        .forEach(own::add);
            }
            for (int n = 1; n <= 10; n++) {
                Occurrence occurrence = weekly.occurrence(n);
                seen.status[n] = statuses(owner, occurrence.getAppointmentId()).get(invitee.id());
                seen.follows[n] = !own.contains(occurrence.getRecurrenceId().toInstant());
                seen.seriesOf[n] = seriesOfOccurrence.getOrDefault(occurrence.getAppointmentId(), 0);
            }
            records.put(invitee == weekly.a() ? "A" : "B", seen);
        }
        return records.toString();
    }

    private static MoveAppointment moveOf(Weekly weekly, int n, Scope scope, String start) {
        MoveAppointment request = move(weekly.seriesId(), OffsetDateTime.parse(start));
        request.setRecurrenceId(weekly.occurrence(n).getRecurrenceId());
        request.setScope(scope);
        return request;
    }

    // ------------------------------------------------------------------ the races

    @Test
    void aWholeSeriesAnswerAnOccurrenceMovedAndAnotherInviteesFollowingDeclineAtOnceEndAsOneSerialOrder()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Weekly weekly = weekly();
            DeclineInvitation following = decline(weekly.seriesRecordOf(weekly.b()), "New project from April");
            following.setRecurrenceId(weekly.occurrence(7).getRecurrenceId());
            following.setScope(Scope.FOLLOWING);
            // 2027-04-12 is in summer time: 11:00 in Oslo is 09:00Z
            MoveAppointment fifth = moveOf(weekly, 5, Scope.OCCURRENCE, "2027-04-12T09:00:00Z");
            List<Step> steps = List.of(
                    new Step("A accepts the series", () -> weekly.a().port().acceptInvitation(
                            accept(weekly.seriesRecordOf(weekly.a()))), records -> records.get("A").acceptSeries(0)),
                    new Step("the owner moves the fifth", () -> weekly.owner().port().moveAppointment(fifth),
                            records -> records.values().forEach(r -> r.occurrenceMoved(5))),
                    new Step("B declines the seventh and following",
                            () -> weekly.b().port().declineInvitation(following),
                            records -> records.get("B").declineFollowing(7)));

            raceAndCompare(steps, () -> observed(weekly, null));

            var moved = weekly.owner().port().getAppointmentParticipants(participants(
                    weekly.occurrence(5).getAppointmentId())).getAppointment();
            if (moved.getSequence() == 1) {
                assertEquals(Instant.parse("2027-04-12T09:00:00Z"), moved.getStart().toInstant());
            }
            assertEquals(10, weekly.owner().port().getAppointmentParticipants(participants(weekly.seriesId()))
                    .getAppointment().getSeries().getOccurrences(), "no occurrence lost");
        }
    }

    @Test
    void theOwnerSplittingTheSeriesWhileAnInviteeAcceptsItEndsAsOneSerialOrderWithNothingDuplicatedOrLost()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Weekly weekly = weekly();
            AtomicReference<Long> splitOff = new AtomicReference<>();
            // 2027-04-26 is in summer time: 10:00 in Oslo is 08:00Z
            MoveAppointment seventhAndFollowing = moveOf(weekly, 7, Scope.FOLLOWING, "2027-04-26T08:00:00Z");
            List<Step> steps = List.of(
                    new Step("the owner moves the seventh and following", () -> {
                        ParticipantsResult split = weekly.owner().port().moveAppointment(seventhAndFollowing);
                        splitOff.set(split.getAppointment().getAppointmentId());
                        return split;
                    }, records -> records.values().forEach(r -> r.splitAndMoved(7))),
                    new Step("A accepts the series", () -> weekly.a().port().acceptInvitation(
                            accept(weekly.seriesRecordOf(weekly.a()))), records -> records.get("A").acceptSeries(0)));

            raceAndCompare(steps, () -> observed(weekly, splitOff.get()));

            List<DiaryEntry> diary = weekly.owner().port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                    MONDAY_NINE_OSLO.plusDays(90))).getEntry();
            assertEquals(weekly.recurrenceIds(), diary.stream().map(e -> e.getRecurrenceId().toInstant()).toList(),
                    "the ten occurrences, each once, across both series");
            assertEquals(weekly.created().getOccurrence().stream().map(Occurrence::getAppointmentId).toList(),
                    diary.stream().map(DiaryEntry::getAppointmentId).toList());
            if (splitOff.get() != null) {
                long newSeries = splitOff.get();
                assertEquals(List.of(weekly.seriesId(), weekly.seriesId(), weekly.seriesId(), weekly.seriesId(),
                        weekly.seriesId(), weekly.seriesId(), newSeries, newSeries, newSeries, newSeries),
                        diary.stream().map(DiaryEntry::getSeriesId).toList(), "six stay in the old series, four in the new");
                assertEquals(6, weekly.owner().port().getAppointmentParticipants(participants(weekly.seriesId()))
                        .getAppointment().getSeries().getOccurrences());
                assertEquals(4, weekly.owner().port().getAppointmentParticipants(participants(newSeries))
                        .getAppointment().getSeries().getOccurrences());
                assertEquals(Instant.parse("2027-04-26T08:00:00Z"), diary.get(6).getStart().toInstant());
            }
        }
    }
}
