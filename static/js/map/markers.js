// The home map's four marker layers: one cluster group per kind, filled from the data endpoint's
// columns (id, kind, lat, lon), each marker knowing its post's id; the layer list shows how many
// each layer holds (docs/architecture.md, 'Map').
import {KINDS, clusterIcon, markerIcon} from "./kinds.js";

// kindLabels: the kinds' names for the markers' title and alt; onClick(marker) opens its popup.
export function createMarkers(map, kindLabels, onClick) {
  const groups = {}, icons = {};
  let byId = {};

  KINDS.forEach(function (kind) {
    icons[kind] = markerIcon(kind);
    groups[kind] = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) { return clusterIcon(kind, cluster.getChildCount()); }
    }).addTo(map);
  });

  function onMarkerClick(event) { onClick(event.target); }

  function draw(data) {
    byId = {};
    const byKind = {};
    KINDS.forEach(function (kind) { byKind[kind] = []; groups[kind].clearLayers(); });
    for (let i = 0; i < data.id.length; i++) {
      const kind = data.kinds[data.kind[i]];
      const marker = L.marker([data.lat[i], data.lon[i]], {icon: icons[kind],
        title: kindLabels[kind], alt: kindLabels[kind], keyboard: true});
      marker.postId = data.id[i];
      marker.on("click", onMarkerClick);
      byId[data.id[i]] = marker;
      byKind[kind].push(marker);
    }
    KINDS.forEach(function (kind) {
      groups[kind].addLayers(byKind[kind]);
      document.querySelector('.layer-count[data-kind="' + kind + '"]').textContent =
        byKind[kind].length;
    });
  }

  function kindOf(marker) {
    return KINDS.filter(function (kind) { return groups[kind].hasLayer(marker); })[0];
  }

  return {
    groups: groups,
    draw: draw,
    byId: function (id) { return byId[id]; },
    show: function (kind, on) {
      if (on) map.addLayer(groups[kind]); else map.removeLayer(groups[kind]);
    },
    visible: function (kind) { return map.hasLayer(groups[kind]); },
    counts: function () {
      const result = {};
      KINDS.forEach(function (kind) { result[kind] = groups[kind].getLayers().length; });
      return result;
    },
    ids: function (kind) { return groups[kind].getLayers().map(function (m) { return m.postId; }); },
    // Zoom until the marker itself (not its cluster) is on the map.
    reveal: function (marker) {
      return new Promise(function (resolve) {
        groups[kindOf(marker)].zoomToShowLayer(marker, function () { resolve(true); });
      });
    }
  };
}
