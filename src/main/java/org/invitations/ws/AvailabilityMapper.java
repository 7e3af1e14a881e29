package org.invitations.ws;

import java.util.List;
import org.invitations.availability.BusyInterval;
import org.invitations.availability.FreeBusyCalendar;
import org.invitations.availability.Participant;
import org.invitations.availability.TimeSlot;
import org.invitations.ws.generated.BusyKind;
import org.invitations.ws.generated.FindAvailableTimeResponse;
import org.invitations.ws.generated.GetFreeBusyResponse;
import org.invitations.ws.generated.ParticipantRef;

/** Maps free/busy calendars and suggested slots to the wire; times in UTC, zones by IANA id. */
final class AvailabilityMapper {

    private AvailabilityMapper() {
    }

    static GetFreeBusyResponse toFreeBusy(List<FreeBusyCalendar> calendars) {
        GetFreeBusyResponse response = new GetFreeBusyResponse();
        calendars.forEach(c -> response.getCalendar().add(toWire(c)));
        return response;
    }

    static org.invitations.ws.generated.FreeBusyCalendar toWire(FreeBusyCalendar calendar) {
        org.invitations.ws.generated.FreeBusyCalendar wire = new org.invitations.ws.generated.FreeBusyCalendar();
        ParticipantRef ref = new ParticipantRef();
        if (calendar.participant().kind() == Participant.Kind.ASSOCIATE) {
            ref.setAssociateId(calendar.participant().id());
        } else {
            ref.setResourceId(calendar.participant().id());
        }
        wire.setParticipant(ref);
        wire.setName(calendar.name());
        if (calendar.timeZone() != null) {
            wire.setTimeZone(calendar.timeZone().getId());
        }
        if (calendar.workingHours() != null) {
            wire.setWorkingHours(DirectoryMapper.toWire(calendar.workingHours()));
        }
        calendar.busy().forEach(b -> wire.getBusy().add(toWire(b)));
        return wire;
    }

    static org.invitations.ws.generated.BusyInterval toWire(BusyInterval interval) {
        org.invitations.ws.generated.BusyInterval wire = new org.invitations.ws.generated.BusyInterval();
        wire.setStart(DateTimes.toUtc(interval.start()));
        wire.setEnd(DateTimes.toUtc(interval.end()));
        wire.setKind(BusyKind.valueOf(interval.kind().name()));
        return wire;
    }

    static FindAvailableTimeResponse toSlots(List<TimeSlot> slots) {
        FindAvailableTimeResponse response = new FindAvailableTimeResponse();
        for (TimeSlot slot : slots) {
            org.invitations.ws.generated.TimeSlot wire = new org.invitations.ws.generated.TimeSlot();
            wire.setStart(DateTimes.toUtc(slot.start()));
            wire.setEnd(DateTimes.toUtc(slot.end()));
            response.getSlot().add(wire);
        }
        return response;
    }
}
