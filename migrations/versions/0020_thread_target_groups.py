"""Target groups of questions to the network (optional, several), like their districts.

Revision ID: 2d8b6f4a1e73
Revises: 7c2e9a4f1d63
Create Date: 2026-12-01 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d8b6f4a1e73'
down_revision = '7c2e9a4f1d63'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_thread_target_group',
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['exchange_thread.id'], name=op.f('fk_exchange_thread_target_group_thread_id_exchange_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('thread_id', 'code', name=op.f('pk_exchange_thread_target_group'))
    )


def downgrade():
    op.drop_table('exchange_thread_target_group')
