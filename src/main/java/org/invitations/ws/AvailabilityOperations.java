package org.invitations.ws;

import org.invitations.availability.AvailabilityService;
import org.invitations.ws.generated.ConcurrentModificationFault;
import org.invitations.ws.generated.FindAvailableTime;
import org.invitations.ws.generated.FindAvailableTimeResponse;
import org.invitations.ws.generated.GetFreeBusy;
import org.invitations.ws.generated.GetFreeBusyResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;

/** Free/busy and the next available time. */
final class AvailabilityOperations {

    private final AvailabilityService availability;

    AvailabilityOperations(AvailabilityService availability) {
        this.availability = availability;
    }

    GetFreeBusyResponse freeBusy(GetFreeBusy request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> AvailabilityMapper.toFreeBusy(availability.freeBusy(CallerInterceptor.current(),
                request.getAssociateId(), request.getResourceId(), DateTimes.toInstant(request.getFromTime()),
                DateTimes.toInstant(request.getToTime()))));
    }

    FindAvailableTimeResponse findAvailableTime(FindAvailableTime request)
            throws InvalidRequestFault, NotFoundFault, NotAllowedFault, ConcurrentModificationFault {
        return Faults.call(() -> AvailabilityMapper.toSlots(availability.findAvailableTime(CallerInterceptor.current(),
                new AvailabilityService.Search(request.getAssociateId(), request.getResourceId(),
                        request.getDurationMinutes(), DateTimes.toInstant(request.getFromTime()),
                        DateTimes.toInstant(request.getToTime()), request.getSuggestions(),
                        request.getIgnoreAppointmentId()))));
    }
}
