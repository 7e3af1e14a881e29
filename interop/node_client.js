#!/usr/bin/env node
// Interop client: node-soap (npm "soap", pinned in package.json) against the served WSDL.
//
// Usage: node node_client.js WSDL_URL        (or env INTEROP_WSDL_URL)
//
// Runs the interop flow twice, without and with a wsu:Timestamp in the wsse:Security header, and
// prints one line per check: "node   timestamp=no  create    PASS" (or FAIL and a reason).
// Exits 1 if any check failed.
'use strict';

const crypto = require('crypto');
const soap = require('soap');

const STACK = 'node';
const START = '2031-04-12T09:00:00Z';
const END = '2031-04-12T10:00:00Z';
const MISSING_ID = '999999999999';

const wsdlUrl = process.argv[2] || process.env.INTEROP_WSDL_URL;
if (!wsdlUrl) {
  process.stderr.write('usage: node node_client.js WSDL_URL (or INTEROP_WSDL_URL)\n');
  process.exit(2);
}

async function client(user, password, timestamp) {
  const c = await soap.createClientAsync(wsdlUrl);
  // PasswordText, no Nonce, no wsu:Created in the token; hasTimeStamp adds
  // <wsu:Timestamp><wsu:Created>now</wsu:Created><wsu:Expires>now+10 min</wsu:Expires></wsu:Timestamp>.
  c.setSecurity(new soap.WSSecurity(user, password, {
    passwordType: 'PasswordText',
    hasTimeStamp: timestamp,
    hasTokenCreated: false,
    hasNonce: false,
    mustUnderstand: true,
  }));
  return c;
}

function describe(e) {
  const fault = e && e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault;
  if (fault) {
    return `SOAP fault ${fault.faultcode}: ${fault.faultstring}`;
  }
  return e && e.message ? e.message : String(e);
}

const asArray = (x) => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);

async function flow(timestamp) {
  const label = timestamp ? 'yes' : 'no';
  let failures = 0;
  const report = (check, ok, reason) => {
    if (!ok) failures++;
    let line = `${STACK.padEnd(6)} timestamp=${label.padEnd(3)} ${check.padEnd(9)} ${ok ? 'PASS' : 'FAIL'}`;
    if (!ok && reason) line += ' ' + String(reason).replace(/\s+/g, ' ').slice(0, 300);
    console.log(line);
  };

  let recordId = null;
  let found = null;
  let alice;
  let bob;
  try {
    alice = await client('alice', 'alice-demo', timestamp);
    bob = await client('bob', 'bob-demo', timestamp);
  } catch (e) {
    for (const check of ['create', 'list', 'accept', 'fault', 'datetime']) {
      report(check, false, 'cannot read the WSDL: ' + describe(e));
    }
    return failures;
  }

  // create
  try {
    let bobId = null;
    let pageToken;
    for (let i = 0; i < 100; i++) {
      const [page] = await alice.ListAssociatesAsync(pageToken ? { pageToken } : {});
      for (const a of asArray(page && page.associate)) {
        if (a.username === 'bob') bobId = a.associateId;
      }
      pageToken = page && page.nextPageToken;
      if (bobId !== null || !pageToken) break;
    }
    if (bobId === null) throw new Error("ListAssociates has no associate 'bob'");
    const title = `interop ${STACK} timestamp=${label} ${crypto.randomBytes(5).toString('hex')}`;
    const [created] = await alice.CreateInvitationAsync({
      type: 'MEETING',
      title,
      start: START,
      end: END,
      participants: { participant: [{ associateId: bobId }] },
    });
    const mine = asArray(created.participant).filter(
      (p) => p.participant && String(p.participant.associateId) === String(bobId));
    if (mine.length !== 1) {
      throw new Error(`expected one participant record for bob (associateId ${bobId}), got ${mine.length}`);
    }
    if (Number(mine[0].status) !== 5) {
      throw new Error(`bob's record ${mine[0].recordId} has status ${mine[0].status}, expected 5`);
    }
    recordId = String(mine[0].recordId);
    report('create', true);
  } catch (e) {
    report('create', false, describe(e));
  }

  // list
  if (recordId === null) {
    report('list', false, 'no recordId from create');
  } else {
    try {
      let [page] = await bob.GetInvitationsAsync({});
      for (let i = 0; i < 100 && !found; i++) {
        found = asArray(page && page.invitation).find((inv) => String(inv.recordId) === recordId) || null;
        if (found || !(page && page.nextPageToken)) break;
        [page] = await bob.GetInvitationsAsync({ pageToken: page.nextPageToken });
      }
      if (!found) throw new Error(`recordId ${recordId} not in bob's GetInvitations`);
      report('list', true);
    } catch (e) {
      report('list', false, describe(e));
    }
  }

  // accept
  if (recordId === null) {
    report('accept', false, 'no recordId from create');
  } else {
    try {
      const [answer] = await bob.AcceptInvitationAsync({ recordId });
      if (Number(answer.status) !== 1) throw new Error(`status ${answer.status} after AcceptInvitation, expected 1`);
      if (String(answer.recordId) !== recordId) throw new Error(`answer is about record ${answer.recordId}, not ${recordId}`);
      report('accept', true);
    } catch (e) {
      report('accept', false, describe(e));
    }
  }

  // fault
  try {
    let faulted = false;
    try {
      await bob.AcceptInvitationAsync({ recordId: MISSING_ID });
    } catch (e) {
      faulted = true;
      const fault = e && e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault;
      if (!fault) throw new Error('not a SOAP fault: ' + describe(e));
      const detail = fault.detail;
      if (!detail || typeof detail !== 'object') {
        throw new Error(`fault without detail: ${fault.faultcode} ${fault.faultstring}`);
      }
      const info = detail.NotFoundFault;
      if (!info) {
        throw new Error(`detail holds ${Object.keys(detail).join(',')}, not NotFoundFault: ${fault.faultstring}`);
      }
      if (typeof info.message !== 'string' || info.message.trim() === '') throw new Error('NotFoundFault.message is empty');
      if (String(info.id) !== MISSING_ID) throw new Error(`NotFoundFault.id is ${JSON.stringify(info.id)}, expected ${MISSING_ID}`);
    }
    if (!faulted) throw new Error(`AcceptInvitation(${MISSING_ID}) did not fault`);
    report('fault', true);
  } catch (e) {
    report('fault', false, describe(e));
  }

  // datetime
  if (!found) {
    report('datetime', false, 'invitation not listed');
  } else {
    try {
      const raw = found.start;
      // node-soap hands xs:dateTime over as a Date (or, depending on the version, the text)
      const got = raw instanceof Date ? raw : new Date(String(raw));
      if (!(raw instanceof Date) && !/(Z|[+-]\d\d:\d\d)$/.test(String(raw))) {
        throw new Error(`start '${raw}' has no time zone`);
      }
      if (Number.isNaN(got.getTime())) throw new Error(`start '${raw}' is not a date`);
      if (got.getTime() !== Date.parse(START)) throw new Error(`start ${got.toISOString()} != ${START}`);
      report('datetime', true);
    } catch (e) {
      report('datetime', false, describe(e));
    }
  }
  return failures;
}

(async () => {
  let failures = 0;
  for (const timestamp of [false, true]) {
    failures += await flow(timestamp);
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
