// A marker's popup on the home map: the post's details are fetched when it opens and built from
// DOM nodes with textContent only, so a post's text never becomes HTML (docs/architecture.md,
// 'Map').
import {el, getJSON} from "./dom.js";

function popupContent(d, text) {
  const box = el("div", "map-popup");
  box.appendChild(el("p", "popup-kind kind-" + d.kind, d.kind_label));
  box.appendChild(el("p", "popup-title", d.title));
  const facts = box.appendChild(el("dl", "popup-facts"));
  function fact(label, value) {
    if (!value) return;
    facts.appendChild(el("dt", "", label));
    facts.appendChild(el("dd", "", value));
  }
  // The kind's own facts (which ones is part of each kind's specification in jobnet/posts/kinds.py).
  (d.facts || []).forEach(function (f) { fact(f.label, f.text); });
  fact(text.place, d.place);
  fact(text.district, d.district);
  fact(text.organisation, d.organisation);
  if (d.kind !== "fair") fact(text.date, d.date);
  const link = box.appendChild(el("a", "popup-link", text.more));
  if (typeof d.url === "string" && d.url.charAt(0) === "/") link.href = d.url;  // a path of ours
  return box;
}

// Returns show(marker): opens the marker's popup, fills it once the details are in and hands
// them to onDetails(d); resolves with the details (or nothing, after showing an error).
export function createPopups(map, config, onDetails) {
  return function show(marker) {
    const loading = el("div", "map-popup", config.text.loading);
    // Never taller than the map: a long popup scrolls instead of hiding its link below the frame.
    const popup = L.popup({maxWidth: 320, maxHeight: Math.max(160, map.getSize().y - 70)})
      .setLatLng(marker.getLatLng()).setContent(loading).openOn(map);
    const url = config.urls.detail.replace(/\/0\.json$/, "/" + marker.postId + ".json");
    return getJSON(url).then(function (d) {
      // The filled popup is taller, so Leaflet may pan the map to show it: resolve only once the
      // map stands still, so whoever waits on this (a test's click) finds the link where it stays.
      let panning = false;
      const notePan = function () { panning = true; };
      map.once("autopanstart", notePan);
      popup.setContent(popupContent(d, config.text));
      map.off("autopanstart", notePan);
      onDetails(d);
      return panning ? new Promise(function (done) { map.once("moveend", function () { done(d); }); }) : d;
    }, function () { popup.setContent(el("p", "", config.text.error)); });
  };
}
