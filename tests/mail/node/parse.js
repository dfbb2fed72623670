// Parses raw RFC 5322 messages with mailparser (not Python's email package) and prints JSON:
// one object per file named on the command line, for tests/mail/wire.py.
"use strict";
const fs = require("fs");
const { simpleParser } = require("mailparser");

function addresses(value) {
  if (!value) return [];
  return value.value.map((entry) => ({ name: entry.name, address: entry.address }));
}

async function parse(path) {
  const parsed = await simpleParser(fs.readFileSync(path), { skipImageLinks: true });
  const headers = {};
  for (const [key, value] of parsed.headers) {
    headers[key] = typeof value === "object" && !(value instanceof Date) ? value : String(value);
  }
  return {
    subject: parsed.subject,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    date: parsed.date ? parsed.date.toISOString() : null,
    messageId: parsed.messageId || null,
    headerLines: parsed.headerLines.map((line) => ({ key: line.key, line: line.line })),
    headers,
    text: parsed.text || "",
    html: parsed.html || "",
  };
}

Promise.all(process.argv.slice(2).map(parse)).then(
  (results) => process.stdout.write(JSON.stringify(results)),
  (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); },
);
