package org.invitations.invitation;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.invitations.directory.Associate;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Role;

/**
 * Appointments built as the services build them, without a database, for the unit tests of other
 * packages: the aggregate's constructors and changes are this package's own.
 */
public final class AppointmentFixtures {

    public static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    public static final Instant DUE = Instant.parse("2030-01-10T16:00:00Z");

    private static final AtomicLong IDS = new AtomicLong(100);

    private AppointmentFixtures() {
    }

    public static Associate alice() {
        return withId(new Associate("alice", "Alice Andersen", null, "hash", Role.USER), 1L);
    }

    /** An associate as if stored, with this id. */
    public static Associate colleague(long id) {
        return withId(new Associate("colleague" + id, "Colleague " + id, null, "hash", Role.USER), id);
    }

    /** Alice's task "Report", due {@link #DUE}, not yet given to anyone; stored, with an id of its own. */
    public static Appointment task() {
        return withId(new Appointment(alice(), AppointmentType.TASK, new RecordText("Report", null, null), DUE,
                DUE, NOW), IDS.incrementAndGet());
    }

    /** The task given to an associate: asked (5), not yet answered. */
    public static ParticipantRecord give(Appointment task, Associate colleague) {
        return task.addParticipant(new ParticipantRef(ParticipantKind.ASSOCIATE, colleague.getId()),
                new Participants(Map.of(colleague.getId(), colleague), Map.of(), Map.of()), true, false, NOW, "p");
    }

    public static void accept(ParticipantRecord record) {
        record.getAppointment().accept(record, NOW);
    }

    public static void decline(ParticipantRecord record) {
        record.getAppointment().decline(record, null, NOW);
    }

    public static void report(ParticipantRecord record, int percent) {
        record.getAppointment().reportProgress(record, percent, null, null, NOW);
    }

    public static void remove(ParticipantRecord record) {
        record.getAppointment().removeParticipant(new ParticipantRef(ParticipantKind.ASSOCIATE,
                record.getParticipantId()), NOW, "p");
    }

    public static void cancel(Appointment appointment) {
        appointment.cancel(NOW);
    }

    /** An entity as if stored: its generated id set. */
    public static <T> T withId(T entity, long id) {
        try {
            Field field = entity.getClass().getDeclaredField("id");
            field.setAccessible(true);
            field.set(entity, id);
            return entity;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
