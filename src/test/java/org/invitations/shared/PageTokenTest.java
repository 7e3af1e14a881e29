package org.invitations.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void tokenRoundTripsStartWithNanosAndId() {
        PageToken token = new PageToken(Instant.parse("2030-01-02T09:00:00.123456789Z"), 42);

        assertEquals(token, PageToken.decode(token.encode(), true));
    }

    @Test
    void idOnlyTokenRoundTrips() {
        assertEquals(PageToken.afterId(7), PageToken.decode(PageToken.afterId(7).encode(), false));
    }

    @Test
    void missingTokenMeansFirstPage() {
        assertNull(PageToken.decode(null, true));
    }

    @Test
    void tokenOfAnotherListIsRefused() {
        String idOnly = PageToken.afterId(7).encode();

        InvalidRequest e = assertThrows(InvalidRequest.class, () -> PageToken.decode(idOnly, true));

        assertEquals("pageToken", e.field());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(InvalidRequest.class, () -> PageToken.decode("%%%", false));
        assertThrows(InvalidRequest.class, () -> PageToken.decode("bm90aGluZw", false));
    }
}
