package org.invitations.invitation;

import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;
import org.invitations.directory.Resource;
import org.invitations.directory.ResourcePolicy;
import org.invitations.shared.BookingRefused;

/**
 * The booking rules of the resources a meeting books ({@link ResourcePolicy}): a resource that refuses
 * conflicts refuses a slot that overlaps another booking of it (its record in a diary: a series' own records
 * never count, cancelled ones neither); any resource refuses a meeting with more people than its capacity,
 * longer than its maximum, or starting beyond its booking window. A refusal is {@link BookingRefused}, thrown
 * before anything is written, so the transaction writes nothing.
 *
 * <p>Exactly one of two owners booking a refusing room at the same moment wins: {@link #lock} takes the
 * row lock of every refusing resource (SELECT ... FOR UPDATE, in ascending id order) before the overlap is
 * read, and the booking is written in the same transaction, so the second owner's check waits for the first
 * one's commit and then sees its booking; on two nodes the lock is the database's, so it holds there too.
 * The lock order of every change is: the appointment (or the series) first, then its resources by id.
 * A resource that allows conflicts is not locked: its overlaps are flagged, as before.
 */
final class ResourceRules {

    private static final ResourceRules NONE = new ResourceRules(Map.of());

    /** Every resource with a rule, by id, in ascending order; the refusing ones locked. */
    private final Map<Long, Resource> limited;

    private ResourceRules(Map<Long, Resource> limited) {
        this.limited = limited;
    }

    /**
     * The rules of these resources, the refusing ones locked until the transaction ends (their rules read
     * again under the lock). A task takes no slot: it is never refused.
     */
    static ResourceRules lock(Session session, AppointmentType type, Collection<Resource> resources) {
        if (type == AppointmentType.TASK || resources.isEmpty()) {
            return NONE;
        }
        Map<Long, Resource> byId = new java.util.TreeMap<>();
        resources.forEach(r -> byId.put(r.getId(), r));
        Map<Long, Resource> limited = new LinkedHashMap<>();
        for (Resource resource : byId.values()) {
            if (resource.refusesConflicts()) {
                session.refresh(resource, LockModeType.PESSIMISTIC_WRITE);
            }
            if (resource.getPolicy().limitsAnything()) {
                limited.put(resource.getId(), resource);
            }
        }
        return limited.isEmpty() ? NONE : new ResourceRules(limited);
    }

