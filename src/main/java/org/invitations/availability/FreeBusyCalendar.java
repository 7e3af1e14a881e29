package org.invitations.availability;

import java.time.ZoneId;
import java.util.List;
import org.invitations.directory.WorkingHours;

/**
 * One participant's busy time in a window, merged, without titles; an associate's zone and working hours
 * with it (null for a resource).
 */
public record FreeBusyCalendar(Participant participant, String name, ZoneId timeZone, WorkingHours workingHours,
                               List<BusyInterval> busy) {
}
