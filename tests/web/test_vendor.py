"""Map assets come from the app itself (XStatic packages), never from a CDN."""

import xstatic.pkg.leaflet

from jobnet.web.vendor import asset_url


def test_leaflet_is_served_by_the_app_with_long_caching(app, client):
    with app.test_request_context():
        url = asset_url("leaflet", "leaflet.js")
    response = client.get(url)
    assert response.status_code == 200
    assert b"Leaflet" in response.data[:500]
    # The version is in the path: browsers keep the file for a year without asking again.
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert xstatic.pkg.leaflet.VERSION in url


def test_cluster_plugin_and_images_are_served(client, app):
    with app.test_request_context():
        urls = [asset_url("leaflet-markercluster", "leaflet.markercluster.js"),
                asset_url("leaflet-markercluster", "MarkerCluster.Default.css"),
                asset_url("leaflet", "images/marker-icon.png")]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_unknown_packages_versions_and_paths_are_404(client):
    for path in ("/vendor/jquery/3.7.1/jquery.js", "/vendor/leaflet/0.0.1/leaflet.js",
                 f"/vendor/leaflet/{xstatic.pkg.leaflet.VERSION}/../../../etc/passwd",
                 f"/vendor/leaflet/{xstatic.pkg.leaflet.VERSION}/nope.js"):
        assert client.get(path).status_code == 404, path
