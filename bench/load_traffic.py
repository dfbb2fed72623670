"""The traffic of bench/bench_load.py: readers, editors, browser-like forms, and the figures.

Readers share one urllib3 connection pool and keep answers gzipped (no decoding), so the load
generator stays light on a 2-core machine. Editors are logged-in coordinators with their own
cookie session (requests); they fill the edit form as a browser submits it: every field of the
form, hidden ones included, with only the clicked submit button.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin

import requests
import urllib3

# Reader mix: (endpoint label, weight). One map visit asks for the page, the markers and the
# district counts; the rest are what people do next.
READER_MIX = (("home", 20), ("marker data", 20), ("district counts", 20), ("list + search", 15),
              ("post detail", 15), ("geocode", 10))
SEARCH_WORDS = ("Logistik", "Pflege", "Jobbörse", "Ausbildung", "Flughafen", "Geflüchtete",
                "Rechenzentrum", "U25", "Fachkraft", "Umschulung")
PLACES = ("Gelnhausen", "Kassel", "63571 Gelnhausen", "Frankfurt Flughafen", "Fulda",
          "Bad Hersfeld", "Marburg", "Gelnhusen", "Reichelsheim", "Wächtersbach", "Offenbach")
KINDS = ("settlement", "programme", "project", "fair")
DISTRICTS = ("06435", "06412", "06611", "06631", "06632", "06438", "06414", "06534")
TIMEOUT = urllib3.Timeout(connect=10, read=30)
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate", "Accept-Language": "de-DE,de;q=0.9"}


class Stats:
    """Latencies and failures per endpoint, shared by all client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)  # 5xx and connection errors
        self.other: dict[str, int] = defaultdict(int)  # statuses nobody expected (4xx)
        self.samples: list[str] = []

    def record(self, endpoint: str, seconds: float, status: int | None, note: str = "") -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            if status is None or status >= 500:
                self.errors[endpoint] += 1
            elif status >= 400 and status != 409:
                self.other[endpoint] += 1
            else:
                return
            if len(self.samples) < 8:
                self.samples.append(f"{endpoint}: {status or 'no answer'} {note}"[:200])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else float("nan")


# The zoom and box static/js/map/main.js sends for Hesse at 1280x900 (bench/bench_map.py shows it);
# code from before the box ignores both.
HOME_VIEW = "zoom=8&bbox=1.40625,47.8125,15.46875,53.4375"


def reader_url(rng: random.Random, endpoint: str, post_ids: list[int]) -> str:
    def filters(chance: float) -> str:
        query = {}
        if rng.random() < chance:
            query["kind"] = rng.choice(KINDS)
        if rng.random() < chance / 2:
            query["district"] = rng.choice(DISTRICTS)
        if rng.random() < chance / 3:
            query["q"] = rng.choice(SEARCH_WORDS)
        return f"?{urlencode(query)}" if query else ""

    if endpoint == "home":
        return "/" + filters(0.2)
    if endpoint == "marker data":  # with the view the home page asks with at 1280x900
        query = filters(0.3)
        return "/karte/daten.json" + (query + "&" if query else "?") + HOME_VIEW
    if endpoint == "district counts":
        return "/karte/kreise.json" + filters(0.3)
    if endpoint == "list + search":
        query = {"q": rng.choice(SEARCH_WORDS)}
        if rng.random() < 0.5:
            query["kind"] = rng.choice(KINDS)
        if rng.random() < 0.3:
            query["district"] = rng.choice(DISTRICTS)
        return f"/beitraege/?{urlencode(query)}"
    if endpoint == "geocode":
        return f"/api/v1/geocode?{urlencode({'q': rng.choice(PLACES)})}"
    return f"/beitraege/{rng.choice(post_ids)}"


def run_readers(base: str, count: int, deadline: float, post_ids: list[int], stats: Stats,
                seed: int = 10) -> None:
    """count threads asking for the reader mix until deadline; returns when all are done."""
    host, port = base.removeprefix("http://").split(":")
    pool = urllib3.HTTPConnectionPool(host, int(port), maxsize=count, block=True, retries=False,
                                      timeout=TIMEOUT)
    names = [name for name, _ in READER_MIX]
    weights = [weight for _, weight in READER_MIX]

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < deadline:
            endpoint = rng.choices(names, weights)[0]
            url = reader_url(rng, endpoint, post_ids)
            start = time.perf_counter()
            try:
                answer = pool.request("GET", url, headers=BROWSER_HEADERS, decode_content=False,
                                      redirect=False)
                status, note = answer.status, url
            except urllib3.exceptions.HTTPError as error:
                status, note = None, f"{url} {type(error).__name__}"
            stats.record(endpoint, time.perf_counter() - start, status, note)

    threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pool.close()


