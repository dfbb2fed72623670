"""The map learns a fair's state: a code per marker and the note in its popup."""

from __future__ import annotations

from datetime import timedelta

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.fairs.services import cancel_fair, move_fair
from jobnet.posts.models import Kind


def test_markers_and_popups_carry_moved_and_cancelled(client, make_post, make_user):
    author = make_user(Role.ORGANISER)
    now = utcnow()
    start = now + timedelta(days=20)
    fairs = [make_post(Kind.FAIR, author=author, district_ags="06412", now=now, starts_at=start,
                       ends_at=start + timedelta(hours=6)) for _ in range(3)]
    make_post(Kind.SETTLEMENT, district_ags="06632")
    move_fair(fairs[1], user=author, now=now, starts_at=start + timedelta(days=7),
              ends_at=start + timedelta(days=7, hours=6))
    cancel_fair(fairs[2], user=author, now=now, reason="Halle gesperrt")

    data = client.get("/karte/daten.json").get_json()
    states = dict(zip(data["id"], (data["states"][code] for code in data["state"]), strict=True))
    assert [states[fair.id] for fair in fairs] == ["scheduled", "moved", "cancelled"]
    assert len(data["state"]) == len(data["id"]) == 4

    popup = client.get(f"/karte/beitrag/{fairs[2].id}.json").get_json()
    assert popup["state"] == "cancelled" and popup["state_note"] == "Abgesagt: Halle gesperrt"
    popup = client.get(f"/karte/beitrag/{fairs[1].id}.json").get_json()
    assert popup["state"] == "moved" and popup["state_note"].startswith("Verschoben vom")