    /** As {@link #lock(Session, AppointmentType, Collection)}, for resources named by id. */
    static ResourceRules lockIds(Session session, AppointmentType type, Collection<Long> resourceIds) {
        if (type == AppointmentType.TASK || resourceIds.isEmpty()) {
            return NONE;
        }
        List<Resource> resources = new java.util.ArrayList<>();
        for (Long id : new TreeSet<>(resourceIds)) {
            Resource resource = session.find(Resource.class, id);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return lock(session, type, resources);
    }

    boolean isEmpty() {
        return limited.isEmpty();
    }

    /** The refusing resources among those, whose bookings a check has to read. */
    Set<Long> refusing() {
        Set<Long> ids = new TreeSet<>();
        limited.values().stream().filter(Resource::refusesConflicts).forEach(r -> ids.add(r.getId()));
        return ids;
    }

    /** The bookings of the refusing resources over a span (empty when none refuses). */
    Conflicts.Timeline bookings(Session session, Instant from, Instant to) {
        Set<Long> refusing = refusing();
        return refusing.isEmpty() ? new Conflicts.Timeline(Map.of(), Map.of())
                : Conflicts.timeline(session, Set.of(), refusing, from, to);
    }

    /** Capacity: the meeting's people (associates and persons taking part, the owner's own record included). */
    void requireRoomFor(long resourceId, int people, String field) {
        Resource resource = limited.get(resourceId);
        if (resource == null || resource.getPolicy().capacity() == null) {
            return;
        }
        int capacity = resource.getPolicy().capacity();
        if (people > capacity) {
            throw new BookingRefused(name(resource) + " holds " + capacity + " people and the meeting has " + people
                    + " (associates and persons taking part, the owner included when includeMyself); invite fewer"
                    + " or book a larger resource", field, resourceId);
        }
    }

    /**
     * Capacity after an update: each resource taking part in the appointment holds the people it now has.
     * The field is the added resource's place in the list, or the list itself when only people were added.
     */
    void requireRoomFor(Appointment appointment, List<NewMeeting.ParticipantRef> added, String list) {
        if (limited.isEmpty()) {
            return;
        }
        int people = appointment.people();
        for (long resourceId : new TreeSet<>(appointment.takingPart(ParticipantKind.RESOURCE))) {
            int at = added.indexOf(new NewMeeting.ParticipantRef(ParticipantKind.RESOURCE, resourceId));
            requireRoomFor(resourceId, people, at < 0 ? list : Participants.place(list, at));
        }
    }

    /**
     * A single meeting or one occurrence moving to [start, end): its resources locked, then the new slot
     * checked for each (field start). Capacity is not checked again: the people stay the same.
     */
    static void forMove(Session session, Appointment appointment, Instant start, Instant end, Instant now) {
        Set<Long> resources = appointment.takingPart(ParticipantKind.RESOURCE);
        ResourceRules rules = lockIds(session, appointment.getType(), resources);
        if (rules.isEmpty()) {
            return;
        }
        Conflicts.Timeline held = rules.bookings(session, start, end);
        for (long resourceId : new TreeSet<>(resources)) {
            rules.requireSlot(resourceId, start, end, now, held, Set.of(appointment.getId()), "start", null);
        }
    }

    /**
     * The slot [start, end) of one booking of the resource: not longer than its maximum, not beyond its
     * booking window from {@code now}, and, when it refuses conflicts, overlapping no other booking in
     * {@code bookings} but those of the appointments in {@code except} (the meeting itself, a series' own
     * occurrences). {@code occurrence} names the occurrence of a series, or is null.
     */
    void requireSlot(long resourceId, Instant start, Instant end, Instant now, Conflicts.Timeline bookings,
                     Set<Long> except, String field, Instant occurrence) {
        Resource resource = limited.get(resourceId);
        if (resource == null) {
            return;
        }
        ResourcePolicy policy = resource.getPolicy();
        String which = occurrence == null ? "the meeting" : "the occurrence of " + occurrence;
        if (policy.maxDurationMinutes() != null
                && Duration.between(start, end).compareTo(Duration.ofMinutes(policy.maxDurationMinutes())) > 0) {
            throw new BookingRefused(name(resource) + " is booked for at most " + policy.maxDurationMinutes()
                    + " minutes and " + which + " lasts " + Duration.between(start, end).toMinutes()
                    + "; shorten it (end) or book it as several meetings", field, resourceId);
        }
        if (policy.bookingWindowDays() != null) {
            Instant latest = now.plus(Duration.ofDays(policy.bookingWindowDays()));
            if (start.isAfter(latest)) {
                throw new BookingRefused(name(resource) + " is booked at most " + policy.bookingWindowDays()
                        + " days ahead (now: starting by " + latest + " UTC) and " + which + " starts " + start
                        + " UTC; book it closer to the date" + (occurrence == null ? "" : ", or end the series earlier"),
                        field, resourceId);
            }
        }
        if (resource.refusesConflicts()) {
            Conflicts.Booking holder = bookings.holder(resourceId, start, end, except);
            if (holder != null) {
                throw new BookingRefused(name(resource) + " refuses overlapping bookings and is already booked from "
                        + holder.start() + " to " + holder.end() + " UTC, which " + which + " (" + start + " to " + end
                        + " UTC) overlaps; choose another time or another resource", field, resourceId,
                        holder.start(), holder.end());
            }
        }
    }

    private static String name(Resource resource) {
        return resource.getName() + " (resource " + resource.getId() + ")";
    }
}
