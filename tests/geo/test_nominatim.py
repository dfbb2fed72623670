"""Nominatim: asked only when enabled and the gazetteer knows nothing; cached, rate-limited, offline."""

import logging
from pathlib import Path
from typing import ClassVar

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError, GeocoderTimedOut
from geopy.geocoders import Nominatim
from geopy.location import Location

from jobnet.clock import utcnow
from jobnet.config import ConfigError, load_config
from jobnet.geo.lookup import find_places
from jobnet.geo.models import GeocodeCacheEntry
from jobnet.geo.nominatim import NominatimSearch, nominatim_for, region_viewbox
from jobnet.geo.ratelimit import DatabaseRateLimiter, RateLimiter

ADDRESS = "Barbarossastraße 24, Gelnhausen"
GELNHAUSEN_HIT = ("Barbarossastraße 24, Gelnhausen, Main-Kinzig-Kreis, Hessen, 63571, Deutschland",
                  50.2005, 9.1890, 0.31)
MAINZ_HIT = ("Rheingoldhalle, Rheinstraße 66, Mainz, Rheinland-Pfalz, 55116, Deutschland",
             49.9994, 8.2764, 0.5)
BERLIN_HIT = ("Alexanderplatz, Berlin, 10178, Deutschland", 52.5219, 13.4132, 0.6)


class FakeClock:
    """Time that only moves when someone sleeps (or the test moves it)."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class FakeGeocoder:
    """Implements geopy's geocode(query, exactly_one=False, ...) from canned answers."""

    def __init__(self, *hits, error: Exception | None = None):
        self.hits = hits
        self.error = error
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query, exactly_one=True, **kwargs):
        self.calls.append((query, {"exactly_one": exactly_one, **kwargs}))
        if self.error is not None:
            raise self.error
        locations = [Location(label, (lat, lon), {"importance": imp})
                     for label, lat, lon, imp in self.hits]
        return locations or None


class Now:
    def __init__(self):
        self.value = utcnow()

    def __call__(self):
        return self.value


def make_search(tmp_path, geocoder, clock=None, now=None):
    clock = clock or FakeClock()
    limiter = RateLimiter(tmp_path / "nominatim.lock", 1.0, clock=clock.time, sleep=clock.sleep)
    return NominatimSearch(geocoder, limiter, viewbox=region_viewbox("hessen", 30.0),
                           cache_days=90, timeout=5, now=now or utcnow)


@pytest.fixture()
def enable(app, monkeypatch, tmp_path):
    """Turn Nominatim on for this test only, answering from a fake geocoder."""

    def _enable(geocoder, clock=None, now=None):
        search = make_search(tmp_path, geocoder, clock, now)
        monkeypatch.setitem(app.config, "NOMINATIM_ENABLED", True)
        monkeypatch.setitem(app.config, "NOMINATIM_USER_AGENT", "JobNet Hessen tests")
        monkeypatch.setitem(app.extensions, "jobnet_nominatim", search)
        return search

    return _enable


def test_not_asked_when_the_gazetteer_finds_the_place(db, enable):
    fake = FakeGeocoder(GELNHAUSEN_HIT)
    enable(fake)
    assert find_places("Gelnhausen")[0].kind == "municipality"
    assert fake.calls == []


def test_not_asked_when_not_enabled(app, db, monkeypatch, tmp_path):
    fake = FakeGeocoder(GELNHAUSEN_HIT)
    monkeypatch.setitem(app.extensions, "jobnet_nominatim", make_search(tmp_path, fake))
    assert app.config["NOMINATIM_ENABLED"] is False
    assert find_places(ADDRESS) == []
    assert fake.calls == []


def test_not_asked_for_empty_text_or_text_without_letters(db, enable):
    fake = FakeGeocoder(GELNHAUSEN_HIT)
    enable(fake)
    assert find_places("") == [] and find_places("  ") == [] and find_places("12345 6") == []
    assert fake.calls == []


