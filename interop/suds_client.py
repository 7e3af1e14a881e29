#!/usr/bin/env python3
"""Interop client: python suds (Debian's python3-suds) against the served WSDL.

Usage: suds_client.py WSDL_URL        (or env INTEROP_WSDL_URL)

Runs the interop flow twice, without and with a wsu:Timestamp in the wsse:Security header, and
prints one line per check: "suds   timestamp=no   create    PASS" (or FAIL and a reason).
Exits 1 if any check failed.

suds hands back values of the contract's own simple types (Id, StatusCode: restrictions of xs:long
and xs:int) and every field of a fault's detail as text, so the checks compare them with int().

The header is suds' own: wsse.Security holding a wsse.UsernameToken (PasswordText) and, in the
second run, a wsse.Timestamp. suds writes wsu:Created/Expires with six fractional digits
(2026-12-05T23:36:31.362768+00:00), more than the three WS-I Basic Security Profile rules R3220 and
R3229 recommend; the service accepts them. A plugin reads every request as it goes on the wire and
fails the check it belongs to unless the Timestamp really carries six digits (or, in the first run,
unless there is no Timestamp at all), so the run cannot pass by sending something else.
"""
import datetime
import os
import re
import sys
import uuid
import xml.etree.ElementTree as ET

from suds import WebFault
from suds.client import Client
from suds.plugin import MessagePlugin
from suds.wsse import Security, Timestamp, UsernameToken

STACK = "suds"
NS = "urn:invitations:v1"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
START = datetime.datetime(2031, 4, 12, 9, 0, 0, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2031, 4, 12, 10, 0, 0, tzinfo=datetime.timezone.utc)
MISSING_ID = 999999999999
SIX_DIGITS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$")


class WireCheck(MessagePlugin):
    """Reads each request as sent and notes what is wrong with its wsu:Timestamp."""

    def __init__(self, timestamp):
        self.timestamp = timestamp
        self.problems = []
        self.seen = 0
        self.shown = False

    def sending(self, context):
        self.seen += 1
        text = context.envelope
        try:
            root = ET.fromstring(text)
        except ET.ParseError as e:
            self.problems.append("request is not XML: %s" % e)
            return
        stamps = root.findall(".//{%s}Timestamp" % WSU)
        if not self.timestamp:
            if stamps:
                self.problems.append("request carries a wsu:Timestamp although none was configured")
            return
        if len(stamps) != 1:
            self.problems.append("request carries %d wsu:Timestamp elements, expected 1" % len(stamps))
            return
        values = []
        for name in ("Created", "Expires"):
            node = stamps[0].find("{%s}%s" % (WSU, name))
            value = node.text if node is not None else None
            values.append("wsu:%s %s" % (name, value))
            if value is None or not SIX_DIGITS.match(value):
                self.problems.append("wsu:%s is %r, not a time with six fractional digits" % (name, value))
        if not self.shown:
            self.shown = True
            print("# %s sent %s" % (STACK, ", ".join(values)), flush=True)

    def take(self):
        """The problems noted since the last call, and whether any request was sent at all."""
        problems, seen = list(dict.fromkeys(self.problems)), self.seen
        self.problems, self.seen = [], 0
        return problems, seen


def security(user, password, timestamp):
    header = Security()
    header.tokens.append(UsernameToken(user, password))  # no digest, nonce or created: PasswordText
    if timestamp:
        stamp = Timestamp(validity=300)
        # isoformat() leaves the fraction out when it is exactly zero (one time in a million):
        # take another instant so that the six digits the plugin looks for are on the wire.
        while stamp.created.microsecond == 0:
            stamp = Timestamp(validity=300)
        header.tokens.append(stamp)
    return header


