package org.invitations.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.invitations.notification.SeriesSnapshot.OccurrenceOverride;

/**
 * Series confirmations with the instants the service means them to have: what SeriesConfirmationsTest
 * checks with ical4j and what the interop suite (interop/run.sh, its ical check) gives to a second,
 * independent iCalendar parser.
 *
 * <p>{@code main(dir)} writes, for each sample, {@code NAME.ics} (the REQUEST as the service sends it),
 * {@code NAME.expected} (the instants the service has, one UTC ISO line each) and {@code NAME.ical4j}
 * (what ical4j expands the calendar to).
 */
final class SeriesSamples {

    static final Instant NOW = Instant.parse("2027-01-10T12:00:00Z");
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** One sample: its calendar and the instants the service has for it. */
    record Sample(String name, MeetingSnapshot meeting, List<Instant> expected) {
        String ics() {
            return confirmations().calendar(meeting, Method.REQUEST);
        }
    }

    private SeriesSamples() {
    }

    static Confirmations confirmations() {
        return new Confirmations(ConfirmationsTest.service(), ConfirmationsTest.DOMAIN, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static MeetingSnapshot meeting(long id, int sequence, String title, Instant start, Duration length) {
        return new MeetingSnapshot(id, sequence, title, null, "Room Oslo", start, start.plus(length),
                ConfirmationsTest.alice(), List.of(ConfirmationsTest.ase(), ConfirmationsTest.ola(),
                        ConfirmationsTest.kari()));
    }

    /**
     * Weekly on Mondays 09:00-10:00 Europe/Oslo, 10 times from 15 March 2027, across the change to summer
     * time on 28 March: the third (29 March) cancelled, the fifth (12 April) moved to 11:00-12:00.
     */
    static Sample osloWeekly() {
        Instant third = local("2027-03-29T09:00", OSLO);
        Instant fifth = local("2027-04-12T09:00", OSLO);
        SeriesSnapshot series = new SeriesSnapshot("FREQ=WEEKLY;COUNT=10;BYDAY=MO", List.of(third),
                List.of(OccurrenceOverride.moved(fifth, local("2027-04-12T11:00", OSLO),
                        local("2027-04-12T12:00", OSLO), 1)));
        MeetingSnapshot meeting = meeting(700, 0, "Team meeting", local("2027-03-15T09:00", OSLO), Duration.ofHours(1))
                .asSeries(OSLO, series);
        return new Sample("oslo-weekly", meeting, instants(
                "2027-03-15T08:00:00Z", "2027-03-22T08:00:00Z", "2027-04-05T07:00:00Z", "2027-04-12T09:00:00Z",
                "2027-04-19T07:00:00Z", "2027-04-26T07:00:00Z", "2027-05-03T07:00:00Z", "2027-05-10T07:00:00Z",
                "2027-05-17T07:00:00Z"));
    }

    /** Monthly on the last Friday, 10:00-11:30 Europe/Oslo, six times from 29 January 2027. */
    static Sample osloLastFriday() {
        MeetingSnapshot meeting = meeting(710, 2, "Board meeting", local("2027-01-29T10:00", OSLO),
                Duration.ofMinutes(90)).asSeries(OSLO, SeriesSnapshot.of("FREQ=MONTHLY;COUNT=6;BYDAY=-1FR"));
        return new Sample("oslo-last-friday", meeting, instants(
                "2027-01-29T09:00:00Z", "2027-02-26T09:00:00Z", "2027-03-26T09:00:00Z", "2027-04-30T08:00:00Z",
                "2027-05-28T08:00:00Z", "2027-06-25T08:00:00Z"));
    }

    /**
     * Tuesdays 17:30-18:00 America/New_York until 16 November 2027 (UNTIL in UTC, as the service stores
     * it), across the end of daylight-saving time on 7 November; the second one cancelled.
     */
    static Sample newYorkWeekly() {
        Instant until = local("2027-11-16T17:30", NEW_YORK);
        MeetingSnapshot meeting = meeting(720, 0, "Stand-up with the New York office", local("2027-10-26T17:30", NEW_YORK),
                Duration.ofMinutes(30)).asSeries(NEW_YORK, new SeriesSnapshot(
                        "FREQ=WEEKLY;UNTIL=" + until.toString().replace("-", "").replace(":", "") + ";BYDAY=TU",
                        List.of(local("2027-11-02T17:30", NEW_YORK)), List.of()));
        return new Sample("new-york-weekly", meeting, instants(
                "2027-10-26T21:30:00Z", "2027-11-09T22:30:00Z", "2027-11-16T22:30:00Z"));
    }

    static List<Sample> all() {
        return List.of(osloWeekly(), osloLastFriday(), newYorkWeekly());
    }

    static List<Instant> instants(String... utc) {
        return java.util.Arrays.stream(utc).map(Instant::parse).toList();
    }

    static String lines(List<Instant> instants) {
        return instants.stream().map(Instant::toString).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Writes every sample's .ics, .expected and .ical4j into the folder given. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SeriesSamples FOLDER");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Sample sample : all()) {
            String ics = sample.ics();
            write(dir.resolve(sample.name() + ".ics"), ics);
            write(dir.resolve(sample.name() + ".expected"), lines(sample.expected()));
            write(dir.resolve(sample.name() + ".ical4j"), lines(Ical4jExpansion.instants(ics)));
        }
        System.out.println("wrote " + all().size() + " series samples to " + dir);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
