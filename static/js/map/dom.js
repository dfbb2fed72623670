// Small helpers of the map modules: building elements and fetching JSON. Text from the server,
// which may be a post's, goes into the page only through textContent, never as HTML
// (docs/architecture.md, 'Map').

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function getJSON(url) {
  return fetch(url, {headers: {Accept: "application/json"}}).then(function (response) {
    if (!response.ok) throw new Error(response.status + " " + url);
    return response.json();
  });
}
