// Parses iCalendar files with Mozilla's ical.js (not Python's icalendar, which wrote them) and
// prints JSON: per file the calendar's properties and its events, times as UTC and as written.
import fs from "node:fs";
import ICAL from "ical.js";

function time(value) {
  if (!value) return null;
  return { utc: value.isDate ? null : value.toJSDate().toISOString(), local: value.toString(),
           tzid: value.zone ? value.zone.tzid : null, isDate: value.isDate };
}

// Every day the event is held, as a calendar app expands it (RRULE through ICAL.Event.iterator).
function occurrences(event) {
  if (!event.isRecurring()) return [{ start: time(event.startDate), end: time(event.endDate) }];
  const found = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && found.length < 100; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    found.push({ start: time(details.startDate), end: time(details.endDate) });
  }
  return found;
}

function parse(path) {
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(path, "utf8")));
  // Register the feed's own VTIMEZONE, so times are read through it, not through a built-in zone.
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid, summary: event.summary, description: event.description,
      location: event.location, sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
      url: component.getFirstPropertyValue("url"),
      geo: component.getFirstPropertyValue("geo"),
      organizer: component.getFirstPropertyValue("organizer"),
      start: time(event.startDate), end: time(event.endDate),
      occurrences: occurrences(event),
      alarms: component.getAllSubcomponents("valarm").map(
        (alarm) => String(alarm.getFirstPropertyValue("trigger"))),
    };
  });
  return {
    name: root.getFirstPropertyValue("x-wr-calname"),
    refresh: String(root.getFirstPropertyValue("refresh-interval")),
    timezones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    events,
  };
}

console.log(JSON.stringify(process.argv.slice(2).map(parse)));
