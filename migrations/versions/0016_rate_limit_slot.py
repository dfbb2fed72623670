"""The shared slot of rate limits across machines (Nominatim's one request per second).

Revision ID: 4e7a1c9d2b58
Revises: 5f1a7c3e9d20
Create Date: 2026-12-01 11:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e7a1c9d2b58'
down_revision = '5f1a7c3e9d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_limit_slot',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('last_slot', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_rate_limit_slot'))
    )


def downgrade():
    op.drop_table('rate_limit_slot')
