"""Content stamps: post.content_seq and content_version.general, so pages of posts can tell
whether the posts they show changed (jobnet/content_version.py).

Revision ID: 4e8a2c6f1b93
Revises: 9c4d2e8b1f37
Create Date: 2026-12-01 11:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e8a2c6f1b93'
down_revision = '9c4d2e8b1f37'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_seq', sa.BigInteger(), server_default='0',
                                      nullable=False))
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('general', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('content_version', schema=None) as batch_op:
        batch_op.drop_column('general')
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('content_seq')
