// Expands an iCalendar series the way a mail program does, with Mozilla's ical.js (the library of
// Thunderbird's calendar), which knows no zone by name: every TZID must be defined by a VTIMEZONE in
// the file itself, so this also checks the VTIMEZONE the service writes. Reads one .ics on stdin
// (RRULE, RDATE, EXDATE, and VEVENTs with RECURRENCE-ID that override occurrences) and prints each
// instance's start as a UTC ISO line (2027-03-15T08:00:00Z), in order. Exits 1 when the file cannot be
// read as one series, or when a time names a zone the file does not define.
//
//   node interop/ical_expand.mjs < invite.ics
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';

const LIMIT = 5000; // a series has at most 730 occurrences; never expand without end

function fail(message) {
  process.stderr.write(`ical_expand: ${message}\n`);
  process.exit(1);
}

const text = readFileSync(0, 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(vtimezone);
}

const events = root.getAllSubcomponents('vevent');
const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
if (masters.length !== 1) fail(`expected one VEVENT without RECURRENCE-ID, found ${masters.length}`);
const uid = masters[0].getFirstPropertyValue('uid');

function checkZone(time, what) {
  const tzid = time.timezone;
  if (time.zone === ICAL.Timezone.localTimezone && tzid) fail(`${what} names TZID ${tzid}, defined by no VTIMEZONE`);
  if (time.zone === ICAL.Timezone.localTimezone && !time.isDate) fail(`${what} is a floating time`);
}

const event = new ICAL.Event(masters[0]);
checkZone(event.startDate, 'DTSTART');
for (const exception of events.filter((e) => e.hasProperty('recurrence-id'))) {
  if (exception.getFirstPropertyValue('uid') !== uid) fail('an override has another UID than the series');
  const override = new ICAL.Event(exception);
  checkZone(override.recurrenceId, 'RECURRENCE-ID');
  checkZone(override.startDate, 'an override\'s DTSTART');
  event.relateException(override);
}

const starts = [];
if (event.isRecurring()) {
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (starts.length >= LIMIT) fail(`more than ${LIMIT} instances`);
    starts.push(event.getOccurrenceDetails(next).startDate);
  }
} else {
  starts.push(event.startDate);
}
const lines = starts.map((t) => t.toJSDate().toISOString().replace('.000Z', 'Z')).sort();
process.stdout.write(lines.map((l) => `${l}\n`).join(''));
