package org.invitations.notification;

import java.util.Objects;

/**
 * Someone an e-mail or a calendar entry names: the organizer, an attendee, a recipient or the sender.
 * The address is optional because persons and associates may have none; such a party still shows by
 * name, but is never a recipient and never an iCalendar ATTENDEE (which needs an address).
 *
 * @param name  the display name, e.g. "Åse Ødegård"
 * @param email the e-mail address, or null; a blank one counts as none
 */
public record Party(String name, String email) {

    public Party {
        Objects.requireNonNull(name, "name");
        name = OneLine.of(name);
        email = email == null || email.isBlank() ? null : email.strip();
    }

    /** Someone known by name only. */
    public static Party named(String name) {
        return new Party(name, null);
    }

    public boolean hasEmail() {
        return email != null;
    }
}
