#!/usr/bin/env python3
"""The running server's own series confirmations, for the ical check in run.sh.

Creates a weekly 09:00 Europe/Oslo series of 10 through the real server (raw SOAP sent with curl, as the
demo owner alice, with a person who has an e-mail address and sendConfirmation), reads its confirmation
with GetConfirmationMessages, takes the text/calendar part out of the MIME message (base64 or
quoted-printable inside multipart/mixed + multipart/alternative: Python's email module decodes it as a
mail program does) and writes it as OUT_DIR/server-series.ics, with the occurrence starts the
CreateInvitation answer listed as OUT_DIR/server-series.expected (one UTC instant a line,
2027-03-15T08:00:00Z). Then cancels occurrence 3 and moves occurrence 5 (each on its own appointmentId,
with sendConfirmation) and writes the last REQUEST as server-series-changed.ics: 9 instants, the 5th at
its new time, the 3rd an EXDATE.

    python3 interop/server_series.py http://127.0.0.1:PORT/ws/invitations OUT_DIR

Only the standard library and curl. Exits 1 (with the reason on stderr) when the server faults or a
message is missing.
"""
import datetime
import email
import email.policy
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

NS = "urn:invitations:v1"
USER, PASSWORD = "alice", "alice-demo"  # the demo owner (--demo)
FIRST_START = "2027-03-15T08:00:00Z"    # Monday 09:00 in Oslo, two weeks before summer time
FIRST_END = "2027-03-15T09:00:00Z"


def fail(message):
    sys.stderr.write(f"server_series: {message}\n")
    sys.exit(1)


def call(url, operation, body):
    envelope = f"""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:inv="{NS}">
<soapenv:Header>
<wsse:Security soapenv:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
<wsse:UsernameToken><wsse:Username>{USER}</wsse:Username>
<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">{PASSWORD}</wsse:Password>
</wsse:UsernameToken></wsse:Security>
</soapenv:Header>
<soapenv:Body>{body}</soapenv:Body>
</soapenv:Envelope>"""
    result = subprocess.run(
        ["curl", "-sS", "--max-time", "60", "-H", "Content-Type: text/xml; charset=UTF-8",
         "-H", f'SOAPAction: "urn:invitations:v1:{operation}"', "--data-binary", "@-", url],
        input=envelope.encode("utf-8"), capture_output=True)
    if result.returncode != 0:
        fail(f"{operation}: curl failed: {result.stderr.decode(errors='replace').strip()}")
    try:
        root = ET.fromstring(result.stdout)
    except ET.ParseError as e:
        fail(f"{operation}: the answer is no XML ({e}): {result.stdout[:300]!r}")
    fault = root.find(".//{*}Fault")
    if fault is not None:
        fail(f"{operation}: SOAP fault {fault.findtext('faultcode')}: {fault.findtext('faultstring')}")
    return root


def utc(text):
    """An xs:dateTime as ical_expand.mjs prints it: 2027-03-15T08:00:00Z."""
    instant = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return instant.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_part(mime):
    """The text/calendar part of the message, decoded (transfer encoding and charset)."""
    message = email.message_from_string(mime, policy=email.policy.default)
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if len(parts) != 1:
        fail(f"expected one text/calendar part, found {len(parts)}")
    return parts[0].get_content()


def confirmations(url, appointment_id):
    root = call(url, "GetConfirmationMessages",
                f"<inv:GetConfirmationMessages><inv:appointmentId>{appointment_id}</inv:appointmentId>"
                f"</inv:GetConfirmationMessages>")
    return [(m.findtext("{*}method"), m.findtext("{*}recipient"), m.findtext("{*}mime"))
            for m in root.iter(f"{{{NS}}}message")]


def write(out_dir, name, ics, instants):
    with open(os.path.join(out_dir, name + ".ics"), "w", encoding="utf-8", newline="") as f:
        f.write(ics)
    with open(os.path.join(out_dir, name + ".expected"), "w", encoding="utf-8") as f:
        f.write("".join(i + "\n" for i in sorted(instants)))


