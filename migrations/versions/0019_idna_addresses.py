"""Stored addresses in their normalised form: trimmed, lower case, the domain in IDNA (punycode)
form, so rows written before normalise_email encoded domains (`leser@bücher.example`) are found
by lookups of `leser@xn--bcher-kva.example` and re-subscribing does not add a second row.

Revision ID: 7c2e9a4f1d63
Revises: 5e1f7a3c9b20
Create Date: 2026-12-02 10:00:00.000000

"""
import logging

import idna
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c2e9a4f1d63'
down_revision = '5e1f7a3c9b20'
branch_labels = None
depends_on = None

log = logging.getLogger("jobnet.migrations")

# The tables whose address column is looked up by its normalised form, and whether one address
# may stand for only one row there. In those (a user, a subscriber) a row whose normalised form
# is taken already belongs to someone who has both spellings: it is left as it is and reported
# by table and id for an admin to resolve, never merged or deleted here. Elsewhere several rows
# of one address are normal (two pending requests, two organisations sharing a mailbox) and
# every row is rewritten: an unconverted pending row or invitation would write its old spelling
# into digest_subscription or user_account when confirmed or accepted.
TABLES = [
    ("user_account", True),
    ("digest_subscription", True),
    ("organisation", False),
    ("invitation", False),
    ("digest_pending_subscription", False),
]
# Not here: organisation_contact.email and the posts' and exchange's contact_email are shown,
# never looked up; digest_opt_out and digest_subscribe_throttle hold HMACs of an address,
# which cannot be recomputed without it.
UPDATE_CHUNK = 500


def _normalise(email):
    """accounts/services.py's normalise_email as of this revision, written out here so this
    step stays what it was when the code moves on."""
    email = email.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or domain.isascii():
        return email
    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except (idna.IDNAError, UnicodeError, ValueError):
        return email


def _normalise_table(connection, table, one_row_per_address):
    rows = connection.execute(sa.text(
        f"SELECT id, email FROM {table} WHERE email IS NOT NULL ORDER BY id")).all()
    taken = {email for _, email in rows}
    updates, skipped = [], 0
    for row_id, email in rows:
        normalised = _normalise(email)
        if normalised == email:
            continue
        if one_row_per_address and normalised in taken:
            # Both spellings exist: the address alone may be personal, so only table and id.
            log.warning("0019_idna_addresses: %s row %s left unchanged: its normalised address "
                        "belongs to another row of the table", table, row_id)
            skipped += 1
            continue
        taken.add(normalised)
        updates.append({"id": row_id, "email": normalised})
    statement = sa.text(f"UPDATE {table} SET email = :email WHERE id = :id")
    for start in range(0, len(updates), UPDATE_CHUNK):
        connection.execute(statement, updates[start:start + UPDATE_CHUNK])
    if updates or skipped:
        log.info("0019_idna_addresses: %s: %d rewritten, %d left unchanged",
                 table, len(updates), skipped)


def upgrade():
    connection = op.get_bind()
    for table, one_row_per_address in TABLES:
        _normalise_table(connection, table, one_row_per_address)


def downgrade():
    # A no-op: the spelling each row had is not kept anywhere, and the normalised form is the
    # same address, which the code of the revision before already writes and looks up.
    pass
