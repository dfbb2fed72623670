"""Building mails (plain text + HTML) and handing them to a transport."""