class Flow:
    def __init__(self, wsdl_url, timestamp):
        self.wsdl_url = wsdl_url
        self.timestamp = timestamp
        self.label = "yes" if timestamp else "no"
        self.failures = 0
        self.wire = WireCheck(timestamp)

    def client(self, user, password):
        return Client(self.wsdl_url, wsse=security(user, password, self.timestamp),
                      plugins=[self.wire], cache=None, timeout=60)

    def report(self, check, ok, reason="", wire_checked=True):
        problems, seen = self.wire.take()
        if ok and problems:
            ok, reason = False, "; ".join(problems)
        elif ok and wire_checked and seen == 0:
            ok, reason = False, "no request was sent"
        elif problems:
            reason = "%s; %s" % (reason, "; ".join(problems))
        if not ok:
            self.failures += 1
        line = "%-6s timestamp=%-3s %-9s %s" % (STACK, self.label, check, "PASS" if ok else "FAIL")
        if reason and not ok:
            line += " " + " ".join(str(reason).split())[:300]
        print(line, flush=True)

    def run(self):
        record_id = None
        found = None
        alice = self.client("alice", "alice-demo")
        bob = self.client("bob", "bob-demo")
        self.wire.take()  # reading the WSDL sends no SOAP request; start each check from zero

        # create
        try:
            bob_id = None
            page_token = None
            for _ in range(100):
                page = alice.service.ListAssociates(pageToken=page_token)
                for a in getattr(page, "associate", None) or []:
                    if a.username == "bob":
                        bob_id = int(a.associateId)
                page_token = getattr(page, "nextPageToken", None)
                if bob_id is not None or not page_token:
                    break
            if bob_id is None:
                raise AssertionError("ListAssociates has no associate 'bob'")
            title = "interop %s timestamp=%s %s" % (STACK, self.label, uuid.uuid4().hex[:10])
            created = alice.service.CreateInvitation(
                type="MEETING", title=title, start=START, end=END,
                participants={"participant": [{"associateId": bob_id}]})
            mine = [p for p in getattr(created, "participant", None) or []
                    if getattr(p, "participant", None) is not None
                    and int(p.participant.associateId) == bob_id]
            if len(mine) != 1:
                raise AssertionError("expected one participant record for bob (associateId %s), got %d"
                                     % (bob_id, len(mine)))
            if int(mine[0].status) != 5:
                raise AssertionError("bob's record %s has status %s, expected 5"
                                     % (mine[0].recordId, mine[0].status))
            record_id = int(mine[0].recordId)
            self.report("create", True)
        except Exception as e:  # noqa: BLE001 - every failure is a FAIL line
            self.report("create", False, describe(e))

        # list
        if record_id is None:
            self.report("list", False, "no recordId from create")
        else:
            try:
                page = bob.service.GetInvitations()
                for _ in range(100):
                    hits = [i for i in getattr(page, "invitation", None) or []
                            if int(i.recordId) == record_id]
                    if hits:
                        found = hits[0]
                        break
                    token = getattr(page, "nextPageToken", None)
                    if not token:
                        break
                    page = bob.service.GetInvitations(pageToken=token)
                if found is None:
                    raise AssertionError("recordId %s not in bob's GetInvitations" % record_id)
                self.report("list", True)
            except Exception as e:  # noqa: BLE001
                self.report("list", False, describe(e))

        # accept
        if record_id is None:
            self.report("accept", False, "no recordId from create")
        else:
            try:
                answer = bob.service.AcceptInvitation(recordId=record_id)
                if int(answer.status) != 1:
                    raise AssertionError("status %s after AcceptInvitation, expected 1" % answer.status)
                if int(answer.recordId) != record_id:
                    raise AssertionError("answer is about record %s, not %s" % (answer.recordId, record_id))
                self.report("accept", True)
            except Exception as e:  # noqa: BLE001
                self.report("accept", False, describe(e))

        # fault
        try:
            try:
                bob.service.AcceptInvitation(recordId=MISSING_ID)
                raise AssertionError("AcceptInvitation(%d) did not fault" % MISSING_ID)
            except WebFault as e:
                fault = e.fault
                # suds unmarshals the <detail> with the declared element of the WSDL's schema
                detail = getattr(fault, "detail", None)
                if detail is None:
                    raise AssertionError("fault without detail: %s %s" % (fault.faultcode, fault.faultstring))
                info = getattr(detail, "NotFoundFault", None)
                if info is None:
                    raise AssertionError("detail holds %s, not NotFoundFault: %s"
                                         % ([k for k, _ in detail], fault.faultstring))
                message = getattr(info, "message", None)
                if not message or not message.strip():
                    raise AssertionError("NotFoundFault.message is empty")
                if int(getattr(info, "id", None) or 0) != MISSING_ID:
                    raise AssertionError("NotFoundFault.id is %r, expected %d"
                                         % (getattr(info, "id", None), MISSING_ID))
            self.report("fault", True)
        except Exception as e:  # noqa: BLE001
            self.report("fault", False, describe(e))

        # datetime (no request of its own: the answer GetInvitations gave in "list")
        if found is None:
            self.report("datetime", False, "invitation not listed")
        else:
            try:
                start = found.start
                if not isinstance(start, datetime.datetime):
                    raise AssertionError("start is %r, not a datetime" % (start,))
                if start.tzinfo is None:
                    raise AssertionError("start %s came back without a time zone" % start.isoformat())
                if start != START:
                    raise AssertionError("start %s != %s" % (start.isoformat(), START.isoformat()))
                self.report("datetime", True, wire_checked=False)
            except Exception as e:  # noqa: BLE001
                self.report("datetime", False, describe(e))
        return self.failures


def describe(e):
    if isinstance(e, WebFault):
        return "SOAP fault %s: %s" % (e.fault.faultcode, e.fault.faultstring)
    return "%s: %s" % (type(e).__name__, e)


def main(argv):
    wsdl_url = argv[1] if len(argv) > 1 else os.environ.get("INTEROP_WSDL_URL")
    if not wsdl_url:
        print("usage: suds_client.py WSDL_URL (or INTEROP_WSDL_URL)", file=sys.stderr)
        return 2
    failures = 0
    for timestamp in (False, True):
        failures += Flow(wsdl_url, timestamp).run()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
