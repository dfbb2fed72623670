"""Figures for questions and notifications: a member's post page with many questions, and
notification mails through a real SMTP server (aiosmtpd on loopback).

Run: python bench/bench_threads.py [database URL]. Without a URL a temporary SQLite file is used;
a PostgreSQL URL must name an empty scratch database (its tables are created and dropped).
Baseline in the same run: the same post page without questions. See docs/architecture.md,
"Questions and answers" and "Following and notifications".
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobnet import create_app
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.passwords import hash_password
from jobnet.clock import utcnow
from jobnet.exchange import notification_mail, threads
from jobnet.extensions import db
from jobnet.mail.transports import SMTPTransport
from jobnet.posts import services
from jobnet.posts.models import Kind

THREADS, ANSWERS, REQUESTS, MEMBERS = 50, 10, 30, 200
PASSWORD = "Bench-Passwort-2026"


def _app(url: str):
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "MAIL_TRANSPORT": "memory", "MAP_TILE_URL": "", "PAGE_CACHE_GRACE_SECONDS": 0,
                      "EXCHANGE_MESSAGES_PER_HOUR": 10**6})
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def _people(n: int, organisation: Organisation, prefix: str) -> list[User]:
    users = [User(email=f"{prefix}{i}@example.org", name=f"{prefix} {i}", role="coordinator",
                  organisation=organisation, password_hash=hash_password(PASSWORD))
             for i in range(n)]
    db.session.add_all(users)
    db.session.commit()
    return users


def _page_median(client, url: str) -> float:
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _signed_in(app, email: str):
    client = app.test_client()
    page = client.get("/konto/anmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/konto/anmelden", data={"csrf_token": token, "email": email,
                                         "password": PASSWORD})
    return client


def post_page(app) -> tuple[float, float]:
    """Median ms of a member's post page without questions and with THREADS x ANSWERS."""
    from tests.posts.conftest import post_data

    with app.app_context():
        kca = Organisation(name="KCA", district_ags="06435")
        offenbach = Organisation(name="Jobcenter Kreis Offenbach", district_ags="06438")
        [kira], [olaf] = _people(1, kca, "kira"), _people(1, offenbach, "olaf")
        post = services.create_post(Kind.PROJECT, post_data(Kind.PROJECT, title="Projekt"),
                                    author=kira, now=utcnow(), publish=True)
        url, email = f"/beitraege/{post.id}", olaf.email
        client = _signed_in(app, email)
        empty = _page_median(client, url)
        now = utcnow()
        for n in range(THREADS):
            thread = threads.ask_on_post(olaf, post, body=f"Frage {n}", now=now)
            for m in range(ANSWERS):
                threads.reply(kira, thread, body=f"Antwort {m} " * 20, now=now)
    return empty, _page_median(client, url)


def mails(app, url: str) -> tuple[int, float]:
    """MEMBERS notification mails prepared and sent to aiosmtpd: count and mails per second."""
    from aiosmtpd.controller import Controller

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with app.app_context():
            fulda = Organisation(name="KJC Fulda", district_ags="06631")
            members = _people(MEMBERS, fulda, "mitglied")
            from jobnet.exchange import follows
            from jobnet.exchange.notification_models import Target
            for member in members:
                follows.set_follow(member, Target.TOPIC, "training", follow=True, now=utcnow())
            asker = db.session.query(User).filter(User.email == "olaf0@example.org").one()
            now = utcnow()
            threads.ask_network(asker, title="Teilqualifizierung?", body="Wer?", topic="training",
                                now=now)
            start = time.perf_counter()
            notification_mail.prepare(now=now)
            counts = notification_mail.send_due(SMTPTransport("127.0.0.1", port),
                                                now=now + timedelta(seconds=1))
            seconds = time.perf_counter() - start
    finally:
        controller.stop()
    return counts["sent"], counts["sent"] / seconds


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else \
        f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = _app(url)
    empty, full = post_page(app)
    print(f"member post page: {empty:.1f} ms without questions, {full:.1f} ms with "
          f"{THREADS} questions x {ANSWERS} answers (median of {REQUESTS})")
    sent, rate = mails(app, url)
    print(f"notification mails: {sent} sent to aiosmtpd, {rate:.0f} mails/s (prepare + send)")
    with app.app_context():
        db.drop_all()


if __name__ == "__main__":
    main()
