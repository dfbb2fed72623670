// The region on the home map: its outline and its districts, fetched as GeoJSON by the browser (never
// folium.GeoJson(url)); each district's tooltip with its counts, a click on it to filter, the
// district filtered to outlined, the choropleth by posts or jobs with its legend, and the outline
// of the districts a catchment touches. The districts are no tab stops: the district table beside
// the map is their text alternative (docs/architecture.md, 'Map').
import {mapColours} from "./colours.js";
import {el, getJSON} from "./dom.js";

// Two levels of outlines (jobnet/geo/compact.py): coarse ones up to config.coarseMaxZoom, where the
// whole country fits the screen (Germany: 265 kB gzipped instead of 1.4 MB), and the detailed ones once the
// map is zoomed in past it. Each is fetched when first needed and swapped in with the same styles.
function levelUrl(url, coarse, maxZoom) {
  return coarse ? url + (url.indexOf("?") < 0 ? "?" : "&") + "zoom=" + maxZoom : url;
}

// onSelect(ags) is called when a district is clicked.
export function createDistricts(map, config, onSelect) {
  const colours = mapColours(), palette = colours.palette;
  const border = {color: colours.district, weight: 1.2, opacity: 0.9, fillColor: colours.districtFill,
    fillOpacity: 0.01};
  const selected = {color: colours.outline, weight: 4};
  const maxCoarse = config.coarseMaxZoom, loaded = {}, touched = {};
  let layers = {}, tooltipCounts = {}, shown = null;
  let counts = {}, measure = "", chosen = "";  // measure: "" (no choropleth), "posts" or "jobs"

  // A level's outline and districts, drawn once into two layer groups that are not on the map yet.
  function load(coarse) {
    if (loaded[coarse]) return loaded[coarse];
    const urls = [levelUrl(config.urls.districts, coarse, maxCoarse),
      levelUrl(config.urls.outline, coarse, maxCoarse)];
    loaded[coarse] = Promise.all(urls.map(getJSON)).then(function (answers) {
      const level = {coarse: coarse, layers: {}, tips: {}};
      level.outline = L.geoJSON(answers[1], {interactive: false,
        style: {color: colours.outline, weight: 3, fill: false}});
      level.districts = L.geoJSON(answers[0], {style: function () { return L.extend({}, border); },
        onEachFeature: function (feature, layer) {
          const ags = feature.properties.ags, tip = el("div", "district-tip");
          tip.appendChild(el("strong", "", feature.properties.label || feature.properties.name));
          level.tips[ags] = tip.appendChild(el("div", "", ""));
          layer.bindTooltip(tip, {sticky: true});
          layer.on("click", function () { onSelect(ags); });
          level.layers[ags] = layer;
        }});
      return level;
    });
    return loaded[coarse];
  }

  // Puts a level on the map in place of the one shown, styled as the one before it was.
  function show(level) {
    if (shown === level) return;
    if (shown) { map.removeLayer(shown.districts); map.removeLayer(shown.outline); }
    shown = level;
    layers = level.layers;
    tooltipCounts = level.tips;
    level.outline.addTo(map);
    level.districts.addTo(map).bringToBack();
    // Leaflet's tooltips make each path focusable (one unnamed tab stop per district).
    Object.keys(layers).forEach(function (ags) {
      layers[ags].getElement().setAttribute("tabindex", "-1");
    });
    paint();
    Object.keys(touched).concat(chosen ? [chosen] : []).forEach(restyleBorder);
    if (layers[chosen]) layers[chosen].bringToFront();
  }

  function wantsCoarse() { return map.getZoom() <= maxCoarse; }

  // Resolves with the region's bounds once outline and districts are drawn: the coarse level
  // first (small), then the detailed one if the view set on it is zoomed in further.
  // The view may be set before (the region's box, a shared link): then no zoomend follows.
  const ready = load(true).then(function (level) {
    show(level);
    if (wantsCoarse()) return level;
    return load(false).then(function (detailed) {
      if (!wantsCoarse()) show(detailed);
      return detailed;
    });
  }).then(function (level) { return level.outline.getBounds(); });
  map.on("zoomend", function () {
    if (!shown) return;
    const coarse = wantsCoarse();
    if (coarse !== shown.coarse) load(coarse).then(function (level) {
      if (wantsCoarse() === coarse) show(level);
    });
  });

  function restyleBorder(ags) {
    if (!layers[ags]) return;
    layers[ags].setStyle(touched[ags] ? {color: colours.touched, weight: 3}
      : ags === chosen ? selected : {color: border.color, weight: border.weight});
  }

  function classOf(value, max) {
    if (!value) return 0;
    return Math.min(palette.length - 1, 1 + Math.floor((value / (max + 1)) * (palette.length - 1)));
  }

  function paint() {
    let max = 0;
    Object.keys(counts).forEach(function (ags) { max = Math.max(max, counts[ags][measure] || 0); });
    Object.keys(layers).forEach(function (ags) {
      const row = counts[ags] || {posts: 0, jobs: 0};
      tooltipCounts[ags].textContent = row.posts + " " + config.text.posts +
        (row.jobs ? " · " + row.jobs + " " + config.text.jobs : "");
      layers[ags].setStyle(measure ? {fillColor: palette[classOf(row[measure], max)],
        fillOpacity: 0.7} : ags === chosen ? {fillColor: colours.outline, fillOpacity: 0.1}
        : {fillColor: border.fillColor, fillOpacity: border.fillOpacity});
    });
    drawLegend(max);
  }

  function drawLegend(max) {
    const legend = document.getElementById("choropleth-legend");
    legend.hidden = !measure;
    legend.replaceChildren();
    if (!measure) return;
    legend.appendChild(el("p", "legend-title",
      measure === "jobs" ? config.text.legendJobs : config.text.legendPosts));
    const list = legend.appendChild(el("ul", "legend-steps"));
    const step = (max + 1) / (palette.length - 1), seen = {};
    for (let c = 0; c < palette.length; c++) {
      const low = c === 0 ? 0 : Math.max(1, Math.ceil(step * (c - 1)));
      const high = c === 0 ? 0 : Math.ceil(step * c) - 1;
      if (c > 0 && (high < low || low > max)) continue;
      const text = c === 0 ? "0" : (low === high ? String(low) : low + "–" + Math.min(high, max));
      if (seen[text]) continue;
      seen[text] = true;
      const item = list.appendChild(el("li", ""));
      item.appendChild(el("span", "swatch")).style.background = palette[c];
      item.appendChild(el("span", "", text));
    }
  }

  return {
    ready: ready,  // resolves once outline and districts are drawn
    // counts: {ags: {posts, jobs}} for the current filter
    showCounts: function (newCounts) { counts = newCounts; paint(); },
    colourBy: function (newMeasure) { measure = newMeasure; paint(); },
    // Outlines a district as touched by a catchment, or back to normal; false if there is none.
    touch: function (ags, isTouched) {
      if (!layers[ags]) return false;
      if (isTouched) touched[ags] = true; else delete touched[ags];
      restyleBorder(ags);
      return true;
    },
    // Outlines the district filtered to ("" for none) and returns its bounds (or null).
    select: function (ags) {
      if (layers[chosen]) layers[chosen].setStyle({color: border.color, weight: border.weight});
      chosen = layers[ags] ? ags : "";
      paint();
      if (!chosen) return null;
      layers[chosen].setStyle(selected).bringToFront();
      return layers[chosen].getBounds();
    },
    selected: function () { return chosen; },
    fill: function (ags) { return layers[ags].options.fillColor; }
  };
}
