"""`make run PORT=…` serves elsewhere: every process it starts builds its mail links for that port."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(*args: str, **env: str) -> list[str]:
    if shutil.which("make") is None:
        pytest.fail("make is needed for `make run`")
    environ = {k: v for k, v in os.environ.items() if k != "JOBNET_PUBLIC_BASE_URL"} | env
    out = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, env=environ, check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "flask --app jobnet" in line]


def test_every_process_of_make_run_gets_the_port_it_serves_on():
    commands = _dry_run("PORT=5050")
    assert len(commands) == 4  # db upgrade, demo load (prints the logins), scheduler, web
    for command in commands:
        assert re.search(r"JOBNET_PUBLIC_BASE_URL=http://127\.0\.0\.1:5050(\s|$)", command), command


def test_a_configured_public_base_url_wins():
    for command in _dry_run("PORT=5050", JOBNET_PUBLIC_BASE_URL="https://jobnet.kreis.example"):
        assert "JOBNET_PUBLIC_BASE_URL=https://jobnet.kreis.example " in command
