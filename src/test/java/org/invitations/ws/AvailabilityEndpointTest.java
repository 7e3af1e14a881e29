package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.withOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.BusyInterval;
import org.invitations.ws.generated.BusyKind;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.FindAvailableTime;
import org.invitations.ws.generated.FreeBusyCalendar;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetAssociate;
import org.invitations.ws.generated.GetFreeBusy;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.SetAssociateTimeZone;
import org.invitations.ws.generated.SetWorkingHours;
import org.invitations.ws.generated.TimeSlot;
import org.invitations.ws.generated.Weekday;
import org.invitations.ws.generated.WorkingHours;
import org.junit.jupiter.api.Test;

/**
 * Free/busy, the next available time and working hours through the real endpoint: who is busy or
 * tentative when (merged, without titles), the earliest common free slots inside everyone's working
 * hours in their own zones, and the limits, refused with declared faults naming the field.
 */
class AvailabilityEndpointTest extends EndpointTest {

    /** A Tuesday, far from the days other tests book. */
    private static final OffsetDateTime TUESDAY = OffsetDateTime.of(2031, 3, 4, 0, 0, 0, 0, ZoneOffset.UTC);

    private static OffsetDateTime at(OffsetDateTime day, int hour, int minute) {
        return day.withHour(hour).withMinute(minute);
    }

    /** Booked directly (1) for everyone named, without the owner. */
    private static CreateInvitation booked(OffsetDateTime start, Duration length,
                                           org.invitations.ws.generated.ParticipantRef... who) {
        CreateInvitation request = withOptions(meeting("Secret budget talk", start, who), false, false);
        request.setEnd(start.plus(length));
        return request;
    }

    /** Invited (5), without the owner. */
    private static CreateInvitation invited(OffsetDateTime start, Duration length,
                                            org.invitations.ws.generated.ParticipantRef... who) {
        CreateInvitation request = withOptions(meeting("Secret budget talk", start, who), true, false);
        request.setEnd(start.plus(length));
        return request;
    }

    static GetFreeBusy freeBusy(OffsetDateTime from, OffsetDateTime to, List<Long> associates, List<Long> resources) {
        GetFreeBusy request = new GetFreeBusy();
        request.getAssociateId().addAll(associates);
        request.getResourceId().addAll(resources);
        request.setFromTime(from);
        request.setToTime(to);
        return request;
    }

    static FindAvailableTime search(int minutes, OffsetDateTime from, OffsetDateTime to, List<Long> associates,
                                    List<Long> resources) {
        FindAvailableTime request = new FindAvailableTime();
        request.getAssociateId().addAll(associates);
        request.getResourceId().addAll(resources);
        request.setDurationMinutes(minutes);
        request.setFromTime(from);
        request.setToTime(to);
        return request;
    }

    static SetWorkingHours hours(Long associateId, String start, String end, Weekday... days) {
        WorkingHours hours = new WorkingHours();
        hours.getWeekday().addAll(List.of(days));
        hours.setStart(start);
        hours.setEnd(end);
        SetWorkingHours request = new SetWorkingHours();
        request.setAssociateId(associateId);
        request.setWorkingHours(hours);
        return request;
    }

    private static List<BusyInterval> busyOf(Member asking, long associateId, OffsetDateTime from, OffsetDateTime to)
            throws Exception {
        return asking.port().getFreeBusy(freeBusy(from, to, List.of(associateId), List.of())).getCalendar().get(0)
                .getBusy();
    }

    private static String describe(List<BusyInterval> busy) {
        List<String> lines = new ArrayList<>();
        for (BusyInterval b : busy) {
            lines.add(b.getKind() + " " + b.getStart().toInstant() + "-" + b.getEnd().toInstant());
        }
        return String.join(", ", lines);
    }

    private static String busy(BusyKind kind, OffsetDateTime start, OffsetDateTime end) {
        return kind + " " + start.toInstant() + "-" + end.toInstant();
    }

    private static List<Instant> starts(List<TimeSlot> slots) {
        return slots.stream().map(s -> s.getStart().toInstant()).toList();
    }

