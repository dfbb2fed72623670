// The map of Hesse on the Folium shell's Leaflet map: districts, four clustered marker layers,
// popups, filters with history, choropleth and catchments; and the small catchment map of a
// settlement's page. User text arrives only as JSON and goes in through textContent (DESIGN 3).
(function () {
  "use strict";
  var KINDS = ["settlement", "programme", "project", "fair"];
  var LETTERS = {settlement: "A", programme: "B", project: "P", fair: "J"};
  var PALETTE = ["#eef3f9", "#c6d9ee", "#8db3dc", "#4f86c0", "#1f5591", "#0b2f5e"];
  var BORDER = {color: "#37474f", weight: 1.2, opacity: 0.9, fillColor: "#ffffff", fillOpacity: 0.01};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function getJSON(url) {
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function drawCircle(map, circle) {
    return L.geoJSON(circle, {interactive: false, style: {color: "#0b5394", weight: 2,
      dashArray: "6 4", fillColor: "#0b5394", fillOpacity: 0.08}}).addTo(map);
  }

  function initMainMap(config) {
    var map = window[config.mapName];
    var root = document.getElementById("map-root");
    var form = document.getElementById("map-filters");
    var listSection = document.getElementById("map-list");
    var status = document.getElementById("map-status");
    var groups = {}, markersById = {}, districtLayers = {}, tooltipCounts = {};
    var counts = {}, choropleth = "", catchmentLayer = null, highlighted = [], generation = 0;

    map.setMinZoom(6);
    map.setMaxZoom(config.maxZoom);  // the cluster plugin needs it, also without a tile layer
    map.attributionControl.addAttribution(config.text.attribution);
    document.getElementById("map-controls").hidden = false;

    var icons = {};
    KINDS.forEach(function (kind) {
      icons[kind] = L.divIcon({className: "map-marker kind-" + kind, html: LETTERS[kind],
        iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12]});
      groups[kind] = L.markerClusterGroup({
        showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
        iconCreateFunction: function (cluster) {
          var n = cluster.getChildCount(), size = n < 10 ? 30 : n < 100 ? 36 : 44;
          return L.divIcon({className: "map-cluster kind-" + kind, html: String(n),
            iconSize: [size, size]});
        }
      }).addTo(map);
    });

    // Districts and outline: fetched in the browser, never folium.GeoJson(url) (DESIGN 2).
    var districtsReady = Promise.all([getJSON(config.urls.districts), getJSON(config.urls.outline)])
      .then(function (answers) {
        var outline = L.geoJSON(answers[1], {interactive: false,
          style: {color: "#1d2530", weight: 3, fill: false}}).addTo(map);
        // Show all of Hesse whatever the screen's shape; quarter zoom steps make it fit snugly.
        map.options.zoomSnap = 0.25;
        map.fitBounds(outline.getBounds(), {padding: [8, 8], animate: false});
        L.geoJSON(answers[0], {style: function () { return L.extend({}, BORDER); },
          onEachFeature: function (feature, layer) {
            var ags = feature.properties.ags, tip = el("div", "district-tip");
            tip.appendChild(el("strong", "", feature.properties.label || feature.properties.name));
            tooltipCounts[ags] = tip.appendChild(el("div", "", ""));
            layer.bindTooltip(tip, {sticky: true});
            layer.on("click", function () { selectDistrict(ags); });
            districtLayers[ags] = layer;
          }}).addTo(map).bringToBack();
      });

    function drawMarkers(data) {
      markersById = {};
      var byKind = {};
      KINDS.forEach(function (kind) { byKind[kind] = []; groups[kind].clearLayers(); });
      for (var i = 0; i < data.id.length; i++) {
        var kind = data.kinds[data.kind[i]];
        var marker = L.marker([data.lat[i], data.lon[i]], {icon: icons[kind],
          title: config.kinds[kind], alt: config.kinds[kind], keyboard: true});
        marker.postId = data.id[i];
        marker.on("click", onMarkerClick);
        markersById[data.id[i]] = marker;
        byKind[kind].push(marker);
      }
      KINDS.forEach(function (kind) {
        groups[kind].addLayers(byKind[kind]);
        document.querySelector('.layer-count[data-kind="' + kind + '"]').textContent =
          byKind[kind].length;
      });
    }

    function onMarkerClick(event) { showPopup(event.target); }

    function kindOf(marker) {
      return KINDS.filter(function (kind) { return groups[kind].hasLayer(marker); })[0];
    }

    function popupContent(d) {
      var box = el("div", "map-popup");
      box.appendChild(el("p", "popup-kind kind-" + d.kind, d.kind_label));
      box.appendChild(el("p", "popup-title", d.title));
      var facts = box.appendChild(el("dl", "popup-facts"));
      function fact(label, value) {
        if (!value) return;
        facts.appendChild(el("dt", "", label));
        facts.appendChild(el("dd", "", value));
      }
      if (d.kind === "fair") {
        fact(config.text.when, d.starts + " – " + d.ends);
        fact(config.text.where, d.venue);
      }
      fact(config.text.company, d.company);
      fact(config.text.place, d.place);
      fact(config.text.district, d.district);
      fact(config.text.organisation, d.organisation);
      if (d.kind !== "fair") fact(config.text.date, d.date);
      var link = box.appendChild(el("a", "popup-link", config.text.more));
      if (typeof d.url === "string" && d.url.charAt(0) === "/") link.href = d.url;
      return box;
    }

    function showPopup(marker) {
      var loading = el("div", "map-popup", config.text.loading);
      var popup = L.popup({maxWidth: 320}).setLatLng(marker.getLatLng()).setContent(loading)
        .openOn(map);
      var url = config.urls.detail.replace(/\/0\.json$/, "/" + marker.postId + ".json");
      return getJSON(url).then(function (d) {
        popup.setContent(popupContent(d));
        showCatchment(d.catchment || null);
        return d;
      }, function () { popup.setContent(el("p", "", config.text.error)); });
    }

    function showCatchment(catchment) {
      if (catchmentLayer) map.removeLayer(catchmentLayer);
      highlighted.forEach(function (ags) { districtLayers[ags].setStyle({color: BORDER.color, weight: BORDER.weight}); });
      catchmentLayer = null;
      highlighted = [];
      if (!catchment) return;
      catchmentLayer = drawCircle(map, catchment.circle);
      catchment.districts.forEach(function (row) {
        if (!districtLayers[row.ags]) return;
        districtLayers[row.ags].setStyle({color: "#b4441c", weight: 3});
        highlighted.push(row.ags);
      });
    }

    function classOf(value, max) {
      if (!value) return 0;
      return Math.min(PALETTE.length - 1, 1 + Math.floor((value / (max + 1)) * (PALETTE.length - 1)));
    }

    function paintDistricts() {
      var max = 0;
      Object.keys(counts).forEach(function (ags) { max = Math.max(max, counts[ags][choropleth] || 0); });
      Object.keys(districtLayers).forEach(function (ags) {
        var row = counts[ags] || {posts: 0, jobs: 0};
        tooltipCounts[ags].textContent = row.posts + " " + config.text.posts +
          (row.jobs ? " · " + row.jobs + " " + config.text.jobs : "");
        districtLayers[ags].setStyle(choropleth ? {fillColor: PALETTE[classOf(row[choropleth], max)],
          fillOpacity: 0.7} : {fillColor: BORDER.fillColor, fillOpacity: BORDER.fillOpacity});
      });
      drawLegend(max);
    }

    function drawLegend(max) {
      var legend = document.getElementById("choropleth-legend");
      legend.hidden = !choropleth;
      legend.replaceChildren();
      if (!choropleth) return;
      legend.appendChild(el("p", "legend-title",
        choropleth === "jobs" ? config.text.legendJobs : config.text.legendPosts));
      var list = legend.appendChild(el("ul", "legend-steps"));
      var step = (max + 1) / (PALETTE.length - 1), seen = {};
      for (var c = 0; c < PALETTE.length; c++) {
        var low = c === 0 ? 0 : Math.max(1, Math.ceil(step * (c - 1))), high = c === 0 ? 0 : Math.ceil(step * c) - 1;
        if (c > 0 && (high < low || low > max)) continue;
        var text = c === 0 ? "0" : (low === high ? String(low) : low + "–" + Math.min(high, max));
        if (seen[text]) continue;
        seen[text] = true;
        var item = list.appendChild(el("li", ""));
        item.appendChild(el("span", "swatch")).style.background = PALETTE[c];
        item.appendChild(el("span", "", text));
      }
    }

    function filterQuery() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) { if (value !== "") params.append(name, value); });
      return params.toString();
    }

    function fillForm(search) {
      var params = new URLSearchParams(search);
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name) return;
        if (field.type === "checkbox") field.checked = params.has(field.name);
        else field.value = params.get(field.name) || "";
      });
    }

    function loadList(suffix, mine) {
      return fetch(config.urls.list + suffix).then(function (r) { return r.text(); }).then(function (html) {
        if (mine !== generation) return;
        // DOMParser never runs scripts; the fragment is escaped server-side by Jinja.
        var doc = new DOMParser().parseFromString(html, "text/html");
        listSection.replaceChildren.apply(listSection, Array.prototype.slice.call(doc.body.childNodes));
        status.textContent = listSection.querySelector("#results-heading").textContent.trim();
      });
    }

    function refresh(query, withList) {
      var mine = ++generation, suffix = query ? "?" + query : "";
      root.setAttribute("data-ready", "");
      var work = [
        getJSON(config.urls.data + suffix).then(function (d) { if (mine === generation) drawMarkers(d); }),
        Promise.all([getJSON(config.urls.counts + suffix), districtsReady]).then(function (a) {
          if (mine === generation) { counts = a[0]; paintDistricts(); }
        })
      ];
      if (withList) work.push(loadList(suffix, mine));
      api.ready = Promise.all(work).then(function () {
        if (mine !== generation) return;
        api.readyAt = performance.now();  // the benchmark's "all clusters drawn"
        root.setAttribute("data-ready", "1");
      });
      return api.ready;
    }

    function apply() {
      var query = filterQuery();
      history.pushState({query: query}, "", config.urls.home + (query ? "?" + query : ""));
      return refresh(query, true);
    }

    function selectDistrict(ags) {
      form.elements.district.value = ags;
      return apply();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    document.getElementById("map-filters-reset").addEventListener("click", function (event) {
      event.preventDefault();
      fillForm("");
      apply();
    });
    window.addEventListener("popstate", function () {
      fillForm(location.search);
      refresh(location.search.replace(/^\?/, ""), true);
    });
    document.querySelectorAll("input[name=layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) map.addLayer(groups[box.value]); else map.removeLayer(groups[box.value]);
      });
    });
    document.querySelectorAll("input[name=choropleth]").forEach(function (radio) {
      radio.addEventListener("change", function () { choropleth = radio.value; paintDistricts(); });
    });

    // A handle for the browser tests and the benchmark; it exposes nothing the page doesn't show.
    var api = window.jobnetMap = {
      map: map, groups: groups, ready: null,
      counts: function () {
        var result = {};
        KINDS.forEach(function (kind) { result[kind] = groups[kind].getLayers().length; });
        return result;
      },
      visible: function (kind) { return map.hasLayer(groups[kind]); },
      ids: function (kind) { return groups[kind].getLayers().map(function (m) { return m.postId; }); },
      openPopup: function (id) { return showPopup(markersById[id]); },
      // Zoom until the post's own marker (not its cluster) is on the map; resolves with its
      // screen element, so a test can click it like a person.
      reveal: function (id) {
        var marker = markersById[id];
        return new Promise(function (resolve) {
          groups[kindOf(marker)].zoomToShowLayer(marker, function () { resolve(true); });
        }).then(function () { marker.getElement().setAttribute("data-post-id", id); return true; });
      },
      selectDistrict: selectDistrict,
      highlighted: function () { return highlighted.slice(); },
      hasCatchment: function () { return catchmentLayer !== null; },
      districtFill: function (ags) { return districtLayers[ags].options.fillColor; }
    };
    refresh(location.search.replace(/^\?/, ""), false);
  }

  function initCatchmentMap(box) {
    var data = JSON.parse(document.getElementById("catchment-data").textContent);
    var map = L.map(box, {scrollWheelZoom: false, maxZoom: data.maxZoom, minZoom: 6});
    if (data.tileUrl) L.tileLayer(data.tileUrl, {attribution: data.tileAttribution, maxZoom: data.maxZoom}).addTo(map);
    map.attributionControl.addAttribution(data.attribution);
    var touched = {};
    data.districts.forEach(function (ags) { touched[ags] = true; });
    var circle = drawCircle(map, data.circle);
    map.fitBounds(circle.getBounds(), {padding: [10, 10]});
    getJSON(data.districtsUrl).then(function (geojson) {
      L.geoJSON(geojson, {interactive: false, style: function (feature) {
        var hit = touched[feature.properties.ags];
        return {color: hit ? "#b4441c" : "#37474f", weight: hit ? 3 : 1, fillColor: "#b4441c",
          fillOpacity: hit ? 0.12 : 0};
      }}).addTo(map).bringToBack();
      L.marker([data.lat, data.lon], {icon: L.divIcon({className: "map-marker kind-settlement",
        html: LETTERS.settlement, iconSize: [26, 26]}), title: data.label, keyboard: false}).addTo(map);
      box.setAttribute("data-ready", "1");
    });
  }

  var config = document.getElementById("map-config");
  if (config) initMainMap(JSON.parse(config.textContent));
  var small = document.getElementById("catchment-map");
  if (small) initCatchmentMap(small);
})();
