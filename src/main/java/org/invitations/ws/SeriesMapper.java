package org.invitations.ws;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.invitations.invitation.AppointmentView;
import org.invitations.invitation.ChangeScope;
import org.invitations.invitation.Scope;
import org.invitations.invitation.CreatedMeeting;
import org.invitations.invitation.Recurrence;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.Series;
import org.invitations.ws.generated.Weekday;

/** Maps a series between the wire and the domain: the requested recurrence, occurrences and series facts. */
final class SeriesMapper {

    private SeriesMapper() {
    }

    /** The request's recurrence as a domain value; null when the create is a single appointment. */
    static Recurrence toRecurrence(org.invitations.ws.generated.Recurrence wire) {
        if (wire == null) {
            return null;
        }
        LocalDate until = wire.getUntil() == null ? null
                : LocalDate.of(wire.getUntil().getYear(), wire.getUntil().getMonth(), wire.getUntil().getDay());
        return new Recurrence(wire.getRrule(),
                wire.getFrequency() == null ? null : Recurrence.Frequency.valueOf(wire.getFrequency().name()),
                wire.getInterval(), wire.getWeekday().stream().map(SeriesMapper::toDay).toList(),
                wire.getWeekdayPosition(), wire.getDayOfMonth(), wire.getMonth(), wire.getCount(), until);
    }

    private static DayOfWeek toDay(Weekday day) {
        return switch (day) {
            case MO -> DayOfWeek.MONDAY;
            case TU -> DayOfWeek.TUESDAY;
            case WE -> DayOfWeek.WEDNESDAY;
            case TH -> DayOfWeek.THURSDAY;
            case FR -> DayOfWeek.FRIDAY;
            case SA -> DayOfWeek.SATURDAY;
            case SU -> DayOfWeek.SUNDAY;
        };
    }

    /** A create's occurrences, in order, with the participants already booked at each one's time. */
    static List<Occurrence> toOccurrences(List<CreatedMeeting.CreatedOccurrence> occurrences) {
        return occurrences.stream().map(created -> {
            Occurrence wire = new Occurrence();
            wire.setAppointmentId(created.appointmentId());
            wire.setRecurrenceId(DateTimes.toUtc(created.recurrenceId()));
            wire.setStart(DateTimes.toUtc(created.start()));
            wire.setEnd(DateTimes.toUtc(created.end()));
            wire.setSequence(created.sequence());
            wire.setCancelled(created.cancelled());
            created.conflicts().forEach(ref -> wire.getConflict().add(InvitationMapper.ref(ref.kind(), ref.id())));
            return wire;
        }).toList();
    }

    /** The occurrence an owner's change names and its scope; both absent keeps the defaults. */
    static ChangeScope toScope(java.time.OffsetDateTime recurrenceId,
                               org.invitations.ws.generated.Scope scope) {
        if (recurrenceId == null && scope == null) {
            return ChangeScope.DEFAULT;
        }
        return new ChangeScope(DateTimes.toInstant(recurrenceId),
                scope == null ? null : Scope.valueOf(scope.name()));
    }

    /** A series as its invitees and its owner see it; null for anything that is not a series. */
    static Series toSeries(AppointmentView.SeriesFacts facts) {
        if (facts == null) {
            return null;
        }
        Series wire = new Series();
        wire.setSeriesId(facts.seriesId());
        wire.setRrule(facts.rrule());
        wire.setTimeZone(facts.timeZone());
        wire.setFirstStart(DateTimes.toUtc(facts.firstStart()));
        wire.setNextStart(DateTimes.toUtc(facts.nextStart()));
        wire.setOccurrences(facts.occurrences());
        return wire;
    }
}
