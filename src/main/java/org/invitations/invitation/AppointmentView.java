package org.invitations.invitation;

import java.time.Instant;

/**
 * An appointment as one participant sees it: that participant's copy of the text and times, the zone the
 * times were written in, and its place in a series: {@code series} when it is a series itself,
 * {@code seriesId} and {@code recurrenceId} when it is one occurrence.
 */
public record AppointmentView(long appointmentId, AppointmentType type, String title, String description,
                              String location, Instant start, Instant end, long ownerId, String ownerName,
                              int sequence, boolean cancelled, String timeZone, SeriesFacts series, Long seriesId,
                              Instant recurrenceId) {

    /** A single appointment written in UTC. */
    public AppointmentView(long appointmentId, AppointmentType type, String title, String description,
                           String location, Instant start, Instant end, long ownerId, String ownerName, int sequence,
                           boolean cancelled) {
        this(appointmentId, type, title, description, location, start, end, ownerId, ownerName, sequence, cancelled,
                org.invitations.shared.TimeZones.UTC, null, null, null);
    }

    /**
     * A series as its invitees and its owner see it: its id, rule and zone, the first occurrence's start,
     * the next one not cancelled that has not started yet (null when none is left), and how many are not
     * cancelled.
     */
    public record SeriesFacts(long seriesId, String rrule, String timeZone, Instant firstStart, Instant nextStart,
                              int occurrences) {

        /** Read from the series' occurrences (loaded with it), as of {@code now}. */
        static SeriesFacts of(Appointment series, Instant now) {
            Instant next = null;
            int left = 0;
            for (Appointment occurrence : series.getOccurrences()) {
                if (!occurrence.isCancelled()) {
                    left++;
                    if (next == null && !occurrence.getStartsAt().isBefore(now)) {
                        next = occurrence.getStartsAt();
                    }
                }
            }
            return new SeriesFacts(series.getId(), series.getRecurrenceRule(), series.getTimeZoneId(),
                    series.getStartsAt(), next, left);
        }
    }

    /** The owner's view: the appointment's own text. */
    public static AppointmentView of(Appointment appointment) {
        return new AppointmentView(appointment.getId(), appointment.getType(), appointment.getTitle(),
                appointment.getDescription(), appointment.getLocation(), appointment.getStartsAt(),
                appointment.getEndsAt(), appointment.getOwner().getId(), appointment.getOwner().getFullName(),
                appointment.getSequence(), appointment.isCancelled(), appointment.getTimeZoneId(),
                seriesOf(appointment), appointment.getSeriesId(), appointment.getRecurrenceId());
    }

    /** A participant's view: the text of its own record, which follows the owner's only when asked to. */
    public static AppointmentView of(ParticipantRecord record) {
        Appointment appointment = record.getAppointment();
        return new AppointmentView(appointment.getId(), appointment.getType(), record.getTitle(),
                record.getDescription(), record.getLocation(), record.getStartsAt(), record.getEndsAt(),
                appointment.getOwner().getId(), appointment.getOwner().getFullName(), appointment.getSequence(),
                appointment.isCancelled(), appointment.getTimeZoneId(), seriesOf(appointment),
                appointment.getSeriesId(), appointment.getRecurrenceId());
    }

    /**
     * A series' facts, its occurrences read in the caller's session; "next" is as of the moment of reading
     * (the lists read the same facts for a whole page with one grouped query instead).
     */
    private static SeriesFacts seriesOf(Appointment appointment) {
        return appointment.isSeries() ? SeriesFacts.of(appointment, Instant.now()) : null;
    }
}
