package org.invitations.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A room or a piece of equipment: booked, never asked. */
class ResourceTest {

    @Test
    void aResourceHasANameAndAnOptionalDescription() {
        Resource room = new Resource("Meeting room", "Twelve seats");
        Resource projector = new Resource("Projector", null);

        assertEquals("Meeting room", room.getName());
        assertEquals("Twelve seats", room.getDescription());
        assertNull(projector.getDescription());
        assertNull(room.getId());
    }
}
