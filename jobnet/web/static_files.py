"""Own static files (static/) and vendored assets (web/vendor.py): read, hashed and gzipped once
per process, sent with an ETag per encoding and cached by whether their URL carries a version
(docs/architecture.md, "Static files")."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, current_app, request
from werkzeug.security import safe_join

from jobnet.web.compression import compress_once

# A versioned URL names exactly one content, so it never has to be asked for again.
IMMUTABLE = "public, max-age=31536000, immutable"
VERSION_RE = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class Asset:
    """One file as sent: its bytes, their gzip (None where it does not pay) and a digest."""

    mimetype: str
    identity: bytes
    gzipped: bytes | None
    digest: str
    mtime: float
    stamp: tuple[int, int]  # modification time and size when read: a changed file is read again

    def etag(self, encoding: str | None) -> str:
        # Strong and one per encoding: each names exactly one byte sequence (RFC 9110 8.8.3).
        return self.digest[:32] + ("-gzip" if encoding else "")


class AssetFolder:
    """The files under one folder, each read on its first request and kept for the process."""

    def __init__(self, root: str | Path) -> None:
        self.root = str(root)
        self._assets: dict[str, Asset] = {}
        self._lock = threading.Lock()

    def get(self, filename: str) -> Asset | None:
        path = safe_join(self.root, filename)
        try:
            stat = os.stat(path) if path else None
        except OSError:
            return None
        if stat is None or not os.path.isfile(path):
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        asset = self._assets.get(filename)
        if asset is None or asset.stamp != stamp:
            with self._lock:  # two first requests read and compress the file once
                asset = self._assets.get(filename)
                if asset is None or asset.stamp != stamp:
                    asset = self._assets[filename] = _read(path, stamp, stat.st_mtime)
        return asset

    def files(self) -> list[str]:
        """Every file's name relative to the folder, sorted."""
        return sorted(str(path.relative_to(self.root)).replace(os.sep, "/")
                      for path in Path(self.root).rglob("*") if path.is_file())


def _read(path: str, stamp: tuple[int, int], mtime: float) -> Asset:
    data = Path(path).read_bytes()
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Asset(mimetype, data, compress_once(data, mimetype), hashlib.sha256(data).hexdigest(),
                 mtime, stamp)


def send_asset(folder: AssetFolder, filename: str, *, versioned: bool) -> Response:
    """The file in the encoding the client takes, answering revalidations with 304."""
    asset = folder.get(filename)
    if asset is None:
        abort(404)
    encoding = "gzip" if asset.gzipped is not None and accepts_gzip() else None
    response = Response(asset.gzipped if encoding else asset.identity, mimetype=asset.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if asset.gzipped is not None:
        response.vary.add("Accept-Encoding")  # the same URL has two representations
    response.set_etag(asset.etag(encoding))
    response.last_modified = asset.mtime
    if versioned:
        response.headers["Cache-Control"] = IMMUTABLE
    else:
        # The same for everyone, but it may change under this URL: ask before reuse.
        response.cache_control.public = True
        response.cache_control.no_cache = True
    return response.make_conditional(request)


def accepts_gzip() -> bool:
    """Whether the request accepts gzip (q > 0, also through "*")."""
    return request.accept_encodings["gzip"] > 0


class StaticFolder(AssetFolder):
    """static/ with one version for all of it: a digest over every file's content. The version
    goes into the path (/static/<version>/js/map/main.js), so what a file loads relatively (ES
    module imports) is versioned as well."""

    def __init__(self, root: str | Path) -> None:
        super().__init__(root)
        self._version: str | None = None

    def version(self) -> str:
        # Once per process; in development (debug) files change while the server runs.
        if self._version is None or current_app.debug:
            digest = hashlib.sha256()
            for name in self.files():
                asset = self.get(name)
                digest.update(f"{name}\0{asset.digest if asset else ''}\0".encode())
            self._version = digest.hexdigest()[:12]
        return self._version


def static_folder() -> StaticFolder:
    return current_app.extensions["jobnet_static"]


def serve_static(filename: str) -> Response:
    """The view of Flask's `static` endpoint: versioned path or plain path."""
    head, _, rest = filename.partition("/")
    if rest and VERSION_RE.fullmatch(head):
        # An older version (a page from before a deploy) gets today's file, not for keeps.
        return send_asset(static_folder(), rest, versioned=head == static_folder().version())
    return send_asset(static_folder(), filename, versioned=False)


def add_version(endpoint: str, values: dict) -> None:
    """url_for('static', filename=...) gives the versioned URL."""
    if endpoint == "static" and "filename" in values:
        values["filename"] = f"{static_folder().version()}/{values['filename']}"


def init_app(app: Flask) -> None:
    """Serve static/ through this module and version its URLs."""
    app.extensions["jobnet_static"] = StaticFolder(app.static_folder)
    app.view_functions["static"] = serve_static
    app.url_defaults(add_version)
