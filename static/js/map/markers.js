// The home map's markers: ONE cluster group for all four kinds, so posts of different kinds at
// the same place cluster together and spiderfy at the highest zoom (with a group per kind, a
// project under a fair could never be reached). A kind's layer switch takes its markers out of
// the group and puts them back. Markers and clusters are buttons: Enter or Space does what a click
// does, and each has a name for screen readers (docs/architecture.md, 'Map').
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
  let byId = {}, byKind = {};
  KINDS.forEach(function (kind) { shown[kind] = true; byKind[kind] = []; });

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

  function draw(data) {
    byId = {};
    KINDS.forEach(function (kind) { byKind[kind] = []; });
    group.clearLayers();
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
    KINDS.forEach(function (kind) {
      if (shown[kind]) visible = visible.concat(byKind[kind]);
      document.querySelector('.layer-count[data-kind="' + kind + '"]').textContent =
        byKind[kind].length;
    });
    group.addLayers(visible);
  }

  return {
    group: group,
    draw: draw,
    byId: function (id) { return byId[id]; },
    show: function (kind, on) {
      if (shown[kind] === on) return;
      shown[kind] = on;
      if (on) group.addLayers(byKind[kind]); else group.removeLayers(byKind[kind]);
    },
    visible: function (kind) { return shown[kind]; },
    // Posts per kind in the data, shown or not (the numbers in the layer list).
    counts: function () {
      const result = {};
      KINDS.forEach(function (kind) { result[kind] = byKind[kind].length; });
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
