"""Loads the demo network into the database, idempotently."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from jobnet.accounts.models import Organisation, Role, User
from jobnet.accounts.passwords import hash_password
from jobnet.clock import local_today
from jobnet.demo.network import DEMO_USERS, ORGANISATIONS, RINGS, demo_posts
from jobnet.extensions import db
from jobnet.fairs.services import cancel_fair, move_fair
from jobnet.geo.boundaries import Boundaries
from jobnet.geo.settings import geo_settings
from jobnet.posts.kinds import DERIVED_FIELDS
from jobnet.posts.models import Post, Status
from jobnet.posts.services import create_post
from jobnet.rings.models import Ring, RingMember, RingModerator

LOGINS_FILE = "demo-logins.json"


@dataclass
class LoadSummary:
    organisations: int = 0
    users: int = 0
    posts: int = 0
    rings: int = 0


class DemoRegionError(RuntimeError):
    """The configured region does not hold the demo network's districts."""


def check_region(boundaries: Boundaries, today) -> None:
    """DemoRegionError unless the region holds every district the demo network names: the demo
    is the Hessian network, so it loads with Hesse or Germany, not with Lower Saxony."""
    needed = {ags for row in ORGANISATIONS for ags in row["districts"] if ags}
    needed |= {row["fields"]["district_ags"] for row in demo_posts(today)
               if row["fields"].get("district_ags")}
    known = {district.ags for district in boundaries.districts()}
    missing = sorted(needed - known)
    if missing:
        raise DemoRegionError(
            f"The demo network lies in Hesse (district keys {missing[0][:2]}…) and region "
            f"{boundaries.name!r} holds {len(needed) - len(missing)} of its {len(needed)} "
            f"districts ({len(missing)} missing, e.g. {', '.join(missing[:3])}). "
            'Load it with GEO_REGION "hessen" or "deutschland"; nothing was written.')


def load_demo(now: datetime, instance_path: str | Path,
              boundaries: Boundaries | None = None) -> LoadSummary:
    """Create whatever part of the demo network is missing; never duplicates anything.
    DemoRegionError, before anything is written, if the region (default: the app's) lacks the
    demo's districts."""
    check_region(boundaries or geo_settings().boundaries, local_today(now))
    summary = LoadSummary()
    orgs = _ensure_organisations(summary)
    _ensure_demo_users(orgs, Path(instance_path), summary)
    _ensure_posts(orgs, now, summary)
    _ensure_rings(orgs, summary)
    db.session.commit()
    return summary


def read_demo_logins(instance_path: str | Path) -> list[dict]:
    """The demo users' logins as written by load_demo()."""
    path = Path(instance_path) / LOGINS_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else []


def _ensure_organisations(summary: LoadSummary) -> dict[str, Organisation]:
    existing = {o.name: o for o in db.session.scalars(select(Organisation))}
    for row in ORGANISATIONS:
        if row["name"] not in existing:
            existing[row["name"]] = Organisation(**row)
            db.session.add(existing[row["name"]])
            summary.organisations += 1
    db.session.flush()
    return existing


def _ensure_demo_users(orgs: dict[str, Organisation], instance: Path, summary: LoadSummary) -> None:
    # Passwords are random per installation and kept in instance/ (git-ignored), so no
    # well-known demo password ever reaches a server that was opened to the network.
    logins = {row["email"]: row for row in read_demo_logins(instance)}
    for row in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == row["email"]))
        if user is None:
            user = User(email=row["email"], name=row["name"], role=row["role"],
                        organisation=orgs[row["organisation"]])
            db.session.add(user)
            summary.users += 1
        if row["email"] not in logins or user.password_hash is None:
            password = secrets.token_urlsafe(9)
            user.password_hash = hash_password(password)
            logins[row["email"]] = {"role": row["role"], "email": row["email"], "password": password}
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / LOGINS_FILE
    path.write_text(json.dumps(list(logins.values()), indent=2, ensure_ascii=False), "utf-8")
    path.chmod(0o600)
    db.session.flush()


def _ensure_rings(orgs: dict[str, Organisation], summary: LoadSummary) -> None:
    existing = set(db.session.scalars(select(Ring.name)))
    for row in RINGS:
        if row["name"] in existing:
            continue  # a ring an admin changed since stays as they left it
        users = [db.session.scalar(select(User).where(User.email == email))
                 for email in row["moderators"]]
        db.session.add(Ring(name=row["name"],
                            member_rows=[RingMember(organisation=orgs[name])
                                         for name in row["members"]],
                            moderator_rows=[RingModerator(user=user) for user in users]))
        summary.rings += 1
    db.session.flush()


def _editorial_author(org: Organisation) -> User:
    # Each demo organisation posts through an editorial account that cannot sign in.
    slug = re.sub(r"[^a-z0-9]+", "-", org.name.lower()).strip("-")[:60]
    email = f"redaktion-{slug}@demo.jobnet-hessen.invalid"
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=f"Redaktion {org.name}"[:200], role=Role.COORDINATOR,
                    organisation=org, password_hash=None)
        db.session.add(user)
        db.session.flush()
    return user


def _ensure_posts(orgs: dict[str, Organisation], now: datetime, summary: LoadSummary) -> None:
    have = set(db.session.scalars(select(Post.title).where(Post.is_example.is_(True))))
    today = local_today(now)
    for row in demo_posts(today):
        if row["fields"]["title"] in have:
            continue
        author = _editorial_author(orgs[row["organisation"]])
        published = row.get("status", Status.PUBLISHED) == Status.PUBLISHED
        when = now - timedelta(days=row.get("published_days_ago", 0))
        # District and municipality follow from the point; the data names them for its tests.
        fields = {k: v for k, v in row["fields"].items() if k not in DERIVED_FIELDS}
        if "co_organisers" in row:
            fields["co_organiser_ids"] = [orgs[name].id for name in row["co_organisers"]]
        post = create_post(row["kind"], {**fields, "is_example": True}, author=author, now=when,
                           publish=published)
        _fair_events(post, row, author, when, now)
        db.session.flush()
        summary.posts += 1


def _fair_events(fair, row: dict, author: User, published: datetime, now: datetime) -> None:
    # A demo fair moved or cancelled a day after publication, through the same services, but
    # never after the load: a fair published today changes now, not tomorrow (a DTSTAMP and
    # a history entry in the future).
    later = min(published + timedelta(days=1), now)
    if moved := row.get("moved"):
        shift = timedelta(days=moved["by_days"])
        move_fair(fair, user=author, now=later, starts_at=fair.starts_at + shift,
                  ends_at=fair.ends_at + shift, note=moved.get("note"))
    if reason := row.get("cancelled"):
        cancel_fair(fair, user=author, now=later, reason=reason)
