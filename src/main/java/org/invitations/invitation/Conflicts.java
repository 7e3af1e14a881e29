package org.invitations.invitation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;
import org.invitations.shared.IndexHint;

/**
 * Who is already busy: an associate or resource with a booked (or tentative) record of another
 * meeting that overlaps [start, end), as its diary shows it (listed in DIARY: a series' own records never
 * count, its accepted occurrences do). Tasks take no time slot and never count. A warning for the owner, never a refusal.
 */
final class Conflicts {

    private final Set<Long> busyAssociates;
    private final Set<Long> busyResources;

    Conflicts(Set<Long> busyAssociates, Set<Long> busyResources) {
        this.busyAssociates = busyAssociates;
        this.busyResources = busyResources;
    }

    /** A task has a due date, not a slot: it never clashes with anything. */
    static Conflicts none() {
        return new Conflicts(Set.of(), Set.of());
    }

    /** One query per kind, whatever the number of participants. */
    static Conflicts check(Session session, Collection<Long> associateIds, Collection<Long> resourceIds,
                           Instant start, Instant end, Long exceptAppointment) {
        return new Conflicts(busy(session, "associate", associateIds, start, end, exceptAppointment),
                busy(session, "resource", resourceIds, start, end, exceptAppointment));
    }

    /** Participants about to join an appointment, in its slot. */
    static Conflicts check(Session session, Appointment appointment, Participants joining) {
        if (appointment.getType() == AppointmentType.TASK) {
            return none();
        }
        return check(session, joining.associates.keySet(), joining.resources.keySet(), appointment.getStartsAt(),
                appointment.getEndsAt(), appointment.getId());
    }

    /** For the records of one appointment: each active associate and resource checked against the others. */
    static Conflicts of(Session session, Appointment appointment) {
        if (appointment.getType() == AppointmentType.TASK) {
            return none();
        }
        return check(session, appointment.takingPart(ParticipantKind.ASSOCIATE),
                appointment.takingPart(ParticipantKind.RESOURCE), appointment.getStartsAt(), appointment.getEndsAt(),
                appointment.getId());
    }

    boolean isBusy(ParticipantKind kind, long id) {
        return switch (kind) {
            case ASSOCIATE -> busyAssociates.contains(id);
            case RESOURCE -> busyResources.contains(id);
            case PERSON -> false;
        };
    }

    boolean isBusy(ParticipantRecord record) {
        return !record.isMaster() && record.getStatus() != Status.CANCELLED
                && isBusy(record.getKind(), record.getParticipantId());
    }

    private static Set<Long> busy(Session session, String role, Collection<Long> ids, Instant start, Instant end,
                                  Long exceptAppointment) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        // An overlapping booking starts after start - MAX_LENGTH: that bound turns the check into an
        // index range scan on (participant, start), for an associate (associate, list, start) of the diary.
        // Each clash is a row, made distinct here: a DISTINCT made Derby set up a sort on every create. Tasks are zero-length (start = end = due) and never overlap.
        return new HashSet<>(IndexHint.index(session, session.createSelectionQuery(
                        "select r." + role + ".id from ParticipantRecord r where r." + role + ".id in :ids"
                                + " and r.startsAt < :end and r.startsAt > :earliest and r.endsAt > :start"
                                + " and r.endsAt > r.startsAt and r.listedIn = :diary and r.appointment.id <> :except",
                        Long.class), "participant_record", role.equals("associate") ? "IX_RECORD_LIST" : "IX_RECORD_RESOURCE")
                .setParameterList("ids", ids)
                .setParameter("diary", RecordList.DIARY)
                .setParameter("start", start)
                .setParameter("end", end)
                .setParameter("earliest", start.minus(Appointment.MAX_LENGTH))
                .setParameter("except", exceptAppointment == null ? 0L : exceptAppointment)
                .getResultList());
    }

    /**
     * The bookings of these associates and resources in a whole span, read once (one index range per
     * participant and kind), so that each occurrence of a new series is checked in memory.
     */
    static Timeline timeline(Session session, Collection<Long> associateIds, Collection<Long> resourceIds,
                             Instant start, Instant end) {
        return new Timeline(slots(session, "associate", associateIds, start, end),
                slots(session, "resource", resourceIds, start, end));
    }

    private static java.util.Map<Long, java.util.List<Booking>> slots(Session session, String role,
                                                                     Collection<Long> ids, Instant start, Instant end) {
        java.util.Map<Long, java.util.List<Booking>> byParticipant = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return byParticipant;
        }
        IndexHint.index(session, session.createSelectionQuery(
                        "select r." + role + ".id, r.startsAt, r.endsAt, r.appointment.id from ParticipantRecord r"
                                + " where r." + role + ".id in :ids and r.startsAt < :end and r.startsAt > :earliest"
                                + " and r.endsAt > :start and r.endsAt > r.startsAt and r.listedIn = :diary",
                        Object[].class),
                        "participant_record", role.equals("associate") ? "IX_RECORD_LIST" : "IX_RECORD_RESOURCE")
                .setParameterList("ids", ids)
                .setParameter("diary", RecordList.DIARY)
                .setParameter("start", start)
                .setParameter("end", end)
                .setParameter("earliest", start.minus(Appointment.MAX_LENGTH))
                .getResultList()
                .forEach(row -> byParticipant.computeIfAbsent((Long) row[0], id -> new java.util.ArrayList<>())
                        .add(new Booking((Long) row[3], (Instant) row[1], (Instant) row[2])));
        return byParticipant;
    }

    /** One booking in a {@link Timeline}: the appointment booked and its slot. */
    record Booking(long appointmentId, Instant start, Instant end) {
    }

    /** Existing bookings per participant over a span; {@link #at} answers for one slot within it. */
    static final class Timeline {

        private final java.util.Map<Long, java.util.List<Booking>> associates;
        private final java.util.Map<Long, java.util.List<Booking>> resources;

        Timeline(java.util.Map<Long, java.util.List<Booking>> associates,
                 java.util.Map<Long, java.util.List<Booking>> resources) {
            this.associates = associates;
            this.resources = resources;
        }

        /** Who is busy in [start, end). */
        Conflicts at(Instant start, Instant end) {
            return at(start, end, Set.of());
        }

        /**
         * Who is busy in [start, end) with anything but these appointments (a series moving its own
         * occurrences never clashes with where they were).
         */
        Conflicts at(Instant start, Instant end, Set<Long> except) {
            if (!end.isAfter(start)) {
                return none();
            }
            return new Conflicts(busy(associates, start, end, except), busy(resources, start, end, except));
        }

        /**
         * The first booking of the resource (by start) that overlaps [start, end), other than those of the
         * appointments in {@code except}; null when it is free then.
         */
        Booking holder(long resourceId, Instant start, Instant end, Set<Long> except) {
            Booking first = null;
            for (Booking booking : resources.getOrDefault(resourceId, java.util.List.of())) {
                if (booking.start().isBefore(end) && booking.end().isAfter(start)
                        && !except.contains(booking.appointmentId())
                        && (first == null || booking.start().isBefore(first.start()))) {
                    first = booking;
                }
            }
            return first;
        }

        private static Set<Long> busy(java.util.Map<Long, java.util.List<Booking>> slots, Instant start, Instant end,
                                      Set<Long> except) {
            Set<Long> busy = new HashSet<>();
            slots.forEach((id, bookings) -> {
                for (Booking booking : bookings) {
                    if (booking.start().isBefore(end) && booking.end().isAfter(start)
                            && !except.contains(booking.appointmentId())) {
                        busy.add(id);
                        return;
                    }
                }
            });
            return busy;
        }
    }
}
