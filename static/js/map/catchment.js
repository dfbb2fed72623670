// A settlement's commuting catchment: the dashed circle around it and the districts it touches.
// On the home map it follows the settlement whose popup was opened last; the small map of a
// settlement's page (catchment-map.js) draws the same circle (docs/architecture.md, 'Map').
import {mapColours} from "./colours.js";

export function drawCircle(map, circle) {
  const colour = mapColours().catchment;
  return L.geoJSON(circle, {interactive: false, style: {color: colour, weight: 2,
    dashArray: "6 4", fillColor: colour, fillOpacity: 0.08}}).addTo(map);
}

// The home map's catchment; districts is createDistricts()'s result.
export function createCatchment(map, districts) {
  let layer = null, highlighted = [];

  // catchment: {circle, districts: [{ags, …}]} from a settlement's details, or null to clear.
  function show(catchment) {
    if (layer) map.removeLayer(layer);
    highlighted.forEach(function (ags) { districts.touch(ags, false); });
    layer = null;
    highlighted = [];
    if (!catchment) return;
    layer = drawCircle(map, catchment.circle);
    catchment.districts.forEach(function (row) {
      if (districts.touch(row.ags, true)) highlighted.push(row.ags);
    });
  }

  return {
    show: show,
    highlighted: function () { return highlighted.slice(); },
    shown: function () { return layer !== null; }
  };
}
