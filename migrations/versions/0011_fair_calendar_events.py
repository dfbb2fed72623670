"""Job fairs: serialised calendar events kept across processes.

Revision ID: c3f18a6d2e97
Revises: 5d1c7a9e3b42
Create Date: 2026-12-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3f18a6d2e97'
down_revision = '5d1c7a9e3b42'
branch_labels = None
depends_on = None


def upgrade():
    # A cache: the feeds fill it again, so the downgrade may simply drop it.
    op.create_table(
        'job_fair_calendar_event',
        sa.Column('fair_id', sa.Integer(), nullable=False),
        sa.Column('variant', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('body', sa.LargeBinary(), nullable=False),
        sa.Column('struck_out', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['fair_id'], ['job_fair.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('fair_id', 'variant'),
    )


def downgrade():
    op.drop_table('job_fair_calendar_event')