def test_address_unknown_offline_is_found_online_with_district_and_municipality(client, enable):
    fake = FakeGeocoder(GELNHAUSEN_HIT, BERLIN_HIT)
    enable(fake)
    answer = client.get(f"/api/v1/geocode?q={ADDRESS}").get_json()
    [result] = answer["results"]  # Berlin is more than 30 km outside Hesse: dropped
    assert result["kind"] == "address"
    assert result["label"] == "Barbarossastraße 24, Gelnhausen, Main-Kinzig-Kreis, Hessen, 63571"
    assert result["district"] == {"ags": "06435", "name": "Main-Kinzig-Kreis"}
    assert result["municipality"] == {"ags": "06435010", "name": "Gelnhausen"}
    assert 0.4 <= result["confidence"] <= 0.6
    assert "hint" not in answer
    [(query, options)] = fake.calls
    assert query == ADDRESS
    assert options["exactly_one"] is False and options["bounded"] is True
    assert options["country_codes"] == "de" and options["language"] == "de"
    (south, west), (north, east) = options["viewbox"]
    assert south < 49.4 and north > 51.65 and west < 7.78 and east > 10.23  # Hesse and 30 km


def test_just_across_the_border_is_kept_without_district(db, enable):
    enable(FakeGeocoder(MAINZ_HIT, GELNHAUSEN_HIT))
    results = find_places("Rheingoldhalle Mainz")
    assert [r.district.ags if r.district else None for r in results] == ["06435", None]
    mainz = results[1]
    assert mainz.municipality is None and mainz.as_dict()["district"] is None
    assert mainz.confidence < results[0].confidence <= 0.6  # inside the region ranks first


def test_answers_are_cached_in_the_database(db, enable):
    fake = FakeGeocoder(GELNHAUSEN_HIT)
    enable(fake)
    first = find_places(ADDRESS)
    again = find_places("  barbarossastrasse   24, GELNHAUSEN ")  # same key after folding
    assert first == again and len(fake.calls) == 1
    entry = db.session.query(GeocodeCacheEntry).one()
    assert entry.query == "barbarossastrasse 24, gelnhausen"
    assert entry.results[0]["lat"] == 50.2005 and entry.created_at.tzinfo is not None


def test_unknown_addresses_are_cached_too(db, enable):
    fake = FakeGeocoder()
    enable(fake)
    assert find_places("Nirgendwostraße 1") == [] and find_places("Nirgendwostraße 1") == []
    assert len(fake.calls) == 1


def test_old_cache_entries_are_asked_again_and_kept_when_that_fails(db, enable):
    fake, now = FakeGeocoder(GELNHAUSEN_HIT), Now()
    search = enable(fake, now=now)
    find_places(ADDRESS)
    now.value += search.max_age
    find_places(ADDRESS)
    assert len(fake.calls) == 1  # 90 days old is still fresh
    now.value += search.max_age
    fake.hits = (MAINZ_HIT,)
    assert find_places(ADDRESS)[0].district is None  # refreshed: the new answer
    assert len(fake.calls) == 2
    now.value += search.max_age * 2
    fake.error = GeocoderTimedOut("timed out")
    assert find_places(ADDRESS)[0].label.startswith("Rheingoldhalle")  # stale beats nothing
    assert len(fake.calls) == 3


def test_two_requests_in_a_row_are_a_second_apart(db, enable):
    clock = FakeClock()
    fake = FakeGeocoder(GELNHAUSEN_HIT)
    enable(fake, clock=clock)
    find_places("Barbarossastraße 1, Gelnhausen")
    find_places("Barbarossastraße 2, Gelnhausen")
    assert len(fake.calls) == 2
    assert sum(clock.slept) >= 1.0


def test_the_rate_limit_holds_across_processes_sharing_the_lock_file(tmp_path):
    clock = FakeClock()
    # Two limiters on one file stand for two gunicorn workers.
    first, second = (RateLimiter(tmp_path / "n.lock", 1.0, clock=clock.time, sleep=clock.sleep)
                     for _ in range(2))
    assert first.acquire() and clock.slept == []
    clock.now += 0.25
    assert second.acquire() and clock.slept == [pytest.approx(0.75)]
    assert first.acquire() and clock.slept[-1] == pytest.approx(1.0)


def test_a_request_that_would_wait_too_long_gives_up(tmp_path):
    clock = FakeClock()
    limiter = RateLimiter(tmp_path / "n.lock", 1.0, clock=clock.time, sleep=lambda s: None,
                          max_wait_seconds=2.5)
    # Slots at 0, 1 and 2 s are taken; the next would wait 3 s, longer than 2.5 s.
    assert [limiter.acquire() for _ in range(5)] == [True, True, True, False, False]


