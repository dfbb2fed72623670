// A marker's popup on the home map: the post's details are fetched when it opens and built from
// DOM nodes with textContent only, so a post's text never becomes HTML. The popup is a named,
// non-modal dialog: opened from the keyboard it takes the focus, Escape or its close button
// closes it, and the focus goes back to the marker. It fits a phone's screen: no wider than the
// map, clear of the zoom buttons and the scale (docs/architecture.md, 'Map').
import {el, getJSON} from "./dom.js";

const GAP = 8;  // between the popup and the map's edge or a control, in px
const POPUP_CHROME = {x: 46, y: 50};  // Leaflet's margins around the content, and the tip
const MIN_VISIBLE = 360;  // px of the map the window must show for a popup to fit

function popupContent(d, text) {
  const box = el("div", "map-popup");
  box.appendChild(el("p", "popup-kind kind-" + d.kind, d.kind_label));
  // Members write in German: on a page in another language their words say so to screen readers.
  const written = box.appendChild(el("p", "popup-title", d.title));
  if (document.documentElement.lang !== "de") written.lang = "de";
  // A moved or cancelled fair says so first, before its facts ("Abgesagt: <reason>").
  if (d.state_note) {
    box.appendChild(el("p", "popup-state badge fair-state-" + d.state, d.state_note));
  }
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

// Where a popup may go: in the part of the map the window shows, below the zoom buttons, above
// the scale bar, inside the map's sides. A map mostly scrolled away is scrolled into view first.
function room(map) {
  const container = map.getContainer();
  let frame = container.getBoundingClientRect();
  if (Math.min(frame.bottom, window.innerHeight) - Math.max(frame.top, 0) < MIN_VISIBLE) {
    container.scrollIntoView({block: "nearest"});
    frame = container.getBoundingClientRect();
  }
  function edge(selector, side) {
    const control = container.querySelector(selector);
    if (!control) return 0;
    const box = control.getBoundingClientRect();
    return side === "top" ? box.bottom - frame.top : frame.bottom - box.top;
  }
  const size = map.getSize();
  const top = Math.max(edge(".leaflet-top.leaflet-left", "top"), -frame.top) + GAP;
  const bottom = Math.max(edge(".leaflet-bottom.leaflet-left", "bottom"),
    frame.bottom - window.innerHeight) + GAP;
  return {top: top, bottom: bottom, width: Math.max(120, size.x - 2 * GAP - POPUP_CHROME.x),
    height: Math.max(120, size.y - top - bottom - POPUP_CHROME.y)};
}

function closeButtonOf(popup, text) {
  const button = popup.getElement().querySelector(".leaflet-popup-close-button");
  button.setAttribute("aria-label", text.close);
  button.title = text.close;
  // role="button" promises Space as well as Enter.
  L.DomEvent.on(button, "keydown", function (event) {
    if (event.key === " ") { L.DomEvent.preventDefault(event); popup.close(); }
  });
}

// Returns show(marker, byKeyboard): opens the marker's popup, fills it once the details are in and
// hands them to onDetails(d); resolves with the details (or nothing, after showing an error).
// focusOf(marker) is the element to give the focus back to when the popup closes.
export function createPopups(map, config, onDetails, focusOf) {
  let replacing = false;  // a new popup closes the old one: the focus stays with the new one

  return function show(marker, byKeyboard) {
    const space = room(map), loading = el("div", "map-popup", config.text.loading);
    // Never taller than the map: a long popup scrolls instead of hiding its link below the frame.
    replacing = true;
    const popup = L.popup({maxWidth: Math.min(320, space.width), minWidth: Math.min(200, space.width),
      maxHeight: space.height, autoPanPaddingTopLeft: [GAP, space.top],
      autoPanPaddingBottomRight: [GAP, space.bottom], className: "post-popup"}, marker)
      .setLatLng(marker.getLatLng()).setContent(loading).openOn(map);
    replacing = false;
    const box = popup.getElement();
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", marker.label || config.text.loading);
    box.tabIndex = -1;
    closeButtonOf(popup, config.text);
    L.DomEvent.on(box, "keydown", function (event) {
      if (event.key === "Escape") { L.DomEvent.stop(event); popup.close(); }
    });
    let holdsFocus = false;  // a removed element takes the focus with it, without a focusout
    L.DomEvent.on(box, "focusin", function () { holdsFocus = true; });
    L.DomEvent.on(box, "focusout", function (event) { holdsFocus = box.contains(event.relatedTarget); });
    popup.on("remove", function () {
      // Back to the marker if the popup was the keyboard's or held the focus, unless the focus
      // has gone elsewhere (a click on the map, another control).
      const active = document.activeElement;
      const elsewhere = active && active !== document.body && !box.contains(active);
      if (replacing || elsewhere || !(byKeyboard || holdsFocus)) return;
      (focusOf(marker) || map.getContainer()).focus();
    });
    if (byKeyboard) box.focus();
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
