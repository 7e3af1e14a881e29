package org.invitations.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The text of an appointment: the owner's on the appointment, and each participant's copy on its
 * record, which follows the owner's only when the owner asks ("update all records generated from this").
 */
@Embeddable
public record RecordText(
        @Column(name = "title", nullable = false, length = 200) String title,
        @Column(name = "description", length = 4000) String description,
        @Column(name = "location", length = 255) String location) {

    /** The text after an update: a field left null stays, an empty description or location clears it. */
    public RecordText changedBy(String newTitle, String newDescription, String newLocation) {
        return new RecordText(newTitle == null ? title : newTitle,
                newDescription == null ? description : emptyToNull(newDescription),
                newLocation == null ? location : emptyToNull(newLocation));
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
