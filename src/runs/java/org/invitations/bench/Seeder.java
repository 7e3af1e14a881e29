package org.invitations.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
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

    /** One connection and two batched inserts, committed every few thousand rows. */
    private final class Batch implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement appointments;
        private final PreparedStatement records;
        private int pending;

        Batch() throws SQLException {
            connection = dataSource.getConnection();
            appointments = connection.prepareStatement("insert into appointment (id, owner_id, type, title,"
                    + " description, location, starts_at, ends_at, sequence_no, created_at) values"
                    + " (?, ?, 'MEETING', ?, ?, ?, ?, ?, 0, ?)");
            records = connection.prepareStatement("insert into participant_record (id, appointment_id, kind, master,"
                    + " associate_id, status, invitation_sent, is_new, conflict, title, description, location,"
                    + " starts_at, ends_at, decline_acknowledged, percent_done, updated_at, version, listed_in) values"
                    + " (?, ?, 'ASSOCIATE', ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, false, 0, ?, 0, ?)");
        }

        long appointment(long owner, Instant start) throws SQLException {
            long id = nextAppointment++;
            appointments.setLong(1, id);
            appointments.setLong(2, owner);
            appointments.setString(3, "Bench meeting " + id);
            appointments.setString(4, "Agenda of meeting " + id);
            appointments.setString(5, "Room " + (id % 100));
            appointments.setTimestamp(6, Timestamp.from(start));
            appointments.setTimestamp(7, Timestamp.from(start.plus(1, ChronoUnit.HOURS)));
            appointments.setTimestamp(8, Timestamp.from(now));
            appointments.addBatch();
            flushIfFull();
            return id;
        }

        long record(long appointment, long associate, Instant start, int status, boolean master) throws SQLException {
            long id = nextRecord++;
            records.setLong(1, id);
            records.setLong(2, appointment);
            records.setBoolean(3, master);
            records.setLong(4, associate);
            records.setInt(5, status);
            records.setBoolean(6, !master);
            records.setBoolean(7, status == 5);
            records.setString(8, "Bench meeting " + appointment);
            records.setString(9, "Agenda of meeting " + appointment);
            records.setString(10, "Room " + (appointment % 100));
            records.setTimestamp(11, Timestamp.from(start));
            records.setTimestamp(12, Timestamp.from(start.plus(1, ChronoUnit.HOURS)));
            records.setTimestamp(13, Timestamp.from(now));
            records.setString(14, listedIn(status));
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

        private void flush() throws SQLException {
            appointments.executeBatch();
            records.executeBatch();
            connection.commit();
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            flush();
            appointments.close();
            records.close();
            connection.close();
        }
    }
}
