"""States in digest preferences; stored district keys of districts merged since 2017 move to
today's key (Göttingen + Osterode am Harz -> 03159 on 2016-11-01, Eisenach -> Wartburgkreis 16063
on 2021-07-01; scripts/geodata/curated.json). A Hessian database holds none of them.

Revision ID: 5f1a7c3e9d20
Revises: 4e8a2c6f1b93
Create Date: 2026-12-01 11:40:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5f1a7c3e9d20'
down_revision = '4e8a2c6f1b93'
branch_labels = None
depends_on = None

# Frozen here: a migration must not read today's geodata. Areas (km², VG250 2017) weight the
# commuting-catchment shares when two districts become one.
TODAY = {'03152': '03159', '03156': '03159', '16056': '16063'}
AREA_KM2 = {'03152': 1117.943, '03156': 635.862, '16056': 104.42, '16063': 1305.377}


def upgrade():
    with op.batch_alter_table('digest_subscription', schema=None) as batch_op:
        batch_op.add_column(sa.Column('states', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
    bind = op.get_bind()
    for old, new in TODAY.items():
        for table in ('post', 'organisation'):
            bind.execute(sa.text(f'UPDATE {table} SET district_ags = :new WHERE district_ags = :old'),
                         {'old': old, 'new': new})
        _move_keyed_rows(bind, 'exchange_thread_district', 'thread_id', 'district_ags', old, new)
        bind.execute(sa.text(
            "DELETE FROM exchange_follow WHERE target = 'district' AND key = :old AND user_id IN "
            "(SELECT user_id FROM exchange_follow WHERE target = 'district' AND key = :new)"),
            {'old': old, 'new': new})
        bind.execute(sa.text("UPDATE exchange_follow SET key = :new WHERE target = 'district' "
                             "AND key = :old"), {'old': old, 'new': new})
    _merge_catchments(bind)
    _move_subscriptions(bind)


def _move_keyed_rows(bind, table, owner, column, old, new):
    bind.execute(sa.text(
        f'DELETE FROM {table} WHERE {column} = :old AND {owner} IN '
        f'(SELECT {owner} FROM {table} WHERE {column} = :new)'), {'old': old, 'new': new})
    bind.execute(sa.text(f'UPDATE {table} SET {column} = :new WHERE {column} = :old'),
                 {'old': old, 'new': new})


def _merge_catchments(bind):
    rows = bind.execute(sa.text(
        'SELECT settlement_id, district_ags, share FROM settlement_catchment '
        'WHERE district_ags IN :keys').bindparams(sa.bindparam('keys', expanding=True)),
        {'keys': sorted(set(TODAY) | set(TODAY.values()))}).all()
    merged = {}
    for settlement, ags, share in rows:
        new = TODAY.get(ags, ags)
        merged.setdefault((settlement, new), 0.0)
        merged[(settlement, new)] += share * AREA_KM2.get(ags, 0.0)
    for (settlement, new), weighted in merged.items():
        parts = [ags for ags in AREA_KM2 if TODAY.get(ags, ags) == new]
        share = weighted / sum(AREA_KM2[ags] for ags in parts)
        bind.execute(sa.text('DELETE FROM settlement_catchment WHERE settlement_id = :s AND '
                             'district_ags IN :keys').bindparams(
                                 sa.bindparam('keys', expanding=True)),
                     {'s': settlement, 'keys': parts + [new]})
        bind.execute(sa.text('INSERT INTO settlement_catchment (settlement_id, district_ags, share) '
                             'VALUES (:s, :a, :share)'), {'s': settlement, 'a': new, 'share': share})


def _move_subscriptions(bind):
    rows = bind.execute(sa.text('SELECT id, districts FROM digest_subscription')).all()
    for subscription, districts in rows:
        keys = json.loads(districts) if isinstance(districts, str) else (districts or [])
        moved = list(dict.fromkeys(TODAY.get(key, key) for key in keys))
        if moved != keys:
            bind.execute(sa.text('UPDATE digest_subscription SET districts = :d WHERE id = :i')
                         .bindparams(sa.bindparam('d', type_=sa.JSON)),
                         {'d': moved, 'i': subscription})


def downgrade():
    # The old keys are not restored: posts and subscriptions of merged districts stay merged.
    with op.batch_alter_table('digest_subscription', schema=None) as batch_op:
        batch_op.drop_column('states')
