package org.invitations.invitation;

import java.util.List;

/**
 * What a change wrote for the owner to see: how many confirmations and SMS, the persons skipped, and
 * whether anything was asked for at all ({@link #NONE} when not).
 */
public record SendReport(int confirmations, int sms, List<Skipped> skipped, boolean asked) {

    public static final SendReport NONE = new SendReport(0, 0, List.of(), false);

    /** A person without an e-mail address (EMAIL) or mobile number (SMS). */
    public record Skipped(long personId, String name, String channel) {
    }
}
