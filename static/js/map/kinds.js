// The four kinds of post, in the order of the map's layers, and their icons: a letter on the
// kind's shape and colour, which static/css/map.css draws for the class kind-<kind> (the colours
// are the --kind-* custom properties that the legend and the list share; docs/architecture.md,
// 'Map').

export const KINDS = ["settlement", "programme", "project", "fair"];
const LETTERS = {settlement: "A", programme: "B", project: "P", fair: "J"};

export function markerIcon(kind) {
  return L.divIcon({className: "map-marker kind-" + kind, html: LETTERS[kind],
    iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12]});
}

export function clusterIcon(kind, count) {
  const size = count < 10 ? 30 : count < 100 ? 36 : 44;
  return L.divIcon({className: "map-cluster kind-" + kind, html: String(count), iconSize: [size, size]});
}
