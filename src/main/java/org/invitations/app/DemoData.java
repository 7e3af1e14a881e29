package org.invitations.app;

import java.util.List;
import org.invitations.directory.DirectoryService;
import org.invitations.directory.DirectoryService.NewPerson;
import org.invitations.security.Role;

/**
 * A small directory with known passwords, so that the README's examples and the SoapUI project work
 * at once. Seeded by {@code --demo} on a database that does not have it yet. Not for production.
 */
public final class DemoData {

    public static final String ADMIN_PASSWORD = "admin-demo";
    public static final String ALICE_PASSWORD = "alice-demo";
    public static final String BOB_PASSWORD = "bob-demo";
    public static final String CAROL_PASSWORD = "carol-demo";

    private DemoData() {
    }

    static void seed(DirectoryService directory) {
        if (directory.hasAssociate("alice")) {
            return;
        }
        try {
            directory.addAssociate(null, "alice", "Alice Andersen", "alice@example.com", ALICE_PASSWORD, Role.USER);
        } catch (org.invitations.shared.InvalidRequest taken) {
            return; // another node, starting at the same time, is seeding it
        }
        directory.addAssociate(null, "bob", "Bob Berg", "bob@example.com", BOB_PASSWORD, Role.USER);
        directory.addAssociate(null, "carol", "Carol Carlsen", null, CAROL_PASSWORD, Role.USER);
        directory.createContact(null, "Fjordline Shipping AS", List.of(
                new NewPerson("Ola Nordmann", "ola@fjordline.example", "+47 912 34 567"),
                new NewPerson("Kari Nordmann", null, "+47 987 65 432")));
        directory.createResource(null, "Room Oslo", "Meeting room, 8 seats, projector");
    }
}