    @Test
    void aBusyTenOClockBBusyAtTenAndTheRoomAtElevenLeaveNoonAsTheFirstHourForAllThree() throws Exception {
        Member owner = directory.freshMember("planner");
        Member a = directory.freshMember("busya");
        Member b = directory.freshMember("busyb");
        long room = directory.freshResource("Room Oslo").getResourceId();
        OffsetDateTime day = TUESDAY;
        owner.port().createInvitation(booked(at(day, 9, 0), Duration.ofHours(1), associate(a.id())));
        owner.port().createInvitation(booked(at(day, 10, 0), Duration.ofHours(1), associate(b.id())));
        owner.port().createInvitation(booked(at(day, 11, 0), Duration.ofHours(1), resource(room)));

        List<TimeSlot> slots = owner.port().findAvailableTime(search(60, at(day, 9, 0), at(day, 13, 0),
                List.of(a.id(), b.id()), List.of(room))).getSlot();

        assertEquals(List.of(Instant.parse("2031-03-04T12:00:00Z")), starts(slots));
        assertEquals(Instant.parse("2031-03-04T13:00:00Z"), slots.get(0).getEnd().toInstant());
        List<FreeBusyCalendar> calendars = owner.port().getFreeBusy(freeBusy(at(day, 0, 0), at(day.plusDays(1), 0, 0),
                List.of(a.id(), b.id()), List.of(room))).getCalendar();
        assertEquals(3, calendars.size());
        assertEquals(busy(BusyKind.BUSY, at(day, 9, 0), at(day, 10, 0)), describe(calendars.get(0).getBusy()));
        assertEquals(a.id(), calendars.get(0).getParticipant().getAssociateId());
        assertEquals("UTC", calendars.get(0).getTimeZone());
        assertEquals("08:00", calendars.get(0).getWorkingHours().getStart());
        assertEquals(busy(BusyKind.BUSY, at(day, 10, 0), at(day, 11, 0)), describe(calendars.get(1).getBusy()));
        assertEquals(room, calendars.get(2).getParticipant().getResourceId());
        assertEquals("Room Oslo", calendars.get(2).getName());
        assertEquals(null, calendars.get(2).getTimeZone(), "a resource has no zone");
        assertEquals(null, calendars.get(2).getWorkingHours(), "nor working hours");
        assertEquals(busy(BusyKind.BUSY, at(day, 11, 0), at(day, 12, 0)), describe(calendars.get(2).getBusy()));
    }

    @Test
    void aPendingInvitationIsTentativeAcceptedItIsBusyDeclinedOrCancelledItIsFree() throws Exception {
        Member owner = directory.freshMember("asker");
        Member invitee = directory.freshMember("answerer");
        OffsetDateTime day = TUESDAY.plusDays(1);
        CreateInvitationResponse first = owner.port().createInvitation(invited(at(day, 9, 0), Duration.ofHours(1),
                associate(invitee.id())));
        CreateInvitationResponse second = owner.port().createInvitation(invited(at(day, 13, 0), Duration.ofHours(1),
                associate(invitee.id())));
        long firstRecord = first.getParticipant().get(0).getRecordId();
        long secondRecord = second.getParticipant().get(0).getRecordId();
        OffsetDateTime from = at(day, 0, 0);
        OffsetDateTime to = from.plusDays(1);

        assertEquals(busy(BusyKind.TENTATIVE, at(day, 9, 0), at(day, 10, 0)) + ", "
                + busy(BusyKind.TENTATIVE, at(day, 13, 0), at(day, 14, 0)), describe(busyOf(owner, invitee.id(), from, to)));
        assertEquals(List.of(Instant.parse("2031-03-05T10:00:00Z")), starts(owner.port().findAvailableTime(
                        search(180, at(day, 9, 0), at(day, 14, 0), List.of(invitee.id()), List.of())).getSlot()),
                "a tentative hour is not offered");

        invitee.port().acceptInvitation(accept(firstRecord));
        invitee.port().tentativelyAcceptInvitation(tentative(secondRecord));
        assertEquals(busy(BusyKind.BUSY, at(day, 9, 0), at(day, 10, 0)) + ", "
                + busy(BusyKind.TENTATIVE, at(day, 13, 0), at(day, 14, 0)), describe(busyOf(owner, invitee.id(), from, to)));

        invitee.port().declineInvitation(decline(secondRecord, "Away"));
        owner.port().cancelAppointment(cancel(first.getAppointmentId()));
        assertEquals("", describe(busyOf(owner, invitee.id(), from, to)), "declined and cancelled take no time");
        assertEquals(5, owner.port().findAvailableTime(search(60, at(day, 8, 0), at(day, 17, 0),
                List.of(invitee.id()), List.of())).getSlot().size());
    }

