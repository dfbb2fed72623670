// The home map's view in the URL, next to the filters (filter-sync.js): zoom, centre, the kind
// layers shown and the choropleth, e.g. ?kind=fair&zoom=9.5&lat=50.55&lon=9.68&layers=fair&colour=jobs.
// A link restores the view, and so does going back from a post. Values that make no sense
// are dropped one by one, never an error (docs/architecture.md, 'Map').

export const VIEW_KEYS = ["zoom", "lat", "lon", "layers", "colour"];
const COLOURS = ["posts", "jobs"];

function number(text, low, high) {
  // Number("") is 0, and Number() accepts hex and exponents: only plain decimals count.
  if (typeof text !== "string" || !/^-?\d{1,3}(\.\d{1,8})?$/.test(text)) return null;
  const value = Number(text);
  return value >= low && value <= high ? value : null;
}

// The view a query string asks for: {zoom, centre: [lat, lon]} or null for each part that is
// missing or invalid, layers as a list of kinds (null: all) and colour ("" for none).
export function readView(search, limits) {
  const params = new URLSearchParams(search);
  const zoom = number(params.get("zoom"), limits.minZoom, limits.maxZoom);
  // A centre outside the map's max bounds comes from a broken or foreign link.
  const lat = number(params.get("lat"), limits.bounds.getSouth(), limits.bounds.getNorth());
  const lon = number(params.get("lon"), limits.bounds.getWest(), limits.bounds.getEast());
  let layers = null;
  if (params.has("layers")) {
    const named = params.get("layers").split(",").filter(Boolean);
    const known = named.filter(function (kind) { return limits.kinds.indexOf(kind) >= 0; });
    // "layers=" hides every layer; a list of unknown names is ignored, not taken as "none".
    if (named.length === 0 || known.length > 0) layers = known;
  }
  const colour = params.get("colour");
  return {
    zoom: zoom !== null && lat !== null && lon !== null ? zoom : null,
    centre: zoom !== null && lat !== null && lon !== null ? [lat, lon] : null,
    layers: layers,
    colour: COLOURS.indexOf(colour) >= 0 ? colour : "",
  };
}

// The query string without the view's keys: what the filter endpoints are asked with.
export function withoutView(search) {
  const params = new URLSearchParams(search);
  VIEW_KEYS.forEach(function (key) { params.delete(key); });
  return params.toString();
}

// filterQuery plus the view; view.centre null leaves zoom and centre out (the whole region),
// view.layers null means every layer, view.colour "" no choropleth.
export function viewQuery(filterQuery, view) {
  const params = new URLSearchParams(filterQuery);
  VIEW_KEYS.forEach(function (key) { params.delete(key); });
  if (view.centre) {
    params.set("zoom", String(Math.round(view.zoom * 100) / 100));
    params.set("lat", String(Number(view.centre[0].toFixed(5))));
    params.set("lon", String(Number(view.centre[1].toFixed(5))));
  }
  if (view.layers) params.set("layers", view.layers.join(","));
  if (view.colour) params.set("colour", view.colour);
  return params.toString().replace(/%2C/g, ",");  // a comma needs no escape in a query
}
