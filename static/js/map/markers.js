// The home map's markers: ONE cluster group for all four kinds, so posts of different kinds at
// the same place cluster together and spiderfy at the highest zoom (with a group per kind, a
// project under a fair could never be reached). A kind's layer switch takes its markers out of
// the group and puts them back. Markers and clusters are buttons: Enter or Space does what a click
// does, and each has a name for screen readers (docs/architecture.md, 'Map').
// A large selection comes for the part of the map on screen only: its markers (mode "view"), or
// clusters the server computed at the map's zoom with the markers alone in their cell (mode
// "grid"); the map asks again when it leaves that part or, for clusters, changes its zoom
// (docs/architecture.md, 'Map: large selections').
import {KINDS, clusterIcon, markerIcon} from "./kinds.js";

// A translated text with {name} placeholders as a function of its values, parsed once: labels
// for 10,000 markers cost 31 ms with a regular expression each.
function template(text) {
  const parts = text.split(/\{(\w+)\}/);  // odd indexes hold the names
  return function (values) {
    let out = "";
    for (let i = 0; i < parts.length; i++) out += i % 2 ? values[parts[i]] : parts[i];
    return out;
  };
}

// config: the page's map configuration (kind names, letters, texts); onOpen(marker, byKeyboard)
// opens a marker's popup.
export function createMarkers(map, config, onOpen) {
  const shown = {}, markerName = template(config.text.markerName);
  const clusterName = template(config.text.clusterName);
  const changedFairName = template(config.text.changedFairName);
  let byId = {}, byKind = {}, totals = null;
  KINDS.forEach(function (kind) { shown[kind] = true; byKind[kind] = []; });
  // What the last answer covers: "all" of the selection, or its zoom and box.
  let covers = null, gridClusters = [], focusNear = null, focusAfterDraw = false;
  const gridLayer = L.layerGroup().addTo(map);

  function clusterLabel(counts, total) {
    const parts = KINDS.filter(function (kind) { return counts[kind]; }).map(function (kind) {
      return counts[kind] + " " + (counts[kind] === 1 ? config.kinds[kind] : config.plurals[kind]);
    });
    return clusterName({count: total, kinds: parts.join(", ")});
  }

  const group = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 60, spiderfyOnMaxZoom: true,
    spiderfyDistanceMultiplier: 1.4,  // 28 px markers on the spider's legs do not touch
    iconCreateFunction: function (cluster) {
      const counts = {}, markers = cluster.getAllChildMarkers();
      markers.forEach(function (m) { counts[m.kind] = (counts[m.kind] || 0) + 1; });
      return clusterIcon(counts, markers.length, clusterLabel(counts, markers.length));
    }
  }).addTo(map);

  group.on("click", function (event) { onOpen(event.layer, false); });
  // Leaflet hands key presses on a marker's or a cluster's icon to the layer (and its group).
  group.on("keydown clusterkeydown", function (event) {
    const key = event.originalEvent.key;
    if (key !== "Enter" && key !== " ") return;
    L.DomEvent.preventDefault(event.originalEvent);  // Space would scroll the page
    if (event.layer instanceof L.MarkerCluster) openCluster(event.layer, event.originalEvent);
    else onOpen(event.layer, true);
  });

  // Zooms into the cluster or spiderfies it, as a click does, then focuses the first of its posts
  // (or the cluster that now holds it), since the cluster's own icon is gone.
  function openCluster(cluster, originalEvent) {
    const children = cluster.getAllChildMarkers();
    let done = false;
    function focusFirst() {
      if (done) return;
      done = true;
      for (let i = 0; i < children.length; i++) {
        const parent = group.getVisibleParent(children[i]), element = parent && parent.getElement();
        if (element) { element.focus(); return; }
      }
    }
    group.once("animationend", focusFirst);
    group.once("spiderfied", focusFirst);
    cluster.fire("click", {originalEvent: originalEvent, latlng: cluster.getLatLng()}, true);
  }

  // A server cluster: a click or Enter zooms to its posts (the map then asks for that part), and
  // the focus goes to what is drawn nearest to it.
  function gridCluster(cluster) {
    const counts = {};
    let total = 0;
    KINDS.forEach(function (kind, code) {
      if (shown[kind] && cluster.count[code]) { counts[kind] = cluster.count[code]; total += cluster.count[code]; }
    });
    if (!total) return null;
    const label = clusterLabel(counts, total);
    const marker = L.marker([cluster.lat, cluster.lon], {icon: clusterIcon(counts, total, label),
      title: label, keyboard: true});
    function open() {
      const b = cluster.bounds, bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
      focusNear = marker.getLatLng();
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), Math.min(map.getZoom() + 2, map.getMaxZoom()));
      } else {
        map.fitBounds(bounds, {padding: [24, 24], maxZoom: map.getMaxZoom()});
      }
    }
    marker.on("click", open);
    marker.on("keydown", function (event) {
      const key = event.originalEvent.key;
      if (key !== "Enter" && key !== " ") return;
      L.DomEvent.preventDefault(event.originalEvent);
      focusAfterDraw = true;
      open();
    });
    return marker;
  }
  function drawGrid() {
    gridLayer.clearLayers();
    gridClusters.forEach(function (cluster) {
      const marker = gridCluster(cluster);
      if (marker) gridLayer.addLayer(marker);
    });
  }

  // After a server cluster was opened from the keyboard: the focus on the icon nearest to it.
  function focusNearest() {
    if (!focusAfterDraw || !focusNear) return;
    focusAfterDraw = false;
    let best = null, distance = Infinity;
    function consider(layer) {
      const element = layer.getElement && layer.getElement();
      const d = element ? map.distance(focusNear, layer.getLatLng()) : Infinity;
      if (d < distance) { best = element; distance = d; }
    }
    gridLayer.eachLayer(consider);
    group.eachLayer(function (marker) {
      const parent = group.getVisibleParent(marker);
      if (parent) consider(parent);
    });
    if (best) best.focus();
  }

  function draw(data) {
    byId = {};
    KINDS.forEach(function (kind) { byKind[kind] = []; });
    group.clearLayers();
    covers = data.mode === "view" || data.mode === "grid"
      ? {grid: data.mode === "grid", zoom: data.zoom,
        bounds: L.latLngBounds([data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]])}
      : "all";
    totals = data.total || null;
    gridClusters = [];
    const c = data.clusters;
    if (c) {
      for (let i = 0; i < c.lat.length; i++) {
        gridClusters.push({lat: c.lat[i], lon: c.lon[i], count: c.count[i], bounds: c.bounds[i]});
      }
    }
    drawGrid();
    for (let i = 0; i < data.id.length; i++) {
      const kind = data.kinds[data.kind[i]], title = data.title ? data.title[i] : "";
      // A moved or cancelled fair says so in its name and its icon.
      const code = data.state ? data.state[i] : 0;  // 0: scheduled, or not a fair
      const state = kind === "fair" && code && config.fairStates[data.states[code]]
        ? data.states[code] : "";
      const label = state ? changedFairName({kind: config.kinds[kind], title: title,
        state: config.fairStates[state]}) : markerName({kind: config.kinds[kind], title: title});
      const marker = L.marker([data.lat[i], data.lon[i]], {
        icon: markerIcon(kind, config.letters[kind], label, state), title: label, keyboard: true});
      marker.postId = data.id[i];
      marker.kind = kind;
      marker.label = label;
      byId[data.id[i]] = marker;
      byKind[kind].push(marker);
    }
    let visible = [];
    KINDS.forEach(function (kind, code) {
      if (shown[kind]) visible = visible.concat(byKind[kind]);
      document.querySelector('.layer-count[data-kind="' + kind + '"]').textContent =
        totals ? totals[code] : byKind[kind].length;
    });
    group.addLayers(visible);
    focusNearest();
  }

  // The zoom and box to ask for: the map on screen and half of it around, on a grid of a tile's
  // width in degrees (small moves ask for the same box, which caches answer again).
  function wanted() {
    const zoom = Math.round(map.getZoom()), step = 360 / Math.pow(2, zoom);
    let b = map.getBounds().pad(0.5);
    // A map without a size yet (a hidden frame) has an empty box: ask for the region's.
    if (!(b.getWest() < b.getEast() && b.getSouth() < b.getNorth())) b = L.latLngBounds(config.regionBounds);
    const snap = function (value, up, low, high) {
      const snapped = (up ? Math.ceil(value / step) : Math.floor(value / step)) * step;
      return Math.min(high, Math.max(low, Number(snapped.toFixed(6))));
    };
    return {zoom: zoom, bbox: [snap(b.getWest(), false, -180, 180), snap(b.getSouth(), false, -85, 85),
      snap(b.getEast(), true, -180, 180), snap(b.getNorth(), true, -85, 85)]};
  }

  return {
    group: group,
    draw: draw,
    wanted: wanted,
    // Whether the map has left what the last answer covers (nothing before the first answer).
    stale: function () {
      if (covers === null || covers === "all") return false;
      if (covers.grid && Math.round(map.getZoom()) !== covers.zoom) return true;
      // Only the part of the view a box can cover (wanted() clamps it the same way).
      const view = map.getBounds(), world = L.latLngBounds([-85, -180], [85, 180]);
      return !covers.bounds.contains(L.latLngBounds(
        [Math.max(view.getSouth(), world.getSouth()), Math.max(view.getWest(), world.getWest())],
        [Math.min(view.getNorth(), world.getNorth()), Math.min(view.getEast(), world.getEast())]));
    },
    byId: function (id) { return byId[id]; },
    show: function (kind, on) {
      if (shown[kind] === on) return;
      shown[kind] = on;
      if (on) group.addLayers(byKind[kind]); else group.removeLayers(byKind[kind]);
      drawGrid();
    },
    visible: function (kind) { return shown[kind]; },
    // Posts per kind in the selection, shown or not (the numbers in the layer list).
    counts: function () {
      const result = {};
      KINDS.forEach(function (kind, code) { result[kind] = totals ? totals[code] : byKind[kind].length; });
      return result;
    },
    // The server's clusters drawn now: [{lat, lon, count: posts shown}].
    gridClusters: function () {
      const result = [];
      gridLayer.eachLayer(function (marker) {
        result.push({lat: marker.getLatLng().lat, lon: marker.getLatLng().lng,
          count: Number(marker.getElement().textContent)});
      });
      return result;
    },
    ids: function (kind) { return byKind[kind].map(function (m) { return m.postId; }); },
    // The marker's icon on the map, or that of the cluster holding it (null: its layer is off).
    element: function (marker) {
      const parent = group.hasLayer(marker) ? group.getVisibleParent(marker) : null;
      return parent ? parent.getElement() : null;
    },
    // Zoom until the marker itself (not its cluster) is on the map and has stopped moving (the
    // plugin reports it while its icons still glide into place).
    reveal: function (marker) {
      return new Promise(function (resolve) {
        group.zoomToShowLayer(marker, function () {
          (function still() {
            if (document.getAnimations().length) requestAnimationFrame(still);
            else resolve(true);
          })();
        });
      });
    }
  };
}