class FormParser(HTMLParser):
    """The forms of a page with their controls, as a browser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"),
                               "controls": []})
        elif not self.forms:
            return
        elif tag in ("input", "button"):
            a.setdefault("type", "text" if tag == "input" else "submit")
            self.forms[-1]["controls"].append({"tag": tag, **a})
        elif tag == "select":
            self._select = {"tag": "select", **a, "options": []}
            self.forms[-1]["controls"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {**a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", **a, "text": ""}
            self.forms[-1]["controls"].append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = self._option = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data


def form_fields(form: dict, submitter: str | None) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser submits for the form, clicking the submitter button."""
    pairs = []
    for control in form["controls"]:
        name, kind = control.get("name"), control.get("type", "")
        if not name or "disabled" in control:
            continue
        if control["tag"] == "textarea":
            text = control["text"].replace("\r\n", "\n")
            text = text.removeprefix("\n")  # the parser drops one leading LF
            pairs.append((name, text.replace("\n", "\r\n")))  # and submits CRLF line ends
        elif control["tag"] == "select":
            chosen = [o for o in control["options"] if "selected" in o]
            if not chosen and "multiple" not in control and control["options"]:
                chosen = control["options"][:1]
            pairs += [(name, o.get("value", o["text"].strip())) for o in chosen]
        elif kind in ("checkbox", "radio"):
            if "checked" in control:
                pairs.append((name, control.get("value", "on")))
        elif kind in ("submit", "image", "button"):
            if name == submitter:
                pairs.append((name, control.get("value", "")))
        elif kind not in ("reset", "file"):
            pairs.append((name, control.get("value", "")))
    return pairs


def find_form(html: str, having: str) -> dict | None:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if any(c.get("name") == having for c in form["controls"]):
            return form
    return None


# Fields an editor changes, with a unique valid value for (editor, save number).
EDIT_FIELDS = {
    "title": lambda e, n: f"Lasttest Titel e{e:02d}-{n:04d}",
    "summary": lambda e, n: f"Kurzbeschreibung aus dem Lasttest, Editor {e:02d}, Speicherung {n:04d}.",
    "contact_name": lambda e, n: f"Lasttest Person e{e:02d}-{n:04d}",
}
MAX_ATTEMPTS = 6


@dataclass
class Save:
    post_id: int
    field: str
    value: str
    sent: float  # monotonic time the POST left
    answered: float  # monotonic time its answer arrived
    acknowledged: bool  # a redirect to the post: the server said "saved"


@dataclass
class EditorReport:
    saves: list[Save] = field(default_factory=list)  # acknowledged or of unknown outcome
    conflicts: int = 0  # conflict pages shown (409)
    refused: int = 0  # the form came back with errors (not a conflict)
    gave_up: int = 0  # edits abandoned after MAX_ATTEMPTS conflicts in a row
    login_failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def login(base: str, email: str, password: str) -> requests.Session:
    """A cookie session signed in through the login form."""
    session = requests.Session()
    session.headers.update(BROWSER_HEADERS)
    page = session.get(f"{base}/konto/anmelden", timeout=30)
    form = find_form(page.text, "password")
    data = dict(form_fields(form, None))
    data.update(email=email, password=password)
    answer = session.post(urljoin(page.url, form["action"] or page.url), data=data,
                          allow_redirects=False, timeout=30)
    if answer.status_code not in (302, 303):
        raise RuntimeError(f"login of {email} failed: {answer.status_code}")
    return session


