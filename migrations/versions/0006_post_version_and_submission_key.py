"""Posts: a version for optimistic locking, the create form's one-time key, versions in history.

Revision ID: 5e0c1a7b3d92
Revises: 6f2d8b4c1e07
Create Date: 2026-12-01 03:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e0c1a7b3d92'
down_revision = '6f2d8b4c1e07'
branch_labels = None
depends_on = None


def upgrade():
    # Existing posts start at version 1 and have no key; existing history has no version.
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_post_submission_key'),
                                          ['submission_key'])

    with op.batch_alter_table('post_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('post_change', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_post_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')
        batch_op.drop_column('version')
