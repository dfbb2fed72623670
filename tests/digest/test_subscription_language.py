"""Pages reached from a subscriber's mail speak the subscription's language, unless the visitor
switched language explicitly."""

from __future__ import annotations

from urllib.parse import urlsplit

from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from tests.conftest import csrf_token_from
from tests.digest.conftest import links_in, parts_of

GERMAN_BROWSER = {"Accept-Language": "de-DE,de;q=0.9"}
FORM = {"email": "reader@example.org", "kinds": ["settlement"], "district_mode": "all",
        "frequency": "weekly", "locale": "en"}


def test_an_english_subscription_gets_english_manage_and_unsubscribe_pages(
        app, make_subscription):
    token = manage_token(make_subscription(locale="en"), utcnow())
    browser = app.test_client()
    manage = browser.get(f"/wochenuebersicht/verwalten/{token}", headers=GERMAN_BROWSER)
    html = manage.get_data(as_text=True)
    assert manage.status_code == 200
    assert '<html lang="en">' in html and "Weekly digest: settings" in html
    assert "Save settings" in html and "Einstellungen speichern" not in html
    page = browser.get(f"/wochenuebersicht/abmelden/{token}", headers=GERMAN_BROWSER)
    assert "Unsubscribe now" in page.get_data(as_text=True)
    done = browser.post(f"/wochenuebersicht/abmelden/{token}", headers=GERMAN_BROWSER)
    assert '<html lang="en">' in done.get_data(as_text=True)
    assert "Unsubscribed" in done.get_data(as_text=True)


def test_a_german_subscription_stays_german_in_an_english_browser(app, make_subscription):
    token = manage_token(make_subscription(locale="de"), utcnow())
    page = app.test_client().get(f"/wochenuebersicht/verwalten/{token}",
                                 headers={"Accept-Language": "en"})
    assert "Wochenübersicht: Einstellungen" in page.get_data(as_text=True)


def test_an_explicit_language_switch_wins(app, make_subscription):
    token = manage_token(make_subscription(locale="en"), utcnow())
    browser = app.test_client()
    manage = f"/wochenuebersicht/verwalten/{token}"
    browser.get(manage)
    html = browser.get("/beitraege/").get_data(as_text=True)
    browser.post("/language", data={"locale": "de", "next": manage,
                                    "csrf_token": csrf_token_from(html)})
    page = browser.get(manage, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de">' in page and "Wochenübersicht: Einstellungen" in page


def test_the_confirm_page_and_its_message_speak_the_requested_language(
        app, client, submit, mail_outbox):
    submit("/wochenuebersicht/", FORM)
    path = urlsplit(next(u for u in links_in(parts_of(mail_outbox[0])[0])
                         if "/bestaetigen/" in u)).path
    browser = app.test_client()
    page = browser.get(path, headers=GERMAN_BROWSER)
    html = page.get_data(as_text=True)
    assert "Yes, confirm my subscription" in html
    confirmed = browser.post(path, data={"csrf_token": csrf_token_from(html)},
                             headers=GERMAN_BROWSER, follow_redirects=True)
    html = confirmed.get_data(as_text=True)
    assert "Your subscription is confirmed" in html and "Weekly digest: settings" in html


def test_saving_another_language_answers_in_the_new_language(app, make_subscription):
    token = manage_token(make_subscription(locale="en"), utcnow())
    browser = app.test_client()
    manage = f"/wochenuebersicht/verwalten/{token}"
    form = browser.get(manage, headers=GERMAN_BROWSER).get_data(as_text=True)
    saved = browser.post(manage, headers=GERMAN_BROWSER, follow_redirects=True, data={
        "csrf_token": csrf_token_from(form), "kinds": ["fair"], "district_mode": "all",
        "frequency": "weekly", "locale": "de"})
    html = saved.get_data(as_text=True)
    assert "Ihre Einstellungen sind gespeichert." in html and '<html lang="de">' in html