def edit_once(base: str, session: requests.Session, number: int, seq: int, post_id: int,
              name: str, rng: random.Random, think: float, stats: Stats,
              report: EditorReport, deadline: float) -> None:
    """One edit: GET the form, change one field, POST; on a conflict page start over."""
    url = f"{base}/beitraege/{post_id}/bearbeiten"
    value = EDIT_FIELDS[name](number, seq)
    for attempt in range(MAX_ATTEMPTS):
        if attempt and time.monotonic() >= deadline:
            return  # time is up: the editor leaves the conflict page alone
        start = time.perf_counter()
        try:
            page = session.get(url, timeout=30)
        except requests.RequestException as error:
            stats.record("editor: edit form", time.perf_counter() - start, None, repr(error))
            return
        stats.record("editor: edit form", time.perf_counter() - start, page.status_code, url)
        form = find_form(page.text, name) if page.status_code == 200 else None
        if form is None:
            return
        fields = [(k, value if k == name else v) for k, v in form_fields(form, _submitter(form))]
        time.sleep(rng.uniform(0.5, 1.5) * think)  # reading and typing
        sent = time.monotonic()
        start = time.perf_counter()
        try:
            answer = session.post(urljoin(url, form["action"] or url), data=fields,
                                  allow_redirects=False, timeout=30)
        except requests.RequestException as error:
            stats.record("editor: save", time.perf_counter() - start, None, repr(error))
            with report.lock:
                report.saves.append(Save(post_id, name, value, sent, time.monotonic(), False))
            return
        answered = time.monotonic()
        stats.record("editor: save", time.perf_counter() - start, answer.status_code, url)
        status = answer.status_code
        if status in (302, 303) and f"/beitraege/{post_id}" in answer.headers.get("Location", ""):
            with report.lock:
                report.saves.append(Save(post_id, name, value, sent, answered, True))
            _follow(session, answer, stats)  # as a browser does: shows the flash message
            return
        if status >= 500:
            with report.lock:  # the save may or may not have been written
                report.saves.append(Save(post_id, name, value, sent, answered, False))
            return
        if status == 409:
            # The conflict page: "Gespeicherte Fassung übernehmen" loads the form again, and the
            # editor makes the change on the saved version.
            with report.lock:
                report.conflicts += 1
            continue
        with report.lock:
            report.refused += 1
            if report.refused <= 3:
                stats.samples.append(f"save refused: {status} {_error_text(answer.text)}"[:300])
        return
    with report.lock:
        report.gave_up += 1


def _submitter(form: dict) -> str | None:
    names = [c.get("name") for c in form["controls"] if c.get("type") == "submit"]
    for wanted in ("save", "publish"):
        if wanted in names:
            return wanted
    return names[0] if names else None


def _follow(session: requests.Session, answer: requests.Response, stats: Stats) -> None:
    start = time.perf_counter()
    try:
        page = session.get(urljoin(answer.url, answer.headers["Location"]), timeout=30)
        status = page.status_code
    except requests.RequestException:
        status = None
    stats.record("editor: post after save", time.perf_counter() - start, status)


def _error_text(html: str) -> str:
    found = re.findall(r'class="[^"]*(?:error|flash)[^"]*"[^>]*>([^<]{3,200})', html)
    return " | ".join(text.strip() for text in found[:3])


def login_editors(base: str, accounts: list[dict], report: EditorReport) -> list:
    """A signed-in session per account (None where the login failed); done before the clock runs."""
    sessions: list[requests.Session | None] = []
    for account in accounts:
        try:
            sessions.append(login(base, account["email"], account["password"]))
        except (RuntimeError, requests.RequestException, TypeError):
            report.login_failures += 1
            sessions.append(None)
    return sessions


def run_editors(base: str, sessions: list, post_ids: list[int], deadline: float,
                think: float, stats: Stats, report: EditorReport, seed: int = 20) -> None:
    """Each signed-in editor edits the few posts until deadline."""

    def editor(number: int, session: requests.Session) -> None:
        rng = random.Random(seed * 1000 + number)
        seq = 0
        while time.monotonic() < deadline:
            seq += 1
            edit_once(base, session, number, seq, rng.choice(post_ids), rng.choice(list(EDIT_FIELDS)),
                      rng, think, stats, report, deadline)
            time.sleep(rng.uniform(0.5, 1.5) * think)

    threads = [threading.Thread(target=editor, args=(n, s), daemon=True)
               for n, s in enumerate(sessions) if s is not None]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def lost_updates(saves: list[Save], final: dict[tuple[int, str], str]) -> tuple[int, int, list[str]]:
    """(lost pairs, pairs checked, examples): (post, field) pairs whose final value is not the
    last acknowledged one.

    Saves that overlap in time may commit in either order, so "last" is any acknowledged save
    that no other save started after it was acknowledged; a save whose answer was an error may
    have been written too and also counts as possibly last.
    """
    by_pair: dict[tuple[int, str], list[Save]] = defaultdict(list)
    for save in saves:
        by_pair[save.post_id, save.field].append(save)
    lost, examples = 0, []
    checked = 0
    for pair, group in by_pair.items():
        acknowledged = [s for s in group if s.acknowledged]
        if not acknowledged:
            continue
        checked += 1
        latest_start = max(s.sent for s in acknowledged)
        candidates = {s.value for s in acknowledged if s.answered >= latest_start}
        candidates |= {s.value for s in group if not s.acknowledged}
        if final.get(pair) not in candidates:
            lost += 1
            if len(examples) < 3:
                last = max(acknowledged, key=lambda s: s.answered)
                examples.append(f"post {pair[0]} {pair[1]}: last acknowledged {last.value!r}, "
                                f"stored {final.get(pair)!r}")
    return lost, checked, examples
