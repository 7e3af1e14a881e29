package org.invitations.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.invitations.invitation.Recurrence;
import org.invitations.invitation.Recurrences;
import org.invitations.invitation.SeriesRule;
import org.invitations.security.PasswordHasher;

/**
 * Writes a benchmark data set straight into the database with JDBC batches, not through SOAP: a
 * directory and appointments whose records are pending invitations. Ids are taken from a range far
 * above what the service's own sequences hand out, so the two never meet.
 */
final class Seeder {

    static final long BASE = 10_000_000L;
    static final String PASSWORD = "bench-password";
    static final int INVITEES_PER_APPOINTMENT = 10;

    private final DataSource dataSource;
    private final SplittableRandom random = new SplittableRandom(42);
    private long nextAppointment = BASE;
    private long nextRecord = BASE;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Seeder(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        nextAppointment = Math.max(BASE, maxId("appointment") + 1);
        nextRecord = Math.max(BASE, maxId("participant_record") + 1);
    }

    private long maxId(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select max(id) from " + table)) {
            rs.next();
            long max = rs.getLong(1);
            c.commit();
            return max;
        }
    }

    /** Associates bench0..bench{n-1}, all with the same password (hashed once, cheaply). */
    List<Long> associates(int count) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("bench" + i);
        }
        return associates(names, BASE);
    }

    /** Associates with these usernames and the same password, ids after every associate there is. */
    List<Long> associates(List<String> usernames) throws SQLException {
        return associates(usernames, Math.max(BASE, maxId("associate") + 1));
    }

    private List<Long> associates(List<String> usernames, long firstId) throws SQLException {
        String hash = new PasswordHasher(1_000).hash(PASSWORD);
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into associate (id, username, full_name, email,"
                     + " password_hash, role) values (?, ?, ?, ?, ?, 'USER')")) {
            for (int i = 0; i < usernames.size(); i++) {
                long id = firstId + i;
                String username = usernames.get(i);
                ps.setLong(1, id);
                ps.setString(2, username);
                ps.setString(3, "Bench Associate " + username);
                ps.setString(4, username + "@example.com");
                ps.setString(5, hash);
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
            c.commit();
        }
        return ids;
    }

    /** A customer company and its persons, as the growth run's busy contact. */
    record Customer(long id, List<Long> persons) {
    }

    /** One contact with {@code persons} persons, ids after every contact and person there is. */
    Customer customer(String name, int persons) throws SQLException {
        long contactId = Math.max(BASE, maxId("contact") + 1);
        long personId = Math.max(BASE, maxId("person") + 1);
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement contact = c.prepareStatement("insert into contact (id, name) values (?, ?)");
             PreparedStatement person = c.prepareStatement("insert into person (id, contact_id, full_name)"
                     + " values (?, ?, ?)")) {
            contact.setLong(1, contactId);
            contact.setString(2, name);
            contact.executeUpdate();
            for (int p = 0; p < persons; p++) {
                person.setLong(1, personId + p);
                person.setLong(2, contactId);
                person.setString(3, name + " person " + p);
                person.addBatch();
                ids.add(personId + p);
            }
            person.executeBatch();
            c.commit();
        }
        return new Customer(contactId, ids);
    }

    void contactsAndResources(int contacts, int personsPerContact, int resources) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement contact = c.prepareStatement("insert into contact (id, name) values (?, ?)");
             PreparedStatement person = c.prepareStatement("insert into person (id, contact_id, full_name, email,"
                     + " mobile) values (?, ?, ?, ?, ?)");
             PreparedStatement resource = c.prepareStatement("insert into booking_resource (id, name, description)"
                     + " values (?, ?, ?)")) {
            long personId = BASE;
            for (int i = 0; i < contacts; i++) {
                contact.setLong(1, BASE + i);
                contact.setString(2, "Bench Customer " + i);
                contact.addBatch();
                for (int p = 0; p < personsPerContact; p++) {
                    person.setLong(1, personId++);
                    person.setLong(2, BASE + i);
                    person.setString(3, "Person " + i + "-" + p);
                    person.setString(4, p % 2 == 0 ? "p" + i + "-" + p + "@customer.example" : null);
                    person.setString(5, p % 3 == 0 ? "+47 900 00 " + p : null);
                    person.addBatch();
                }
            }
            contact.executeBatch();
            person.executeBatch();
            for (int i = 0; i < resources; i++) {
                resource.setLong(1, BASE + i);
                resource.setString(2, "Room " + i);
                resource.setString(3, "Bench room");
                resource.addBatch();
            }
            resource.executeBatch();
            c.commit();
        }
    }

    /**
     * Meetings from a random owner to {@value #INVITEES_PER_APPOINTMENT} invitees each, until every
     * associate in {@code invitees} has {@code perInvitee} pending invitations; returns the pending
     * record ids per invitee index.
     */
    List<List<Long>> invitationsFor(List<Long> owners, List<Long> invitees, int perInvitee) throws SQLException {
        List<List<Long>> pending = new ArrayList<>();
        invitees.forEach(i -> pending.add(new ArrayList<>()));
        int total = invitees.size() * perInvitee;
        try (Batch batch = new Batch()) {
            int slot = 0;
            int perAppointment = Math.min(INVITEES_PER_APPOINTMENT, invitees.size());
            for (int written = 0; written < total; written += perAppointment) {
                java.util.Set<Long> chosen = new java.util.HashSet<>();
                for (int k = 0; k < perAppointment && written + k < total; k++) {
                    chosen.add(invitees.get((written + k) % invitees.size()));
                }
                long owner;
                do {
                    owner = owners.get(random.nextInt(owners.size()));
                } while (chosen.contains(owner));
                Instant start = now.plus(1 + slot++ % 3000, ChronoUnit.HOURS);
                long appointment = batch.appointment(owner, start);
                for (int k = 0; k < perAppointment && written + k < total; k++) {
                    int index = (written + k) % invitees.size();
                    pending.get(index).add(batch.record(appointment, invitees.get(index), start, 5, false));
                }
                batch.record(appointment, owner, start, 1, true);
            }
        }
        return pending;
    }

    /** A seeded series: its appointment id (the seriesId) and its occurrences' slots. */
    record SeededSeries(long id, List<SeriesRule.Slot> occurrences) {
    }

    /**
     * Series as CreateInvitation with a {@code recurrence} writes them (see invitation/Series and
     * RecordList), one per start: the series appointment (the rule as {@link Recurrences} normalises it,
     * the first occurrence's slot) with the owner's record (1, listed SERIES) and one per invitee, then
     * every occurrence (series_id, recurrence_id = its start) with the owner's record (1, DIARY) and one
     * per invitee, following the series. Every invitee is pending (5: the series record WAITING, the
     * occurrence records SERIES, all new), but {@code accepted}, whose records are as an accept of the
     * whole series leaves them: 1, not new, answered; the series record SERIES, the occurrence records
     * DIARY, still following the series. The owner of each is one of {@code owners} at random, and
     * {@code guests(owner)} the other invitees.
     */
    List<SeededSeries> series(List<Instant> starts, Duration length, ZoneId zone, Recurrence recurrence,
                              List<Long> owners, long pending, long accepted,
                              java.util.function.LongFunction<List<Long>> guests) throws SQLException {
        List<SeededSeries> written = new ArrayList<>();
        try (Batch batch = new Batch()) {
            for (Instant start : starts) {
                long owner = owners.get(random.nextInt(owners.size()));
                List<Long> invitees = new ArrayList<>(List.of(pending, accepted));
                invitees.addAll(guests.apply(owner));
                SeriesRule rule = Recurrences.expand(recurrence, zone, start, start.plus(length), invitees.size() + 1);
                String zoneId = zone.getId();
                long series = batch.appointment(owner, rule.firstStart(), rule.occurrences().get(0).end(), zoneId,
                        rule.rrule(), null, null);
                seriesRecords(batch, series, series, owner, invitees, accepted, rule.occurrences().get(0), false);
                for (SeriesRule.Slot slot : rule.occurrences()) {
                    long occurrence = batch.appointment(owner, slot.start(), slot.end(), zoneId, null, series,
                            slot.start());
                    seriesRecords(batch, occurrence, series, owner, invitees, accepted, slot, true);
                }
                written.add(new SeededSeries(series, rule.occurrences()));
            }
        }
        return written;
    }

    /** The records of a series appointment ({@code occurrence} false) or of one of its occurrences. */
    private void seriesRecords(Batch batch, long appointment, long series, long owner, List<Long> invitees,
                               long accepted, SeriesRule.Slot slot, boolean occurrence) throws SQLException {
        batch.record(appointment, series, owner, slot.start(), slot.end(), 1, true, false, occurrence,
                seriesListedIn(1, occurrence), null);
        for (long invitee : invitees) {
            int status = invitee == accepted ? 1 : 5;
            batch.record(appointment, series, invitee, slot.start(), slot.end(), status, false, status == 5,
                    occurrence, seriesListedIn(status, occurrence), status == 5 ? null : now);
        }
    }

    /**
     * The list of a meeting series' record as RecordList derives it: a series' own record pending is the
     * one invitations item (WAITING), else SERIES; an occurrence's record that follows the series is SERIES
     * while pending, DIARY when booked, as a single meeting's otherwise.
     */
    private static String seriesListedIn(int status, boolean occurrenceFollowingSeries) {
        boolean pending = status >= 5 && status <= 8;
        if (!occurrenceFollowingSeries) {
            return pending ? "WAITING" : "SERIES";
        }
        return pending ? "SERIES" : Batch.listedIn(status);
    }

    /** Filler: {@code records} more participant records of other associates, to grow the table. */
    void filler(List<Long> associates, long records) throws SQLException {
        try (Batch batch = new Batch()) {
            long written = 0;
            int slot = 0;
            int n = associates.size();
            while (written < records) {
                int first = random.nextInt(n);
                long owner = associates.get(first);
                Instant start = now.plus(1 + slot++ % 20_000, ChronoUnit.HOURS);
                long appointment = batch.appointment(owner, start);
                batch.record(appointment, owner, start, 1, true);
                written++;
                for (int k = 1; k < Math.min(INVITEES_PER_APPOINTMENT, n) && written < records; k++, written++) {
                    int status = switch (random.nextInt(4)) {
                        case 0 -> 1;
                        case 1 -> 9;
                        default -> 5;
                    };
                    batch.record(appointment, associates.get((first + k) % n), start, status, false);
                }
            }
        }
    }

    /** A room, id after every resource there is. */
    long room(String name) throws SQLException {
        long id = Math.max(BASE, maxId("booking_resource") + 1);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into booking_resource (id, name, description)"
                     + " values (?, ?, 'bench room')")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.executeUpdate();
            c.commit();
        }
        return id;
    }

    /**
     * Busy time for free/busy: each associate owns {@code perAssociate} one-hour meetings (its master
     * record, booked, in its diary), {@code inWindow} of them spread over [from, from + 42 days) at the same
     * times whatever {@code perAssociate} is, the rest one every 6 hours in the years before (history the
     * window never reads). The room is booked with every tenth in-window meeting of each associate.
     */
    void busyTime(List<Long> associates, Long room, Instant from, int perAssociate, int inWindow) throws SQLException {
        try (Batch batch = new Batch()) {
            for (int a = 0; a < associates.size(); a++) {
                long associate = associates.get(a);
                int window = Math.min(inWindow, perAssociate);
                long step = java.time.Duration.ofDays(42).toMinutes() / Math.max(1, window);
                for (int i = 0; i < window; i++) {
                    Instant start = from.plus(i * step + (a % 4) * 60L, ChronoUnit.MINUTES)
                            .truncatedTo(ChronoUnit.MINUTES);
                    long appointment = batch.appointment(associate, start);
                    batch.record(appointment, associate, start, 1, true);
                    if (room != null && i % 10 == a % 10) {
                        batch.resourceRecord(appointment, room, start, start.plus(1, ChronoUnit.HOURS));
                    }
                }
                Instant history = from.minus(40, ChronoUnit.DAYS);
                for (int i = window; i < perAssociate; i++) {
                    Instant start = history.minus(6L * (i - window), ChronoUnit.HOURS);
                    long appointment = batch.appointment(associate, start);
                    batch.record(appointment, associate, start, 1, true);
                }
            }
        }
    }

    /** One connection and two batched inserts, committed every few thousand rows. */
    private final class Batch implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement appointments;
        private final PreparedStatement records;
        private PreparedStatement resourceRecords;
        private int pending;

        Batch() throws SQLException {
            connection = dataSource.getConnection();
            appointments = connection.prepareStatement("insert into appointment (id, owner_id, type, title,"
                    + " description, location, starts_at, ends_at, sequence_no, created_at, time_zone,"
                    + " recurrence_rule, series_id, recurrence_id) values"
                    + " (?, ?, 'MEETING', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)");
            records = connection.prepareStatement("insert into participant_record (id, appointment_id, kind, master,"
                    + " associate_id, status, invitation_sent, is_new, conflict, title, description, location,"
                    + " starts_at, ends_at, decline_acknowledged, percent_done, updated_at, version, listed_in,"
                    + " follows_series, answered_at) values"
                    + " (?, ?, 'ASSOCIATE', ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, false, 0, ?, ?, ?, ?, ?)");
        }

        long appointment(long owner, Instant start) throws SQLException {
            return appointment(owner, start, start.plus(1, ChronoUnit.HOURS), "UTC", null, null, null);
        }

        /**
         * An appointment row: a single one (no rule, no series), a series ({@code rule} set) or an
         * occurrence ({@code series} and its {@code recurrenceId} set). Its text is named after its own id,
         * an occurrence's after its series' id: a series and its occurrences share the owner's text.
         */
        long appointment(long owner, Instant start, Instant end, String zone, String rule, Long series,
                         Instant recurrenceId) throws SQLException {
            long id = nextAppointment++;
            long textOf = series == null ? id : series;
            appointments.setLong(1, id);
            appointments.setLong(2, owner);
            appointments.setString(3, "Bench meeting " + textOf);
            appointments.setString(4, "Agenda of meeting " + textOf);
            appointments.setString(5, "Room " + (textOf % 100));
            appointments.setTimestamp(6, Timestamp.from(start));
            appointments.setTimestamp(7, Timestamp.from(end));
            appointments.setTimestamp(8, Timestamp.from(now));
            appointments.setString(9, zone);
            if (rule == null) {
                appointments.setNull(10, Types.VARCHAR);
            } else {
                appointments.setString(10, rule);
            }
            if (series == null) {
                appointments.setNull(11, Types.BIGINT);
                appointments.setNull(12, Types.TIMESTAMP);
            } else {
                appointments.setLong(11, series);
                appointments.setTimestamp(12, Timestamp.from(recurrenceId));
            }
            appointments.addBatch();
            flushIfFull();
            return id;
        }

        long record(long appointment, long associate, Instant start, int status, boolean master) throws SQLException {
            return record(appointment, appointment, associate, start, start.plus(1, ChronoUnit.HOURS), status, master,
                    status == 5, false, listedIn(status), null);
        }

        /**
         * A record of an associate, every column as the service writes it; the text is {@code textOf}'s
         * (the series' for its occurrences). {@code answeredAt} is set on an answered invitation.
         */
        long record(long appointment, long textOf, long associate, Instant start, Instant end, int status,
                    boolean master, boolean fresh, boolean followsSeries, String listedIn, Instant answeredAt)
                throws SQLException {
            long id = nextRecord++;
            records.setLong(1, id);
            records.setLong(2, appointment);
            records.setBoolean(3, master);
            records.setLong(4, associate);
            records.setInt(5, status);
            records.setBoolean(6, !master);
            records.setBoolean(7, fresh);
            records.setString(8, "Bench meeting " + textOf);
            records.setString(9, "Agenda of meeting " + textOf);
            records.setString(10, "Room " + (textOf % 100));
            records.setTimestamp(11, Timestamp.from(start));
            records.setTimestamp(12, Timestamp.from(end));
            records.setTimestamp(13, Timestamp.from(answeredAt == null ? now : answeredAt));
            // an answered record was written once more, by the answer: its version is 1
            records.setInt(14, answeredAt == null ? 0 : 1);
            records.setString(15, listedIn);
            records.setBoolean(16, followsSeries);
            if (answeredAt == null) {
                records.setNull(17, Types.TIMESTAMP);
            } else {
                records.setTimestamp(17, Timestamp.from(answeredAt));
            }
            records.addBatch();
            flushIfFull();
            return id;
        }

        /**
         * The list a meeting's record shows in, as RecordList derives it in the service: the list
         * queries read (associate, listed_in, start), so a record without it would be in no list.
         */
        private static String listedIn(int status) {
            if (status >= 5 && status <= 8) {
                return "WAITING";
            }
            return status == 1 || status == 2 || status == 3 || status == 14 ? "DIARY" : "NONE";
        }

        private void flushIfFull() throws SQLException {
            if (++pending >= 5_000) {
                flush();
            }
        }

        /** A resource's booked record (1, in the diary), as the service writes it for a meeting. */
        long resourceRecord(long appointment, long resource, Instant start, Instant end) throws SQLException {
            if (resourceRecords == null) {
                resourceRecords = connection.prepareStatement("insert into participant_record (id, appointment_id,"
                        + " kind, master, resource_id, status, invitation_sent, is_new, conflict, title, description,"
                        + " location, starts_at, ends_at, decline_acknowledged, percent_done, updated_at, version,"
                        + " listed_in, follows_series) values (?, ?, 'RESOURCE', false, ?, 1, false, false, false,"
                        + " ?, ?, ?, ?, ?, false, 0, ?, 0, 'DIARY', false)");
            }
            long id = nextRecord++;
            resourceRecords.setLong(1, id);
            resourceRecords.setLong(2, appointment);
            resourceRecords.setLong(3, resource);
            resourceRecords.setString(4, "Bench meeting " + appointment);
            resourceRecords.setString(5, "Agenda of meeting " + appointment);
            resourceRecords.setString(6, "Room " + (appointment % 100));
            resourceRecords.setTimestamp(7, Timestamp.from(start));
            resourceRecords.setTimestamp(8, Timestamp.from(end));
            resourceRecords.setTimestamp(9, Timestamp.from(now));
            resourceRecords.addBatch();
            flushIfFull();
            return id;
        }

        private void flush() throws SQLException {
            appointments.executeBatch();
            records.executeBatch();
            if (resourceRecords != null) {
                resourceRecords.executeBatch();
            }
            connection.commit();
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            flush();
            appointments.close();
            records.close();
            if (resourceRecords != null) {
                resourceRecords.close();
            }
            connection.close();
        }
    }
}
