package org.invitations.invitation;

/** "Send meeting confirmation" and "send SMS", as the owner chose them for one change. */
public record SendOptions(boolean confirmation, boolean sms) {

    public static final SendOptions NONE = new SendOptions(false, false);

    public boolean any() {
        return confirmation || sms;
    }
}
