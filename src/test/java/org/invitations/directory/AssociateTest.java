package org.invitations.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invitations.security.Role;
import org.junit.jupiter.api.Test;

/** An associate as created: enabled, with the name, address, hash and role it was given. */
class AssociateTest {

    @Test
    void aNewAssociateIsEnabledWithWhatItWasGiven() {
        Associate alice = new Associate("alice", "Alice Andersen", "alice@example.com", "hash", Role.ADMIN);

        assertTrue(alice.isEnabled());
        assertNull(alice.getId(), "the database gives the id");
        assertEquals("alice", alice.getUsername());
        assertEquals("Alice Andersen", alice.getFullName());
        assertEquals("alice@example.com", alice.getEmail());
        assertEquals("hash", alice.getPasswordHash());
        assertEquals(Role.ADMIN, alice.getRole());
    }
}
