"""Posts: whether the contact details are public or for signed-in members only.

Revision ID: 8a4e2f6c0b15
Revises: 3b7e9d2c4f18
Create Date: 2026-12-01 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8a4e2f6c0b15'
down_revision = '3b7e9d2c4f18'
branch_labels = None
depends_on = None


def upgrade():
    # Existing posts keep their contacts for members only until the author decides otherwise.
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_public', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('contact_public')
