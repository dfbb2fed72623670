"""The data licence and attributions every export and feed carries (config: DATA_LICENCE_*,
GEODATA_ATTRIBUTION), in the form each format has room for."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from jobnet.geo.settings import geo_settings

# The CSV exports' last columns (Licence.csv_cells); the CSV import accepts and ignores them.
LICENCE_COLUMNS = ("license", "attribution")


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    geodata: str  # attribution of the boundaries behind district and municipality columns
    source: str  # who provides the data: the installation's public address

    def rights(self) -> str:
        """One line for Atom's <rights> and the README page."""
        return _("Daten: %(product)s (%(source)s), %(name)s, %(url)s. Geodaten: %(geodata)s.",
                 product=geo_settings().product_name, source=self.source, name=self.name, url=self.url, geodata=self.geodata)

    def geojson_members(self) -> dict[str, object]:
        """Foreign members of a FeatureCollection (RFC 7946 section 6.1 allows them)."""
        return {"license": {"name": self.name, "url": self.url},
                "attribution": {"source": f"{geo_settings().product_name} ({self.source})",
                                "geodata": self.geodata}}

    def csv_cells(self) -> tuple[tuple[str, str], ...]:
        """The last columns of every CSV row (LICENCE_COLUMNS): a file saved from the download
        has no HTTP headers, so each row names its licence and whom to credit."""
        return (("license", f"{self.name} ({self.url})"),
                ("attribution", f"{geo_settings().product_name} ({self.source}); {self.geodata}"))

    def link_header(self, describedby: str) -> str:
        """The HTTP Link header: the licence (RFC 4946 rel) and the page describing the fields."""
        return f'<{self.url}>; rel="license", <{describedby}>; rel="describedby"'


def data_licence() -> Licence:
    config = current_app.config
    return Licence(config["DATA_LICENCE_NAME"], config["DATA_LICENCE_URL"],
                   config["GEODATA_ATTRIBUTION"], config["PUBLIC_BASE_URL"])
