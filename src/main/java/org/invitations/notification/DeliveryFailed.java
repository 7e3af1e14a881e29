package org.invitations.notification;

import java.util.OptionalInt;

/**
 * An e-mail or SMS was not handed over. {@link #retryable()} says whether sending the same thing again
 * later may succeed (the relay or gateway was down, slow, or said "try later") or never will (it
 * refused the message, the address or our credentials), so a caller's retry queue can keep or drop it.
 *
 * <p>A retryable failure after the request went out (a timeout, a reset connection) may hide a message
 * that was delivered all the same: retrying then sends it twice, which is the safer side for a
 * confirmation.
 */
public final class DeliveryFailed extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final int code;

    private DeliveryFailed(String message, boolean retryable, int code, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.code = code;
    }

    static DeliveryFailed retryable(String message, int code, Throwable cause) {
        return new DeliveryFailed(message, true, code, cause);
    }

    static DeliveryFailed permanent(String message, int code, Throwable cause) {
        return new DeliveryFailed(message, false, code, cause);
    }

    /** Worth sending again later. */
    public boolean retryable() {
        return retryable;
    }

    /** The SMTP reply code or HTTP status that decided, when there was one. */
    public OptionalInt code() {
        return code > 0 ? OptionalInt.of(code) : OptionalInt.empty();
    }
}