    @Test
    void overlappingAndTouchingBookingsMergeBusyWinsOverTentativeAndTheWindowClipsThem() throws Exception {
        Member owner = directory.freshMember("merger");
        Member x = directory.freshMember("merged");
        OffsetDateTime day = TUESDAY.plusDays(2);
        owner.port().createInvitation(booked(at(day, 9, 0), Duration.ofHours(1), associate(x.id())));
        owner.port().createInvitation(invited(at(day, 9, 30), Duration.ofMinutes(90), associate(x.id())));
        owner.port().createInvitation(booked(at(day, 11, 0), Duration.ofHours(1), associate(x.id())));
        owner.port().createInvitation(booked(at(day, 13, 0), Duration.ofHours(1), associate(x.id())));
        owner.port().createInvitation(booked(at(day, 14, 0), Duration.ofHours(1), associate(x.id())));
        owner.port().createInvitation(invited(at(day, 16, 0), Duration.ofHours(1), associate(x.id())));
        owner.port().createInvitation(invited(at(day, 16, 30), Duration.ofHours(1), associate(x.id())));
        owner.port().createTask(org.invitations.support.Requests.task("A task takes no time", at(day, 12, 0),
                associate(x.id())));

        assertEquals(String.join(", ",
                        busy(BusyKind.BUSY, at(day, 9, 30), at(day, 10, 0)),
                        busy(BusyKind.TENTATIVE, at(day, 10, 0), at(day, 11, 0)),
                        busy(BusyKind.BUSY, at(day, 11, 0), at(day, 12, 0)),
                        busy(BusyKind.BUSY, at(day, 13, 0), at(day, 15, 0)),
                        busy(BusyKind.TENTATIVE, at(day, 16, 0), at(day, 17, 0))),
                describe(busyOf(directory.freshMember("curious"), x.id(), at(day, 9, 30), at(day, 17, 0))),
                "clipped to 09:30-17:00, any associate may ask");
    }

    @Test
    void aMeetingBeingMovedCountsItsOwnSlotAsFree() throws Exception {
        Member owner = directory.freshMember("mover");
        Member x = directory.freshMember("movedx");
        Member y = directory.freshMember("movedy");
        long room = directory.freshResource("Room Bergen").getResourceId();
        OffsetDateTime day = TUESDAY.plusDays(3);
        CreateInvitationResponse created = owner.port().createInvitation(booked(at(day, 10, 0), Duration.ofHours(1),
                associate(x.id()), associate(y.id()), resource(room)));
        FindAvailableTime request = search(60, at(day, 10, 0), at(day, 11, 0), List.of(x.id(), y.id()), List.of(room));

        assertEquals(List.of(), owner.port().findAvailableTime(request).getSlot(), "no slot: an empty answer");
        request.setIgnoreAppointmentId(created.getAppointmentId());
        assertEquals(List.of(Instant.parse("2031-03-07T10:00:00Z")), starts(owner.port().findAvailableTime(request)
                .getSlot()));

        request.setIgnoreAppointmentId(987_654_321L);
        NotFoundFault fault = assertThrows(NotFoundFault.class, () -> owner.port().findAvailableTime(request));
        assertEquals("ignoreAppointmentId", fault.getFaultInfo().getField());
    }

