package org.invitations.ws;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Converts xs:dateTime to and from {@link OffsetDateTime}; named in {@code wsdl/bindings.xjb}. One
 * rule on every machine, whatever the JVM's time zone: a value without an offset is UTC (as if it
 * ended in {@code Z}); a value with an offset is that instant. Fractional seconds are kept to the
 * microsecond (6 digits, what both Derby and PostgreSQL store); a value with a non-zero digit beyond
 * that is refused rather than silently changed. Printed values are UTC ({@code Z}) and carry
 * seconds, and the fraction only when there is one.
 */
public final class DateTimes {

    /** The most fractional-second digits stored. */
    public static final int FRACTION_DIGITS = 6;

    private static final DateTimeFormatter LEXICAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private DateTimes() {
    }

    public static OffsetDateTime parse(String lexical) {
        String text = lexical.trim();
        TemporalAccessor parsed;
        try {
            parsed = LEXICAL.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an xs:dateTime such as 2031-04-12T09:00:00Z");
        }
        OffsetDateTime value = parsed instanceof OffsetDateTime offset ? offset
                : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        if (value.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("'" + text + "' has fractional seconds beyond microseconds; at most "
                    + FRACTION_DIGITS + " digits are stored: round it to " + FRACTION_DIGITS + " digits");
        }
        return value;
    }

    public static String print(OffsetDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }

    public static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime toUtc(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
