"""Content version: the counter the page cache keys public pages on.

Revision ID: 8c3f1e5a7d20
Revises: 5e0c1a7b3d92
Create Date: 2026-12-01 06:30:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8c3f1e5a7d20'
down_revision = '5e0c1a7b3d92'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('content_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_version'))
    )
    # Existing data counts as written: pages are cached from the first request on.
    op.bulk_insert(table, [{'id': 1, 'number': 1, 'epoch': secrets.token_hex(8)}])


def downgrade():
    op.drop_table('content_version')
