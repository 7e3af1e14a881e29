package org.invitations.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The raw SOAP envelopes the benchmark clients send. */
final class Envelopes {

    private Envelopes() {
    }

    static String envelope(String username, String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:inv=\"urn:invitations:v1\"><soapenv:Header>"
                + "<wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>" + username
                + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-"
                + "username-token-profile-1.0#PasswordText\">" + Seeder.PASSWORD + "</wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    static String getInvitations(String username) {
        return envelope(username, "<inv:GetInvitations><inv:pageSize>50</inv:pageSize></inv:GetInvitations>");
    }

    /** The page of 50 after the one whose {@code nextPageToken} this is. */
    static String getInvitations(String username, String pageToken) {
        return envelope(username, "<inv:GetInvitations><inv:pageSize>50</inv:pageSize><inv:pageToken>"
                + escape(pageToken) + "</inv:pageToken></inv:GetInvitations>");
    }

    static String diary(String username, Instant from, Instant to) {
        return envelope(username, "<inv:GetDiary><inv:fromTime>" + from + "</inv:fromTime><inv:toTime>" + to
                + "</inv:toTime></inv:GetDiary>");
    }

    /** A task from {@code username} to {@code colleagues}, due at {@code due}. */
    static String createTask(String username, List<Long> colleagues, Instant due) {
        StringBuilder body = new StringBuilder("<inv:CreateTask><inv:title>Benchmark task</inv:title>"
                + "<inv:description>Created by the benchmark</inv:description><inv:due>" + due
                + "</inv:due><inv:participants>");
        for (long id : colleagues) {
            body.append("<inv:participant><inv:associateId>").append(id).append("</inv:associateId></inv:participant>");
        }
        return envelope(username, body.append("</inv:participants></inv:CreateTask>").toString());
    }

    /** A page of 50 of the caller's distributed tasks; {@code pageToken} may be null. */
    static String distributedTasks(String username, String filter, String pageToken) {
        return envelope(username, "<inv:GetDistributedTasks><inv:filter>" + filter + "</inv:filter>"
                + "<inv:pageSize>50</inv:pageSize>"
                + (pageToken == null ? "" : "<inv:pageToken>" + escape(pageToken) + "</inv:pageToken>")
                + "</inv:GetDistributedTasks>");
    }

    static String archive(String username, long contactId, Instant from, Instant to) {
        return envelope(username, "<inv:GetActivityArchive><inv:contactId>" + contactId + "</inv:contactId>"
                + "<inv:fromTime>" + from + "</inv:fromTime><inv:toTime>" + to + "</inv:toTime>"
                + "</inv:GetActivityArchive>");
    }

    /** A meeting of {@code username} with external persons: they are booked (1), no invitation. */
    static String bookPersons(String username, List<Long> persons, Instant start) {
        StringBuilder body = new StringBuilder("<inv:CreateInvitation><inv:type>MEETING</inv:type>"
                + "<inv:title>Customer meeting</inv:title><inv:location>At the customer</inv:location><inv:start>"
                + start + "</inv:start><inv:end>" + start.plus(1, ChronoUnit.HOURS) + "</inv:end><inv:participants>");
        for (long id : persons) {
            body.append("<inv:participant><inv:personId>").append(id).append("</inv:personId></inv:participant>");
        }
        return envelope(username, body.append("</inv:participants></inv:CreateInvitation>").toString());
    }

    /**
     * For the no-op endpoint only: asks for a constant answer of about {@code answerBytes} bytes (the
     * endpoint has no WSDL; see NoopEndpoint).
     */
    static String noop(String username, int answerBytes) {
        return envelope(username, "<bench:Noop xmlns:bench=\"urn:invitations:bench\"><bench:answerBytes>"
                + answerBytes + "</bench:answerBytes></bench:Noop>");
    }

    static String accept(String username, long recordId) {
        return envelope(username, "<inv:AcceptInvitation><inv:recordId>" + recordId
                + "</inv:recordId></inv:AcceptInvitation>");
    }

    static String create(String username, List<Long> invitees, Instant start) {
        StringBuilder body = new StringBuilder("<inv:CreateInvitation><inv:type>MEETING</inv:type>"
                + "<inv:title>Benchmark meeting</inv:title><inv:description>Created by the benchmark</inv:description>"
                + "<inv:location>Room 7</inv:location><inv:start>" + start + "</inv:start><inv:end>"
                + start.plus(1, ChronoUnit.HOURS) + "</inv:end><inv:participants>");
        for (long id : invitees) {
            body.append("<inv:participant><inv:associateId>").append(id).append("</inv:associateId></inv:participant>");
        }
        return envelope(username, body.append("</inv:participants></inv:CreateInvitation>").toString());
    }

