"""Questions and answers between members: threads on posts and to the network, messages,
mentions of organisations, edit history and reports.

Revision ID: 7b3e9f1a2c64
Revises: c3f18a6d2e97
Create Date: 2026-12-01 09:02:54.960509

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '7b3e9f1a2c64'
down_revision = 'c3f18a6d2e97'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_thread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_message_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('answered_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_exchange_thread_answered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_exchange_thread_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_exchange_thread_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_exchange_thread_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_thread'))
    )
    with op.batch_alter_table('exchange_thread', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_thread_last_message_at'), ['last_message_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_thread_post_id'), ['post_id'], unique=False)

    op.create_table('exchange_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('quote_of_id', sa.Integer(), nullable=True),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('edited_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('hidden_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_exchange_message_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['user_account.id'], name=op.f('fk_exchange_message_hidden_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_exchange_message_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['quote_of_id'], ['exchange_message.id'], name=op.f('fk_exchange_message_quote_of_id_exchange_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['exchange_thread.id'], name=op.f('fk_exchange_message_thread_id_exchange_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_message'))
    )
    with op.batch_alter_table('exchange_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_message_thread_id'), ['thread_id'], unique=False)

    op.create_table('exchange_thread_district',
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('district_ags', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['exchange_thread.id'], name=op.f('fk_exchange_thread_district_thread_id_exchange_thread'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('thread_id', 'district_ags', name=op.f('pk_exchange_thread_district'))
    )
    op.create_table('exchange_mention',
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['exchange_message.id'], name=op.f('fk_exchange_mention_message_id_exchange_message'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_exchange_mention_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_id', 'organisation_id', name=op.f('pk_exchange_mention'))
    )
    op.create_table('exchange_message_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('body_before', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['exchange_message.id'], name=op.f('fk_exchange_message_edit_message_id_exchange_message'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_exchange_message_edit_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_message_edit'))
    )
    with op.batch_alter_table('exchange_message_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_message_edit_message_id'), ['message_id'], unique=False)

    op.create_table('exchange_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['exchange_message.id'], name=op.f('fk_exchange_report_message_id_exchange_message'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_exchange_report_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_report')),
    sa.UniqueConstraint('message_id', 'user_id', name=op.f('uq_exchange_report_message_id'))
    )
    with op.batch_alter_table('exchange_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_report_message_id'), ['message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('exchange_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_report_message_id'))

    op.drop_table('exchange_report')
    with op.batch_alter_table('exchange_message_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_message_edit_message_id'))

    op.drop_table('exchange_message_edit')
    op.drop_table('exchange_mention')
    op.drop_table('exchange_thread_district')
    with op.batch_alter_table('exchange_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_message_thread_id'))

    op.drop_table('exchange_message')
    with op.batch_alter_table('exchange_thread', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_thread_post_id'))
        batch_op.drop_index(batch_op.f('ix_exchange_thread_last_message_at'))

    op.drop_table('exchange_thread')
