// The filter panel beside the home map (templates/posts/_filter.html) kept in step with the URL
// and the list below the map: the form as a query string and back, and the list fetched as the
// server's HTML fragment for the same query (docs/architecture.md, 'Map').

// The form's non-empty fields as a query string, without "?".
export function formQuery(form) {
  const params = new URLSearchParams();
  new FormData(form).forEach(function (value, name) { if (value !== "") params.append(name, value); });
  return params.toString();
}

// Sets every field from a query string ("" clears them all).
export function fillForm(form, search) {
  const params = new URLSearchParams(search);
  Array.prototype.forEach.call(form.elements, function (field) {
    if (!field.name) return;
    if (field.type === "checkbox") field.checked = params.has(field.name);
    else field.value = params.get(field.name) || "";
  });
}

// Replaces section's content with the list at url, unless isCurrent() says a newer request has
// started meanwhile; the status line announces the list's heading to screen readers.
export function loadList(url, section, status, isCurrent) {
  return fetch(url).then(function (r) { return r.text(); }).then(function (html) {
    if (!isCurrent()) return;
    // DOMParser never runs scripts; the fragment is escaped server-side by Jinja.
    const doc = new DOMParser().parseFromString(html, "text/html");
    section.replaceChildren.apply(section, Array.prototype.slice.call(doc.body.childNodes));
    status.textContent = section.querySelector("#results-heading").textContent.trim();
  });
}
