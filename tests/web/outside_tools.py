"""The outside checkers of tests/web, installed by `npm ci --prefix tests/web/node`: the W3C Nu
HTML validator (vnu-jar, a Java program) and Lighthouse (node, drives Debian's Chromium).
Missing ones skip the tests locally and fail them in CI (tests/conftest.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_system_tool

NODE_DIR = Path(__file__).resolve().parent / "node"
VNU_JAR = NODE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
NPM_HINT = "npm ci --prefix tests/web/node"


def validate_html(directory: Path) -> list[dict]:
    """The Nu validator's errors for every .html file in the directory: one JVM for all of
    them, since the validator takes seconds to start."""
    java = require_system_tool(shutil.which("java"),
                               "a Java runtime (apt-get install default-jre-headless)")
    require_system_tool(str(VNU_JAR), f"the npm package vnu-jar ({NPM_HINT})")
    done = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                           str(directory)], check=False, capture_output=True, text=True,
                           timeout=300)
    # The report goes to stderr; the exit status only says whether there were errors.
    return json.loads(done.stderr)["messages"]
