package org.invitations.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Keyset paging cursor: the sort key of the last item of a page. Opaque on the wire (base64url), so
 * clients copy it rather than build it; a page never shifts when rows are added before it.
 */
public record PageToken(Instant start, long id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public static PageToken afterId(long id) {
        return new PageToken(null, id);
    }

    public String encode() {
        String raw = (start == null ? "" : start.toString()) + "|" + id;
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a token from a request; null stays null. */
    public static PageToken decode(String token, boolean withStart) {
        if (token == null) {
            return null;
        }
        try {
            String raw = new String(DECODER.decode(token), StandardCharsets.US_ASCII);
            int colon = raw.lastIndexOf('|');
            String startPart = raw.substring(0, colon);
            long id = Long.parseLong(raw.substring(colon + 1));
            if (withStart == startPart.isEmpty()) {
                throw new IllegalArgumentException("token of another list");
            }
            Instant start = startPart.isEmpty() ? null : Instant.parse(startPart);
            return new PageToken(start, id);
        } catch (RuntimeException e) {
            throw new InvalidRequest("pageToken",
                    "pageToken is not one this list returned; copy nextPageToken from the previous page or leave it out");
        }
    }
}