def test_a_garbled_or_future_lock_file_does_not_block(tmp_path):
    clock = FakeClock()
    lock = tmp_path / "n.lock"
    limiter = RateLimiter(lock, 1.0, clock=clock.time, sleep=clock.sleep)
    for content in ("garbage", "nan", str(clock.now + 86400)):  # e.g. the clock was set back
        lock.write_text(content)
        assert limiter.acquire()
    assert clock.slept == []


@pytest.mark.parametrize("error", [
    GeocoderServiceError("Non-successful status code 503 for https://nominatim.example/search?q=X"),
    GeocoderTimedOut("Service timed out for https://nominatim.example/search?q=X"),
])
def test_service_errors_are_no_results_and_the_log_holds_no_address(db, enable, caplog, error):
    error.args = (error.args[0].replace("X", ADDRESS),)
    fake = FakeGeocoder(error=error)
    enable(fake)
    with caplog.at_level(logging.DEBUG):
        assert find_places(ADDRESS) == []
    assert caplog.records, "the failure is logged"
    assert all("Barbarossa" not in record.getMessage() and not record.exc_info
               for record in caplog.records)
    assert db.session.query(GeocodeCacheEntry).count() == 0  # the next try asks again
    find_places(ADDRESS)
    assert len(fake.calls) == 2


def test_enabling_needs_a_user_agent(tmp_path):
    with pytest.raises(ConfigError, match="NOMINATIM_USER_AGENT"):
        load_config(tmp_path, environ={"JOBNET_NOMINATIM_ENABLED": "true"})
    with pytest.raises(ConfigError, match="NOMINATIM_USER_AGENT"):
        load_config(tmp_path, environ={}, overrides={"NOMINATIM_ENABLED": True,
                                                    "NOMINATIM_USER_AGENT": "   "})
    config = load_config(tmp_path, environ={"JOBNET_NOMINATIM_ENABLED": "true",
                                            "JOBNET_NOMINATIM_USER_AGENT": "JobNet (a@b.de)"})
    assert config["NOMINATIM_ENABLED"] is True
    with pytest.raises(ConfigError, match="NOMINATIM_TIMEOUT_SECONDS"):
        load_config(tmp_path, environ={}, overrides={"NOMINATIM_ENABLED": True,
                                                    "NOMINATIM_USER_AGENT": "x",
                                                    "NOMINATIM_TIMEOUT_SECONDS": 0})


def test_the_app_builds_geopy_nominatim_from_the_configuration(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "NOMINATIM_ENABLED", True)
    monkeypatch.setitem(app.config, "NOMINATIM_USER_AGENT", "JobNet Hessen (jobnet@example.de)")
    monkeypatch.setitem(app.config, "NOMINATIM_DOMAIN", "nominatim.example.de")
    monkeypatch.setitem(app.extensions, "jobnet_nominatim", None)  # removed again after the test
    search = nominatim_for(app)
    assert isinstance(search.geocoder, Nominatim)
    assert search.geocoder.headers["User-Agent"] == "JobNet Hessen (jobnet@example.de)"
    assert search.geocoder.domain == "nominatim.example.de"
    assert search.limiter.interval == 1.0
    if db.engine.dialect.name == "postgresql":  # one slot for all machines (test_shared_slot.py)
        assert isinstance(search.limiter, DatabaseRateLimiter)
    else:
        assert search.limiter.path == Path(app.instance_path) / "nominatim.lock"
    assert nominatim_for(app) is search  # one per app, so one limiter


class CannedAdapter(BaseSyncAdapter):
    """geopy adapter that records the request instead of opening a connection."""

    requests: ClassVar[list[tuple[str, dict]]] = []

    def get_json(self, url, *, timeout, headers):
        self.requests.append((url, headers))
        return [{"display_name": GELNHAUSEN_HIT[0], "lat": "50.2005", "lon": "9.1890",
                 "importance": 0.31}]

    def get_text(self, url, *, timeout, headers):
        raise AssertionError("not used")


def test_real_geopy_nominatim_gets_the_policy_parameters(db, tmp_path):
    geocoder = Nominatim(user_agent="JobNet Hessen tests", adapter_factory=CannedAdapter)
    search = make_search(tmp_path, geocoder)
    [result] = find_places(ADDRESS, online=search)
    assert result.municipality.ags == "06435010"
    [(url, headers)] = CannedAdapter.requests
    assert headers["User-Agent"] == "JobNet Hessen tests"
    assert "bounded=1" in url and "countrycodes=de" in url and "accept-language=de" in url
    assert "viewbox=" in url and "limit=10" in url
