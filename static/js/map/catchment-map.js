// The small map on a settlement's page (templates/map/_catchment.html): its commuting circle, the
// districts it touches and its marker, from the JSON in #catchment-data; #catchment-map gets
// data-ready="1" once drawn (docs/architecture.md, 'Map').
import {drawCircle} from "./catchment.js";
import {mapColours} from "./colours.js";
import {getJSON} from "./dom.js";
import {markerIcon} from "./kinds.js";

function initCatchmentMap(box) {
  const data = JSON.parse(document.getElementById("catchment-data").textContent);
  const colours = mapColours();
  const map = L.map(box, {scrollWheelZoom: false, maxZoom: data.maxZoom, minZoom: 6});
  if (data.tileUrl) L.tileLayer(data.tileUrl, {attribution: data.tileAttribution, maxZoom: data.maxZoom}).addTo(map);
  map.attributionControl.addAttribution(data.attribution);
  const touched = {};
  data.districts.forEach(function (ags) { touched[ags] = true; });
  const circle = drawCircle(map, data.circle);
  map.fitBounds(circle.getBounds(), {padding: [10, 10]});
  getJSON(data.districtsUrl).then(function (geojson) {
    L.geoJSON(geojson, {interactive: false, style: function (feature) {
      const hit = touched[feature.properties.ags];
      return {color: hit ? colours.touched : colours.district, weight: hit ? 3 : 1,
        fillColor: colours.touched, fillOpacity: hit ? 0.12 : 0};
    }}).addTo(map).bringToBack();
    L.marker([data.lat, data.lon], {icon: markerIcon("settlement", data.letter, ""), title: data.label,
      keyboard: false}).addTo(map);
    box.setAttribute("data-ready", "1");
  });
}

const box = document.getElementById("catchment-map");
if (box) initCatchmentMap(box);
