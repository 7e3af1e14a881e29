package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fault strings are cut on character boundaries and carry only characters XML can write. */
class FaultRewriteInterceptorTest {

    @Test
    void aShortTextIsKept() {
        assertEquals("end must be after start", FaultRewriteInterceptor.shorten("end must be after start", 500));
    }

    @Test
    void aLongTextIsCutAfterTheLimitInCharactersNeverInsideASurrogatePair() {
        String clefs = "\uD834\uDD1E".repeat(10);

        String cut = FaultRewriteInterceptor.shorten(clefs, 3);

        assertEquals("\uD834\uDD1E".repeat(3) + "… (shortened)", cut);
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", FaultRewriteInterceptor.shorten("a\u0001b\uFFFEc\uD800", 500));
    }
}