    /** A meeting of {@code username} with associates, an external person and a room. */
    static String createMixed(String username, List<Long> associates, long person, long room, Instant start) {
        StringBuilder body = new StringBuilder("<inv:CreateInvitation><inv:type>MEETING</inv:type>"
                + "<inv:title>Benchmark meeting</inv:title><inv:description>Created by the benchmark</inv:description>"
                + "<inv:location>Room 7</inv:location><inv:start>" + start + "</inv:start><inv:end>"
                + start.plus(1, ChronoUnit.HOURS) + "</inv:end><inv:participants>");
        for (long id : associates) {
            body.append("<inv:participant><inv:associateId>").append(id).append("</inv:associateId></inv:participant>");
        }
        body.append("<inv:participant><inv:personId>").append(person).append("</inv:personId></inv:participant>")
                .append("<inv:participant><inv:resourceId>").append(room).append("</inv:resourceId></inv:participant>");
        return envelope(username, body.append("</inv:participants></inv:CreateInvitation>").toString());
    }

    /**
     * A weekly series of {@code count} meetings of an hour, the first at {@code start}, repeating in
     * {@code zone} (its local time kept across daylight-saving changes), to {@code invitees}.
     */
    static String createSeries(String username, List<Long> invitees, Instant start, String zone, int count) {
        StringBuilder body = new StringBuilder("<inv:CreateInvitation><inv:type>MEETING</inv:type>"
                + "<inv:title>Benchmark series</inv:title><inv:description>Created by the benchmark</inv:description>"
                + "<inv:location>Room 7</inv:location><inv:start>" + start + "</inv:start><inv:end>"
                + start.plus(1, ChronoUnit.HOURS) + "</inv:end><inv:participants>");
        for (long id : invitees) {
            body.append("<inv:participant><inv:associateId>").append(id).append("</inv:associateId></inv:participant>");
        }
        return envelope(username, body.append("</inv:participants><inv:timeZone>").append(zone)
                .append("</inv:timeZone><inv:recurrence><inv:frequency>WEEKLY</inv:frequency><inv:count>").append(count)
                .append("</inv:count></inv:recurrence></inv:CreateInvitation>").toString());
    }

    /** How many elements named {@code localName} (any prefix) an answer has. */
    static int count(String xml, String localName) {
        Matcher m = Pattern.compile("<(?:[\\w.-]+:)?" + localName + "[\\s>]").matcher(xml);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The text of the first element named {@code localName} (any prefix) in an answer, or null. */
    /** Free/busy of these associates over [from, to). */
    static String freeBusy(String username, List<Long> associates, Instant from, Instant to) {
        StringBuilder body = new StringBuilder("<inv:GetFreeBusy>");
        associates.forEach(id -> body.append("<inv:associateId>").append(id).append("</inv:associateId>"));
        body.append("<inv:fromTime>").append(from).append("</inv:fromTime><inv:toTime>").append(to)
                .append("</inv:toTime></inv:GetFreeBusy>");
        return envelope(username, body.toString());
    }

    /** The first five free slots of {@code minutes} for these associates and the room in [from, to). */
    static String findAvailableTime(String username, List<Long> associates, long room, int minutes, Instant from,
                                    Instant to) {
        StringBuilder body = new StringBuilder("<inv:FindAvailableTime>");
        associates.forEach(id -> body.append("<inv:associateId>").append(id).append("</inv:associateId>"));
        body.append("<inv:resourceId>").append(room).append("</inv:resourceId><inv:durationMinutes>").append(minutes)
                .append("</inv:durationMinutes><inv:fromTime>").append(from).append("</inv:fromTime><inv:toTime>")
                .append(to).append("</inv:toTime></inv:FindAvailableTime>");
        return envelope(username, body.toString());
    }

    static String text(String xml, String localName) {
        Matcher m = Pattern.compile("<(?:[\\w.-]+:)?" + localName + "(?:\\s[^>]*)?>([^<]*)</").matcher(xml);
        return m.find() ? m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&") : null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
