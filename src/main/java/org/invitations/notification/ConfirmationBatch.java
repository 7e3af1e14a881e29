package org.invitations.notification;

import java.util.List;

/**
 * The confirmations of one meeting change: one message per party with a usable address, and the
 * parties left out because they have none (or one that is not an address), for the caller to report.
 */
public record ConfirmationBatch(List<Confirmation> messages, List<Party> skipped) {

    public ConfirmationBatch {
        messages = List.copyOf(messages);
        skipped = List.copyOf(skipped);
    }

    /** The names of those who get no e-mail. */
    public List<String> skippedNames() {
        return skipped.stream().map(Party::name).toList();
    }
}
