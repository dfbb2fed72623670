// The map's colours for Leaflet's paths. They are defined once, as custom properties on :root in
// static/css/jobnet.css; SVG attributes cannot say var(--…), so they are read from the page's
// computed style here (docs/architecture.md, 'Map'). Module scripts run after the page's head
// stylesheets have loaded, so the values are there when a map is set up.

let cached = null;

function read(style, name) {
  return style.getPropertyValue(name).trim();
}

// {district, districtFill, outline, catchment, touched, palette: [no posts … most posts]}
export function mapColours() {
  if (cached) return cached;
  const style = getComputedStyle(document.documentElement);
  const palette = [];
  for (let step = 0; read(style, "--map-choropleth-" + step); step++) {
    palette.push(read(style, "--map-choropleth-" + step));
  }
  cached = {
    district: read(style, "--map-district"),
    districtFill: read(style, "--map-district-fill"),
    outline: read(style, "--map-outline"),
    catchment: read(style, "--map-catchment"),
    touched: read(style, "--map-catchment-district"),
    palette: palette,
  };
  return cached;
}
