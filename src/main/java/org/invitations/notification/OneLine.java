package org.invitations.notification;

/**
 * Text that goes into a header, a subject, a calendar parameter or an SMS: line breaks, tabs and other
 * control characters become single spaces, so a title cannot start a header of its own.
 */
final class OneLine {

    private OneLine() {
    }

    static String of(String text) {
        return text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
