package org.invitations.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void rightPasswordVerifies() {
        assertTrue(hasher.verify("correct horse", hasher.hash("correct horse")));
    }

    @Test
    void wrongPasswordDoesNot() {
        assertFalse(hasher.verify("correct horse!", hasher.hash("correct horse")));
    }

    @Test
    void samePasswordGetsDifferentSaltedHashes() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void storedHashCarriesItsOwnCostSoItCanBeRaisedLater() {
        String cheap = new PasswordHasher(1_000).hash("secret");

        assertTrue(cheap.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(new PasswordHasher(2_000).verify("secret", cheap));
    }

    @Test
    void hashNeverContainsThePassword() {
        assertFalse(hasher.hash("plain-text-password").contains("plain-text-password"));
    }
}
