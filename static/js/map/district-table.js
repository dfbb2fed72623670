// The district table under the home map (templates/map/_district_table.html), the choropleth's
// text alternative. The server renders it complete; this module keeps its numbers, links and
// the chosen district in step with the filters applied in the page, and applies a row's link in
// place. main.js announces every new set of district counts with a "jobnet:counts" event
// ({counts, query}); numbers go in with textContent only (docs/architecture.md, 'District table').
import {fillForm} from "./filter-sync.js";
import {getJSON} from "./dom.js";

// The filters a table shows: the query without district and page, in a stable order.
function tableQuery(query) {
  const params = new URLSearchParams(query);
  params.delete("district");
  params.delete("page");
  params.sort();
  return params.toString();
}

function initDistrictTable(table) {
  const format = new Intl.NumberFormat(document.documentElement.lang || "de");
  const rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-ags]"));
  let shown = tableQuery(table.dataset.query || "");  // the filters the numbers belong to
  let generation = 0;  // the latest update; older answers are dropped

  function href(query, ags) {
    const params = new URLSearchParams(query);
    if (ags) params.set("district", ags);
    const search = params.toString();
    return table.dataset.homeUrl + (search ? "?" + search : "") + "#map-list";
  }

  // counts: {ags: {posts, jobs, kinds: {kind: n}}} of the districts with matching posts.
  function showCounts(counts, query) {
    const total = {posts: 0, jobs: 0, kinds: {}};
    rows.forEach(function (row) {
      const ags = row.dataset.ags;
      if (!ags) return;
      const entry = counts[ags] || {posts: 0, jobs: 0, kinds: {}};
      total.posts += entry.posts;
      total.jobs += entry.jobs;
      Object.keys(entry.kinds || {}).forEach(function (kind) {
        total.kinds[kind] = (total.kinds[kind] || 0) + entry.kinds[kind];
      });
      fill(row, entry, query);
    });
    rows.filter(function (row) { return !row.dataset.ags; })
      .forEach(function (row) { fill(row, total, query); });
    shown = query;
  }

  function fill(row, entry, query) {
    row.querySelectorAll("[data-count]").forEach(function (cell) {
      const name = cell.dataset.count;
      const value = name === "posts" || name === "jobs" ? entry[name] : (entry.kinds || {})[name];
      cell.textContent = format.format(value || 0);
    });
    row.querySelector("a[data-district]").href = href(query, row.dataset.ags);
  }

  function markSelected(ags) {
    rows.forEach(function (row) {
      const chosen = Boolean(ags) && row.dataset.ags === ags;
      const link = row.querySelector("a[data-district]"), mark = row.querySelector(".selected-mark");
      row.classList.toggle("selected", chosen);
      if (chosen) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
      if (mark) mark.hidden = !chosen;
    });
  }

  document.addEventListener("jobnet:counts", function (event) {
    const mine = ++generation, query = tableQuery(event.detail.query || "");
    const district = new URLSearchParams(event.detail.query || "").get("district") || "";
    markSelected(district);
    if (query === shown) return;
    // The map's counts are for the chosen district only; the table compares all of them.
    const counts = district ? getJSON(table.dataset.countsUrl + (query ? "?" + query : ""))
      : Promise.resolve(event.detail.counts);
    counts.then(function (answer) { if (mine === generation) showCounts(answer, query); },
      function () {});  // on a failed request the table keeps its last numbers
    // Members' mark columns (only their page has the URL) follow the same filters.
    if (table.dataset.marksUrl) {
      getJSON(table.dataset.marksUrl + (query ? "?" + query : "")).then(function (answer) {
        if (mine === generation) showMarks(answer);
      }, function () {});
    }
  });

  // marks: {ags: {experience, interest}} of the districts with marked matching posts.
  function showMarks(marks) {
    const total = {experience: 0, interest: 0};
    rows.forEach(function (row) {
      if (!row.dataset.ags) return;
      const entry = marks[row.dataset.ags] || {};
      fillMarks(row, entry);
      total.experience += entry.experience || 0;
      total.interest += entry.interest || 0;
    });
    rows.filter(function (row) { return !row.dataset.ags; })
      .forEach(function (row) { fillMarks(row, total); });
  }

  function fillMarks(row, entry) {
    row.querySelectorAll("[data-marks]").forEach(function (cell) {
      cell.textContent = format.format(entry[cell.dataset.marks] || 0);
    });
  }

  // A row's link applies its filters through the map's form, so map and list follow without a
  // page load; with modifier keys, or without the map's form, the link is an ordinary link.
  table.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-district]");
    const form = document.getElementById("map-filters");
    if (!link || !form || !form.requestSubmit || !window.jobnetMap) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    fillForm(form, new URL(link.href).search);
    form.requestSubmit();
  });
}

const table = document.getElementById("district-table");
if (table) initDistrictTable(table);
