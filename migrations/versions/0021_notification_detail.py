"""A notification's detail: the changed fields of a post its followers are told of.

Revision ID: 8f2c5a7d3b16
Revises: 2d8b6f4a1e73
Create Date: 2026-12-01 15:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8f2c5a7d3b16'
down_revision = '2d8b6f4a1e73'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN (no batch mode): with a server default SQLite adds it in place.
    op.add_column('member_notification',
                  sa.Column('detail', sa.String(length=300), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('member_notification', schema=None) as batch_op:
        batch_op.drop_column('detail')
