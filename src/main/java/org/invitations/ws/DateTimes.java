package org.invitations.ws;

import jakarta.xml.bind.DatatypeConverter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Converts xs:dateTime to and from {@link OffsetDateTime}; named in {@code wsdl/bindings.xjb}.
 * A value without an offset is read as UTC. Printed values always carry seconds and an offset,
 * as xs:dateTime requires.
 */
public final class DateTimes {

    private DateTimes() {
    }

    public static OffsetDateTime parse(String lexical) {
        return DatatypeConverter.parseDateTime(lexical).toInstant().atOffset(offsetOf(lexical));
    }

    public static String print(OffsetDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }

    public static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime toUtc(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    private static ZoneOffset offsetOf(String lexical) {
        String s = lexical.trim();
        if (s.endsWith("Z")) {
            return ZoneOffset.UTC;
        }
        int t = s.indexOf('T');
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (t >= 0 && sign > t) {
            return ZoneOffset.of(s.substring(sign));
        }
        return ZoneOffset.UTC;
    }
}
