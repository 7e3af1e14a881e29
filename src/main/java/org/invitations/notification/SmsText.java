package org.invitations.notification;

import java.time.ZoneId;

/**
 * The SMS about a meeting: "Meeting: Møte om årsbudsjett, Mon 3 Mar 2031 09:00-10:30 UTC, Room Oslo", or
 * "Cancelled: ..." without the location. At most {@value #MAX_LENGTH} characters, one SMS: when it would be
 * longer the location is shortened (or left out) first, then the title, each marked with "...".
 *
 * <p>The time is local time in the meeting's zone and names it: "Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)";
 * a meeting in UTC keeps "09:00-10:00 UTC" (see {@link MeetingTimes}). The text's own parts are plain ASCII,
 * and Norwegian letters (æ, ø, å) are in the GSM 7-bit alphabet, so such a text is one SMS; a character
 * outside that alphabet (an emoji, say) makes the gateway send UCS-2 with 70 characters a part, and split.
 */
public final class SmsText {

    /** One SMS in the GSM 7-bit alphabet. */
    public static final int MAX_LENGTH = 160;

    private static final String ELLIPSIS = "...";
    /** A location shorter than this after cutting says nothing; it is left out instead. */
    private static final int SHORTEST_LOCATION = 8;

    private SmsText() {
    }

    /** With the time in the zone the meeting was written in. */
    public static String of(MeetingSnapshot meeting, Method method) {
        return of(meeting, method, meeting.timeZone());
    }

    /** With the time in another {@code zone}, e.g. the recipient's. */
    public static String of(MeetingSnapshot meeting, Method method, ZoneId zone) {
        String prefix = method == Method.CANCEL ? "Cancelled: " : "Meeting: ";
        String when = ", " + MeetingTimes.format(meeting.start(), meeting.end(), zone);
        String title = OneLine.of(meeting.title());
        String location = method == Method.CANCEL || meeting.location() == null ? null : OneLine.of(meeting.location());

        String text = compose(prefix, title, when, location);
        if (text.length() > MAX_LENGTH && location != null) {
            int room = location.length() - (text.length() - MAX_LENGTH);
            location = room >= SHORTEST_LOCATION ? cut(location, room) : null;
            text = compose(prefix, title, when, location);
        }
        if (text.length() > MAX_LENGTH) {
            title = cut(title, title.length() - (text.length() - MAX_LENGTH));
            text = compose(prefix, title, when, location);
        }
        return text;
    }

    private static String compose(String prefix, String title, String when, String location) {
        return prefix + title + when + (location == null ? "" : ", " + location);
    }

    /** At most {@code length} characters, the last three of them "...", never half a surrogate pair. */
    private static String cut(String text, int length) {
        int end = Math.max(0, length - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

}
