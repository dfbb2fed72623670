// The four kinds of post, in the order of the map's layers, and their icons: a letter (in the
// page's language, from the template) on the kind's shape and colour, which static/css/map.css
// draws for the class kind-<kind> (the colours are the --kind-* custom properties that the legend
// and the list share; docs/architecture.md, 'Map'). Icons are built from DOM nodes, and a screen
// reader hears their label (kind and title, or what a cluster holds), not the letter.

export const KINDS = ["settlement", "programme", "project", "fair"];
const MARKER_SIZE = 28;  // above WCAG 2.2's 24 px minimum target, border included

// A div icon with a visible text that is hidden from screen readers and an accessible name.
const LabelledIcon = L.DivIcon.extend({
  options: {html: false, text: "", label: "", build: null},
  createIcon: function (oldIcon) {
    const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    const face = document.createElement("span");
    face.className = "icon-face";
    face.setAttribute("aria-hidden", "true");
    face.textContent = this.options.text;
    div.replaceChildren(face);
    if (this.options.build) this.options.build(div);
    if (this.options.label) div.setAttribute("aria-label", this.options.label);
    return div;
  }
});

// letter: the kind's letter; label: what a screen reader says (empty: the marker is decoration);
// state: a fair's "moved" or "cancelled", drawn by map.css (nothing for the rest).
export function markerIcon(kind, letter, label, state) {
  const half = MARKER_SIZE / 2;
  return new LabelledIcon({className: "map-marker kind-" + kind + (state ? " state-" + state : ""),
    text: letter, label: label || "",
    iconSize: [MARKER_SIZE, MARKER_SIZE], iconAnchor: [half, half], popupAnchor: [0, 2 - half]});
}

// counts: {kind: number} of the cluster's posts; the ring shows their shares in the kinds' colours.
export function clusterIcon(counts, total, label) {
  const size = total < 10 ? 34 : total < 100 ? 40 : 46;
  const present = KINDS.filter(function (kind) { return counts[kind]; });
  return new LabelledIcon({className: "map-cluster " + present.map(function (kind) {
    return "has-" + kind; }).join(" "), text: String(total), label: label, iconSize: [size, size],
    build: function (div) {
      let start = 0;
      const stops = present.map(function (kind) {
        const end = start + (counts[kind] / total) * 100;
        const stop = "var(--kind-" + kind + ") " + start.toFixed(2) + "% " + end.toFixed(2) + "%";
        start = end;
        return stop;
      });
      // Set through the style object, which the CSP allows (a style attribute it would refuse).
      div.style.setProperty("--ring", "conic-gradient(" + stops.join(", ") + ")");
    }});
}
