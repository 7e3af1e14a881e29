#!/usr/bin/env python3
"""Interop client: python zeep (Debian's python3-zeep) against the served WSDL.

Usage: zeep_client.py WSDL_URL        (or env INTEROP_WSDL_URL)

Runs the interop flow twice, without and with a wsu:Timestamp in the wsse:Security header, and
prints one line per check: "zeep  timestamp=no   create    PASS" (or FAIL and a reason).
Exits 1 if any check failed.
"""
import datetime
import os
import sys
import uuid

from lxml import etree
import zeep
from zeep.exceptions import Fault
from zeep.wsse import utils as wsse_utils
from zeep.wsse.username import UsernameToken

STACK = "zeep"
NS = "urn:invitations:v1"
START = "2031-04-12T09:00:00Z"
END = "2031-04-12T10:00:00Z"
MISSING_ID = 999999999999
EXPECTED_START = datetime.datetime(2031, 4, 12, 9, 0, 0, tzinfo=datetime.timezone.utc)


class TimestampedUsernameToken(UsernameToken):
    """zeep's own UsernameToken (PasswordText) with its timestamp_token option.

    zeep has no plain wsu:Timestamp of its own (only inside signatures), but UsernameToken appends
    any element given as timestamp_token to the wsse:Security header. The element is built anew for
    every message, so that Created is the time of sending (Expires = Created + 5 minutes).
    """

    def apply(self, envelope, headers):
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        fmt = "%Y-%m-%dT%H:%M:%SZ"
        self.timestamp_token = wsse_utils.WSU.Timestamp(
            wsse_utils.WSU.Created(now.strftime(fmt)),
            wsse_utils.WSU.Expires((now + datetime.timedelta(minutes=5)).strftime(fmt)),
        )
        return super().apply(envelope, headers)


class Flow:
    def __init__(self, wsdl_url, timestamp):
        self.wsdl_url = wsdl_url
        self.timestamp = timestamp
        self.label = "yes" if timestamp else "no"
        self.failures = 0

    def client(self, user, password):
        token = (TimestampedUsernameToken(user, password) if self.timestamp
                 else UsernameToken(user, password))  # no use_digest: PasswordText
        return zeep.Client(self.wsdl_url, wsse=token)

    def report(self, check, ok, reason=""):
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

        # create
        try:
            bob_id = None
            page_token = None
            for _ in range(100):
                page = alice.service.ListAssociates(pageToken=page_token)
                for a in page.associate or []:
                    if a.username == "bob":
                        bob_id = a.associateId
                page_token = page.nextPageToken
                if bob_id is not None or not page_token:
                    break
            if bob_id is None:
                raise AssertionError("ListAssociates has no associate 'bob'")
            title = "interop %s timestamp=%s %s" % (STACK, self.label, uuid.uuid4().hex[:10])
            created = alice.service.CreateInvitation(
                type="MEETING", title=title, start=START, end=END,
                participants={"participant": [{"associateId": bob_id}]})
            mine = [p for p in created.participant or []
                    if p.participant is not None and p.participant.associateId == bob_id]
            if len(mine) != 1:
                raise AssertionError("expected one participant record for bob (associateId %s), got %d"
                                     % (bob_id, len(mine)))
            if mine[0].status != 5:
                raise AssertionError("bob's record %s has status %s, expected 5"
                                     % (mine[0].recordId, mine[0].status))
            record_id = mine[0].recordId
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
                    hits = [i for i in page.invitation or [] if i.recordId == record_id]
                    if hits:
                        found = hits[0]
                        break
                    if not page.nextPageToken:
                        break
                    page = bob.service.GetInvitations(pageToken=page.nextPageToken)
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
                if answer.status != 1:
                    raise AssertionError("status %s after AcceptInvitation, expected 1" % answer.status)
                if answer.recordId != record_id:
                    raise AssertionError("answer is about record %s, not %s" % (answer.recordId, record_id))
                self.report("accept", True)
            except Exception as e:  # noqa: BLE001
                self.report("accept", False, describe(e))

        # fault
        try:
            try:
                bob.service.AcceptInvitation(recordId=MISSING_ID)
                raise AssertionError("AcceptInvitation(%d) did not fault" % MISSING_ID)
            except Fault as fault:
                detail = fault.detail  # the <detail> element, as zeep hands it over
                if detail is None:
                    raise AssertionError("fault without detail: %s %s" % (fault.code, fault.message))
                node = detail.find("{%s}NotFoundFault" % NS)
                if node is None:
                    raise AssertionError("detail holds %s, not NotFoundFault: %s"
                                         % ([c.tag for c in detail], fault.message))
                # Parse the detail with the declared element of the WSDL's schema.
                element = bob.wsdl.types.get_element("{%s}NotFoundFault" % NS)
                info = element.parse(node, bob.wsdl.types)
                if not info.message or not info.message.strip():
                    raise AssertionError("NotFoundFault.message is empty")
                if info.id != MISSING_ID:
                    raise AssertionError("NotFoundFault.id is %r, expected %d" % (info.id, MISSING_ID))
            self.report("fault", True)
        except Exception as e:  # noqa: BLE001
            self.report("fault", False, describe(e))

        # datetime
        if found is None:
            self.report("datetime", False, "invitation not listed")
        else:
            try:
                start = found.start
                if not isinstance(start, datetime.datetime):
                    raise AssertionError("start is %r, not a datetime" % (start,))
                if start.tzinfo is None:
                    raise AssertionError("start %s came back without a time zone" % start.isoformat())
                if start != EXPECTED_START:
                    raise AssertionError("start %s != %s" % (start.isoformat(), EXPECTED_START.isoformat()))
                self.report("datetime", True)
            except Exception as e:  # noqa: BLE001
                self.report("datetime", False, describe(e))
        return self.failures


def describe(e):
    if isinstance(e, Fault):
        return "SOAP fault %s: %s" % (e.code, e.message)
    return "%s: %s" % (type(e).__name__, e)


def main(argv):
    wsdl_url = argv[1] if len(argv) > 1 else os.environ.get("INTEROP_WSDL_URL")
    if not wsdl_url:
        print("usage: zeep_client.py WSDL_URL (or INTEROP_WSDL_URL)", file=sys.stderr)
        return 2
    failures = 0
    for timestamp in (False, True):
        failures += Flow(wsdl_url, timestamp).run()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
