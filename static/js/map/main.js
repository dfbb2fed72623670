// The map of the region on the home page (templates/map/index.html), drawn on the Folium shell's
// Leaflet map: districts, the posts' markers in one cluster group with a layer switch per kind,
// popups, the filter panel with history, choropleth and catchments, all loaded as JSON from the
// map's endpoints, and the view kept in the URL. A module script runs once the page is parsed,
// after the shell's inline script has created the map. window.jobnetMap is the handle of the
// browser tests and the benchmark (docs/architecture.md, 'Map').
import {createCatchment} from "./catchment.js";
import {createDistricts} from "./districts.js";
import {getJSON} from "./dom.js";
import {fillForm, formQuery, loadList} from "./filter-sync.js";
import {createMapView} from "./map-view.js";
import {createMarkers} from "./markers.js";
import {createPopups} from "./popups.js";
import {withoutView} from "./view-state.js";

function initMainMap(config) {
  const map = window[config.mapName];
  const root = document.getElementById("map-root");
  const form = document.getElementById("map-filters");
  const listSection = document.getElementById("map-list");
  const status = document.getElementById("map-status");
  let generation = 0;  // the latest refresh; older answers are dropped

  // The region's box [[south, west], [north, east]]: zooming out stops one step past all of it
  // (Germany needed zoom 5.25 at 1280x800, Hesse 7.5). No maxBounds: Leaflet then nudged a view
  // restored from a link by a few pixels.
  const region = L.latLngBounds(config.regionBounds);
  map.setMinZoom(Math.max(0, Math.floor(map.getBoundsZoom(region, false, L.point(16, 16))) - 1));
  map.setMaxZoom(config.maxZoom);  // the cluster plugin needs it, also without a tile layer
  L.control.zoom({zoomInTitle: config.text.zoomIn, zoomOutTitle: config.text.zoomOut}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  map.attributionControl.addAttribution(config.text.attribution);
  // Below the map, where its two or three lines cover neither the scale bar nor any marker.
  document.getElementById("map-attribution").appendChild(map.attributionControl.getContainer());
  document.getElementById("map-controls").hidden = false;
  // Offline intranets reach no tile server: say so once instead of showing a silent grey.
  const tilesNotice = document.getElementById("map-tiles-notice");
  map.eachLayer(function (layer) {
    if (layer instanceof L.TileLayer) {
      layer.once("tileerror", function () { tilesNotice.hidden = false; });
    }
  });

  const markers = createMarkers(map, config, function (marker, byKeyboard) {
    return showPopup(marker, byKeyboard);
  });
  const districts = createDistricts(map, config, selectDistrict);
  const catchment = createCatchment(map, districts);
  const showPopup = createPopups(map, config, function (d) { catchment.show(d.catchment || null); },
    markers.element);
  const view = createMapView(map, markers, districts, {
    layers: Array.prototype.slice.call(document.querySelectorAll("input[name=layer]")),
    colours: Array.prototype.slice.call(document.querySelectorAll("input[name=choropleth]"))
  }, config.urls.home, region);

  // The markers of the filter's query for the map's zoom and box (a large selection comes for
  // that part only); asks again if the map left it while the answer was on its way.
  let markerQuery = "", markerGeneration = 0, markerLoad = null, refreshing = false;
  function loadMarkers(query) {
    const mine = ++markerGeneration, view = markers.wanted();
    markerQuery = query;
    const url = config.urls.data + "?" + (query ? query + "&" : "") + "zoom=" + view.zoom +
      "&bbox=" + view.bbox.join(",");
    const load = getJSON(url).then(function (d) {
      if (mine !== markerGeneration) return null;
      markers.draw(d);
      return markers.stale() ? loadMarkers(query) : null;
    });
    markerLoad = load;
    const done = function () { if (markerLoad === load) markerLoad = null; };
    return load.then(done, function (error) { done(); throw error; });
  }
  // Resolves once no marker answer is on its way.
  function markersSettled() {
    return markerLoad ? markerLoad.then(markersSettled, markersSettled) : Promise.resolve();
  }

  // Markers, district counts and (after a filter change) the list, for one query string.
  // placed: the map's move to the view, which counts as part of being ready.
  function refresh(query, withList, placed) {
    const mine = ++generation, suffix = query ? "?" + query : "";
    const current = function () { return mine === generation; };
    root.setAttribute("data-ready", "");
    // What this refresh still waits for, for a test that timed out to say.
    const waiting = api.waiting = {};
    function part(name, promise) {
      waiting[name] = true;
      return promise.then(function (value) { delete waiting[name]; return value; });
    }
    const work = [
      part("view", placed),
      part("markers", loadMarkers(query)),
      part("counts", Promise.all([getJSON(config.urls.counts + suffix), districts.ready]).then(function (a) {
        if (current()) districts.showCounts(a[0]);
        if (current()) document.dispatchEvent(new CustomEvent("jobnet:counts", {detail: {counts: a[0], query: query}}));
      }))
    ];
    if (withList) work.push(part("list", loadList(config.urls.list + suffix, listSection, status, current)));
    refreshing = true;
    api.ready = Promise.all(work).then(function () {
      return part("later markers", markersSettled());
    }).then(function () {
      if (!current()) return;
      refreshing = false;
      api.readyAt = performance.now();  // the benchmark's "all clusters drawn"
      root.setAttribute("data-ready", "1");
    });
    return api.ready;
  }

  function apply() {
    const query = formQuery(form), search = view.query(query);
    history.pushState({query: query}, "", config.urls.home + (search ? "?" + search : ""));
    return refresh(query, true, view.district(form.elements.district.value));
  }

  function selectDistrict(ags) {
    form.elements.district.value = ags;
    return apply();
  }

  // A large selection: the part of the map now on screen, once the map stands still (while the
  // filter's refresh runs, it waits for this answer too).
  map.on("moveend", function () {
    if (markerLoad || !markers.stale()) return;
    const load = loadMarkers(markerQuery);
    if (refreshing) return;
    root.setAttribute("data-ready", "");
    api.ready = load.then(markersSettled).then(function () {
      if (refreshing || markerLoad) return;
      api.readyAt = performance.now();
      root.setAttribute("data-ready", "1");
    });
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  document.getElementById("map-filters-reset").addEventListener("click", function (event) {
    event.preventDefault();
    fillForm(form, "");
    apply();
  });
  window.addEventListener("popstate", function () {
    fillForm(form, location.search);
    refresh(withoutView(location.search), true,
      view.restore(location.search, form.elements.district.value));
  });

  // A handle for the browser tests and the benchmark; it exposes nothing the page doesn't show.
  const api = window.jobnetMap = {
    map: map, group: markers.group, ready: null, waiting: {},
    counts: markers.counts,
    gridClusters: markers.gridClusters,
    visible: markers.visible,
    ids: markers.ids,
    openPopup: function (id) { return showPopup(markers.byId(id), false); },
    // Zoom until the post's own marker (not its cluster) is on the map and mark its element with
    // data-post-id, so a test can click it like a person.
    reveal: function (id) {
      const marker = markers.byId(id);
      // The plugin may cluster the marker again while the map settles (a layer swap, the
      // district outlines arriving): then reveal it once more.
      function shown(tries) {
        return markers.reveal(marker).then(function () {
          const element = marker.getElement();
          if (!element && tries > 1) return shown(tries - 1);
          element.setAttribute("data-post-id", id);
          return true;
        });
      }
      return shown(5);
    },
    selectDistrict: selectDistrict,
    highlighted: catchment.highlighted,
    hasCatchment: catchment.shown,
    districtFill: districts.fill,
    selectedDistrict: districts.selected,
    home: view.home
  };
  refresh(withoutView(location.search), false,
    view.restore(location.search, form.elements.district.value));
}

const config = document.getElementById("map-config");
if (config) initMainMap(JSON.parse(config.textContent));
