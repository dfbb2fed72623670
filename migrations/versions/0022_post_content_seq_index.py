"""An index on the posts' content stamps: the map reads only the posts changed since its points.

Revision ID: 3b9d4e6f2a81
Revises: 8f2c5a7d3b16
Create Date: 2026-12-01 18:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3b9d4e6f2a81'
down_revision = '8f2c5a7d3b16'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_post_content_seq', 'post', ['content_seq'])


def downgrade():
    op.drop_index('ix_post_content_seq', table_name='post')
