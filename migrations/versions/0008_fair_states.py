"""Job fairs: co-organisers, exhibitors, all-day fairs, visitor registration, accessibility,
directions, states (moved, cancelled) with reschedule records and a calendar sequence.

Revision ID: 3b7e9d2c4f18
Revises: 8c3f1e5a7d20
Create Date: 2026-12-08 09:00:00

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '3b7e9d2c4f18'
down_revision = '8c3f1e5a7d20'
branch_labels = None
depends_on = None


def upgrade():
    # Existing fairs are scheduled, timed, at sequence 0, with nothing else known.
    with op.batch_alter_table('job_fair', schema=None) as batch_op:
        batch_op.add_column(sa.Column('all_day', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('visitor_registration_url', sa.String(length=500),
                                      nullable=True))
        batch_op.add_column(sa.Column('visitor_registration_deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('accessibility', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.add_column(sa.Column('directions', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('state', sa.String(length=20), nullable=False,
                                      server_default='scheduled'))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('calendar_sequence', sa.Integer(), nullable=False,
                                      server_default='0'))

    op.create_table('job_fair_co_organiser',
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['job_fair.id'], name=op.f('fk_job_fair_co_organiser_fair_id_job_fair'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_job_fair_co_organiser_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('fair_id', 'organisation_id', name=op.f('pk_job_fair_co_organiser'))
    )
    with op.batch_alter_table('job_fair_co_organiser', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_fair_co_organiser_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('job_fair_exhibitor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=200), nullable=False),
    sa.Column('open_positions', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['job_fair.id'], name=op.f('fk_job_fair_exhibitor_fair_id_job_fair'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_fair_exhibitor'))
    )
    with op.batch_alter_table('job_fair_exhibitor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_fair_exhibitor_fair_id'), ['fair_id'], unique=False)

    op.create_table('job_fair_reschedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('old_starts_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('old_ends_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('new_starts_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('new_ends_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['fair_id'], ['job_fair.id'], name=op.f('fk_job_fair_reschedule_fair_id_job_fair'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_job_fair_reschedule_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_fair_reschedule'))
    )
    with op.batch_alter_table('job_fair_reschedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_fair_reschedule_fair_id'), ['fair_id'], unique=False)


def downgrade():
    op.drop_table('job_fair_reschedule')
    op.drop_table('job_fair_exhibitor')
    op.drop_table('job_fair_co_organiser')
    with op.batch_alter_table('job_fair', schema=None) as batch_op:
        for column in ('calendar_sequence', 'cancel_reason', 'state', 'directions',
                       'accessibility', 'visitor_registration_url',
                       'visitor_registration_deadline', 'all_day'):
            batch_op.drop_column(column)