def notify():
    return "<inv:notify><inv:sendConfirmation>true</inv:sendConfirmation></inv:notify>"


def main():
    if len(sys.argv) != 3:
        fail("usage: server_series.py SOAP_ADDRESS OUT_DIR")
    url, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)

    contacts = call(url, "ListContacts", "<inv:ListContacts/>")
    person = next((p for p in contacts.iter(f"{{{NS}}}person") if (p.findtext("{*}email") or "").strip()), None)
    if person is None:
        fail("the demo directory has no person with an e-mail address")
    person_id = person.findtext("{*}personId")

    created = call(url, "CreateInvitation", f"""<inv:CreateInvitation>
<inv:type>MEETING</inv:type><inv:title>Interop series</inv:title><inv:location>Room Oslo</inv:location>
<inv:start>{FIRST_START}</inv:start><inv:end>{FIRST_END}</inv:end>
<inv:participants><inv:participant><inv:personId>{escape(person_id)}</inv:personId></inv:participant></inv:participants>
<inv:options><inv:sendConfirmation>true</inv:sendConfirmation></inv:options>
<inv:timeZone>Europe/Oslo</inv:timeZone>
<inv:recurrence><inv:frequency>WEEKLY</inv:frequency><inv:count>10</inv:count></inv:recurrence>
</inv:CreateInvitation>""")
    series_id = created.findtext(".//{*}CreateInvitationResponse/{*}appointmentId")
    occurrences = [(o.findtext("{*}appointmentId"), utc(o.findtext("{*}start")))
                   for o in created.iter(f"{{{NS}}}occurrence")]
    if not series_id or len(occurrences) != 10:
        fail(f"CreateInvitation answered series {series_id} with {len(occurrences)} occurrences, expected 10")
    print(f"server_series: series {series_id}, occurrences {' '.join(start for _, start in occurrences)}")

    messages = confirmations(url, series_id)
    if [m[0] for m in messages] != ["REQUEST"]:
        fail(f"expected one REQUEST for the series, got {[m[0] for m in messages]}")
    write(out_dir, "server-series", calendar_part(messages[0][2]), [start for _, start in occurrences])

    third, fifth = occurrences[2], occurrences[4]
    call(url, "CancelAppointment", f"<inv:CancelAppointment><inv:appointmentId>{third[0]}</inv:appointmentId>"
                                   f"{notify()}</inv:CancelAppointment>")
    moved = datetime.datetime.fromisoformat(fifth[1].replace("Z", "+00:00")) + datetime.timedelta(hours=2)
    moved_start = moved.strftime("%Y-%m-%dT%H:%M:%SZ")
    moved_end = (moved + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    call(url, "MoveAppointment", f"<inv:MoveAppointment><inv:appointmentId>{fifth[0]}</inv:appointmentId>"
                                 f"<inv:start>{moved_start}</inv:start><inv:end>{moved_end}</inv:end>"
                                 f"{notify()}</inv:MoveAppointment>")
    messages = confirmations(url, series_id)
    if [m[0] for m in messages] != ["REQUEST", "CANCEL", "REQUEST"]:
        fail(f"expected REQUEST, CANCEL (occurrence 3), REQUEST (occurrence 5 moved), got {[m[0] for m in messages]}")
    cancel = calendar_part(messages[1][2])
    recurrence_ids = [line for line in cancel.splitlines() if line.startswith("RECURRENCE-ID")]
    print(f"server_series: the occurrence's CANCEL carries {' '.join(recurrence_ids)}")
    expected = [start for i, (_, start) in enumerate(occurrences) if i != 2 and i != 4] + [moved_start]
    write(out_dir, "server-series-changed", calendar_part(messages[2][2]), expected)


if __name__ == "__main__":
    main()
