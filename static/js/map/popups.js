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
    const popup = L.popup({maxWidth: 320}).setLatLng(marker.getLatLng()).setContent(loading)
      .openOn(map);
    const url = config.urls.detail.replace(/\/0\.json$/, "/" + marker.postId + ".json");
    return getJSON(url).then(function (d) {
      popup.setContent(popupContent(d, config.text));
      onDetails(d);
      return d;
    }, function () { popup.setContent(el("p", "", config.text.error)); });
  };
}
