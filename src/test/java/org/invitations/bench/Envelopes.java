package org.invitations.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
}