    @Test
    void anOsloAndANewYorkAssociateMeetOnlyInTheOverlapOfTheirWorkingHoursAcrossTheAmericanClockChange()
            throws Exception {
        Member oslo = directory.freshMember("oslo");
        Member newYork = directory.freshMember("newyork");
        oslo.port().setAssociateTimeZone(zone("Europe/Oslo"));
        newYork.port().setAssociateTimeZone(zone("America/New_York"));
        OffsetDateTime monday = OffsetDateTime.of(2031, 3, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        FindAvailableTime request = search(60, monday, monday.plusDays(12), List.of(oslo.id(), newYork.id()), List.of());
        request.setSuggestions(50);

        List<TimeSlot> slots = oslo.port().findAvailableTime(request).getSlot();

        Map<String, List<Integer>> hoursByDay = new TreeMap<>();
        for (TimeSlot slot : slots) {
            ZonedDateTime start = slot.getStart().toInstant().atZone(ZoneOffset.UTC);
            hoursByDay.computeIfAbsent(start.toLocalDate().toString(), d -> new ArrayList<>()).add(start.getHour());
            for (String zone : List.of("Europe/Oslo", "America/New_York")) {
                ZonedDateTime local = slot.getStart().toInstant().atZone(ZoneId.of(zone));
                ZonedDateTime localEnd = slot.getEnd().toInstant().atZone(ZoneId.of(zone));
                assertTrue(!local.toLocalTime().isBefore(LocalTime.of(8, 0))
                        && !localEnd.toLocalTime().isAfter(LocalTime.of(17, 0))
                        && local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue(), slot.getStart() + " in " + zone);
            }
        }
        // New York on winter time (UTC-5): 13:00-16:00 UTC in common; from Sunday 9 March on summer time
        // (UTC-4) while Oslo is still on winter time: 12:00-16:00 UTC
        Map<String, List<Integer>> expected = new TreeMap<>();
        for (int d = 3; d <= 7; d++) {
            expected.put("2031-03-0" + d, List.of(13, 14, 15));
        }
        for (int d = 10; d <= 14; d++) {
            expected.put("2031-03-" + d, List.of(12, 13, 14, 15));
        }
        assertEquals(expected, hoursByDay);
    }

    @Test
    void anAssociatesOwnWorkingHoursBoundItsSuggestions() throws Exception {
        Member part = directory.freshMember("parttime");
        Associate set = part.port().setWorkingHours(hours(null, "10:00", "12:00", Weekday.TU)).getAssociate();
        assertEquals(List.of(Weekday.TU), set.getWorkingHours().getWeekday());

        FindAvailableTime request = search(45, TUESDAY, TUESDAY.plusDays(7), List.of(part.id()), List.of());

        assertEquals(List.of(Instant.parse("2031-03-04T10:00:00Z"), Instant.parse("2031-03-04T10:45:00Z")),
                starts(part.port().findAvailableTime(request).getSlot()),
                "45 minutes from 10:00, the next where that one ends, none past 12:00 or on other days");
    }

    @Test
    void aPendingSeriesCountsAsTentativeOnItsOccurrencesAndItsOwnRecordNever() throws Exception {
        Member owner = directory.freshMember("seriesowner");
        Member invitee = directory.freshMember("seriesinvitee");
        OffsetDateTime first = at(OffsetDateTime.of(2031, 4, 7, 0, 0, 0, 0, ZoneOffset.UTC), 9, 0);
        CreateInvitation request = invited(first, Duration.ofHours(1), associate(invitee.id()));
        Recurrence weekly = new Recurrence();
        weekly.setFrequency(Frequency.WEEKLY);
        weekly.setCount(3);
        request.setRecurrence(weekly);
        CreateInvitationResponse created = owner.port().createInvitation(request);
        OffsetDateTime from = first.minusDays(1);
        OffsetDateTime to = first.plusDays(20);

        assertEquals(String.join(", ", busy(BusyKind.TENTATIVE, first, first.plusHours(1)),
                busy(BusyKind.TENTATIVE, first.plusDays(7), first.plusDays(7).plusHours(1)),
                busy(BusyKind.TENTATIVE, first.plusDays(14), first.plusDays(14).plusHours(1))),
                describe(busyOf(owner, invitee.id(), from, to)));

        owner.port().cancelAppointment(cancel(created.getOccurrence().get(0).getAppointmentId()));
        assertEquals(String.join(", ", busy(BusyKind.TENTATIVE, first.plusDays(7), first.plusDays(7).plusHours(1)),
                        busy(BusyKind.TENTATIVE, first.plusDays(14), first.plusDays(14).plusHours(1))),
                describe(busyOf(owner, invitee.id(), from, to)),
                "the series' own record, still pending in the first occurrence's slot, takes no time");

        invitee.port().acceptInvitation(accept(created.getParticipant().get(0).getRecordId()));
        assertEquals(String.join(", ", busy(BusyKind.BUSY, first.plusDays(7), first.plusDays(7).plusHours(1)),
                        busy(BusyKind.BUSY, first.plusDays(14), first.plusDays(14).plusHours(1))),
                describe(busyOf(owner, invitee.id(), from, to)));
    }

    @Test
    void moreThanAHundredParticipantsAWindowOfFortyThreeDaysOrAnEndBeforeTheStartAreRefusedNamingTheField()
            throws Exception {
        List<Long> many = new ArrayList<>();
        for (long i = 1; i <= 60; i++) {
            many.add(aliceId + 1_000_000 + i);
        }
        List<Long> resources = new ArrayList<>();
        for (long i = 1; i <= 41; i++) {
            resources.add(1_000_000 + i);
        }
        OffsetDateTime from = TUESDAY;

        InvalidRequestFault tooMany = assertThrows(InvalidRequestFault.class,
                () -> alice.getFreeBusy(freeBusy(from, from.plusDays(1), many, resources)));
        assertEquals("resourceId", tooMany.getFaultInfo().getField());
        assertTrue(tooMany.getMessage().contains("at most 100"), tooMany.getMessage());
        InvalidRequestFault tooManyToSearch = assertThrows(InvalidRequestFault.class,
                () -> alice.findAvailableTime(search(30, from, from.plusDays(1), many, resources)));
        assertEquals("resourceId", tooManyToSearch.getFaultInfo().getField());

        InvalidRequestFault tooLong = assertThrows(InvalidRequestFault.class,
                () -> alice.getFreeBusy(freeBusy(from, from.plusDays(43), List.of(bobId), List.of())));
        assertEquals("toTime", tooLong.getFaultInfo().getField());
        assertTrue(tooLong.getMessage().contains("at most 42 days"), tooLong.getMessage());
        assertEquals(1, alice.getFreeBusy(freeBusy(from, from.plusDays(42), List.of(bobId), List.of())).getCalendar()
                .size(), "42 days are allowed");
        InvalidRequestFault searchTooLong = assertThrows(InvalidRequestFault.class,
                () -> alice.findAvailableTime(search(30, from, from.plusDays(43), List.of(bobId), List.of())));
        assertEquals("toTime", searchTooLong.getFaultInfo().getField());

        InvalidRequestFault backwards = assertThrows(InvalidRequestFault.class,
                () -> alice.getFreeBusy(freeBusy(from, from.minusHours(1), List.of(bobId), List.of())));
        assertEquals("toTime", backwards.getFaultInfo().getField());
        InvalidRequestFault searchBackwards = assertThrows(InvalidRequestFault.class,
                () -> alice.findAvailableTime(search(30, from, from, List.of(bobId), List.of())));
        assertEquals("toTime", searchBackwards.getFaultInfo().getField());

        InvalidRequestFault nobody = assertThrows(InvalidRequestFault.class,
                () -> alice.getFreeBusy(freeBusy(from, from.plusDays(1), List.of(), List.of())));
        assertEquals("associateId", nobody.getFaultInfo().getField());
    }

    @Test
    void unknownIdsAreNotFoundNamingTheFieldAndAnIdNamedTwiceAnswersOnce() throws Exception {
        OffsetDateTime from = TUESDAY;
        NotFoundFault associate = assertThrows(NotFoundFault.class,
                () -> alice.getFreeBusy(freeBusy(from, from.plusDays(1), List.of(bobId, 987_654_321L), List.of())));
        assertEquals("associateId", associate.getFaultInfo().getField());
        NotFoundFault resource = assertThrows(NotFoundFault.class,
                () -> alice.findAvailableTime(search(30, from, from.plusDays(1), List.of(bobId), List.of(987_654_321L))));
        assertEquals("resourceId", resource.getFaultInfo().getField());

        List<FreeBusyCalendar> calendars = alice.getFreeBusy(freeBusy(from, from.plusDays(1),
                List.of(bobId, carolId, bobId), List.of())).getCalendar();
        assertEquals(List.of(bobId, carolId), calendars.stream().map(c -> c.getParticipant().getAssociateId()).toList());
    }

    private static SetAssociateTimeZone zone(String zone) {
        SetAssociateTimeZone request = new SetAssociateTimeZone();
        request.setTimeZone(zone);
        return request;
    }

    private static Associate get(long id) throws Exception {
        GetAssociate request = new GetAssociate();
        request.setAssociateId(id);
        return directory.admin().getAssociate(request).getAssociate();
    }

    @Test
    void everyAssociateWorksMondayToFridayEightToFiveUntilItSetsItsOwnHours() throws Exception {
        Member fresh = directory.freshMember("defaulthours");

        WorkingHours defaults = get(fresh.id()).getWorkingHours();
        assertEquals(List.of(Weekday.MO, Weekday.TU, Weekday.WE, Weekday.TH, Weekday.FR), defaults.getWeekday());
        assertEquals("08:00", defaults.getStart());
        assertEquals("17:00", defaults.getEnd());

        fresh.port().setWorkingHours(hours(null, "07:30", "15:45", Weekday.SU, Weekday.MO));
        WorkingHours changed = get(fresh.id()).getWorkingHours();
        assertEquals(List.of(Weekday.MO, Weekday.SU), changed.getWeekday(), "in week order");
        assertEquals("07:30", changed.getStart());
        assertEquals("15:45", changed.getEnd());
    }

    @Test
    void anAdminSetsAnyonesWorkingHoursAUserOnlyItsOwn() throws Exception {
        Member kari = directory.freshMember("kari");
        Member ola = directory.freshMember("ola");

        assertEquals("09:00", directory.admin().setWorkingHours(hours(kari.id(), "09:00", "16:00", Weekday.MO))
                .getAssociate().getWorkingHours().getStart());
        NotAllowedFault refused = assertThrows(NotAllowedFault.class,
                () -> ola.port().setWorkingHours(hours(kari.id(), "06:00", "07:00", Weekday.MO)));
        assertTrue(refused.getMessage().contains("Only an ADMIN may set another associate's working hours"),
                refused.getMessage());
        assertEquals("09:00", get(kari.id()).getWorkingHours().getStart(), "unchanged");
        NotFoundFault unknown = assertThrows(NotFoundFault.class,
                () -> directory.admin().setWorkingHours(hours(987_654_321L, "09:00", "16:00", Weekday.MO)));
        assertEquals("associateId", unknown.getFaultInfo().getField());
    }

    @Test
    void workingHoursEndingBeforeTheyStartOrNamingADayTwiceAreRefusedNamingTheField() throws Exception {
        Member per = directory.freshMember("perhours");

        InvalidRequestFault backwards = assertThrows(InvalidRequestFault.class,
                () -> per.port().setWorkingHours(hours(null, "17:00", "08:00", Weekday.MO)));
        assertEquals("workingHours/end", backwards.getFaultInfo().getField());
        InvalidRequestFault empty = assertThrows(InvalidRequestFault.class,
                () -> per.port().setWorkingHours(hours(null, "08:00", "08:00", Weekday.MO)));
        assertEquals("workingHours/end", empty.getFaultInfo().getField());
        InvalidRequestFault twice = assertThrows(InvalidRequestFault.class,
                () -> per.port().setWorkingHours(hours(null, "08:00", "16:00", Weekday.MO, Weekday.TU, Weekday.MO)));
        assertEquals("workingHours/weekday", twice.getFaultInfo().getField());
        assertTrue(twice.getMessage().contains("MO is named twice"), twice.getMessage());

        assertEquals("08:00", get(per.id()).getWorkingHours().getStart(), "unchanged");
    }

    @Test
    void freeBusyReadsWhileAnOwnerBooksTheSameAssociatesNeverFailRaw() throws Exception {
        Member owner = directory.freshMember("racer");
        Member x = directory.freshMember("racex");
        Member y = directory.freshMember("racey");
        OffsetDateTime day = TUESDAY.plusDays(8);
        Race race = new Race();
        for (int i = 0; i < 8; i++) {
            OffsetDateTime start = at(day, 8 + i, 0);
            race.add(() -> owner.port().createInvitation(invited(start, Duration.ofHours(1),
                    associate(x.id()), associate(y.id()))));
            race.add(() -> x.port().getFreeBusy(freeBusy(day, day.plusDays(1), List.of(x.id(), y.id()), List.of())));
            race.add(() -> y.port().findAvailableTime(search(60, day, day.plusDays(1), List.of(x.id(), y.id()),
                    List.of())));
        }

        race.run(Duration.ofSeconds(120));

        assertEquals(24, race.count("OK"), race.toString());
        assertEquals(busy(BusyKind.TENTATIVE, at(day, 8, 0), at(day, 16, 0)),
                describe(busyOf(owner, x.id(), day, day.plusDays(1))), "eight touching hours, merged");
    }
}
