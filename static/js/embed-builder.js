// The embed builder (templates/embed/builder.html): every change of the form asks the server's
// oEmbed endpoint for the snippet (one place builds it, jobnet/embed/snippet.py), shows it and
// points the preview frame at the new address; "Code kopieren" copies it. Without JavaScript the
// form's button reloads the page with the same result.
(function () {
  const form = document.getElementById("embed-form");
  if (!form) return;
  const config = JSON.parse(document.getElementById("embed-config").textContent);
  const code = document.getElementById("embed-code");
  const preview = document.getElementById("embed-preview");
  const link = document.getElementById("embed-url");
  const copy = document.getElementById("embed-copy");
  const copied = document.getElementById("embed-copied");
  let generation = 0;

  function query() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value !== "") params.append(name, value); });
    return params.toString();
  }

  function update() {
    const mine = ++generation, search = query();
    const page = config.base + config.builder + (search ? "?" + search : "");
    const url = config.oembed + "?" + new URLSearchParams({url: page, format: "json"}).toString();
    history.replaceState(null, "", config.builder + (search ? "?" + search : ""));
    return fetch(url).then(function (r) { return r.json(); }).then(function (answer) {
      if (mine !== generation || !answer.html) return;
      code.value = answer.html;  // a textarea's value is text, never parsed as HTML
      const src = new DOMParser().parseFromString(answer.html, "text/html").querySelector("iframe");
      preview.src = src.getAttribute("src");
      preview.title = src.getAttribute("title");
      preview.width = answer.width;
      preview.height = answer.height;
      link.href = link.textContent = preview.src;
      form.setAttribute("data-ready", String(mine));
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  copy.hidden = false;
  copy.addEventListener("click", function () {
    code.select();
    const done = function () { copied.textContent = config.copied; };
    if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(done, function () {});
    else if (document.execCommand("copy")) done();
  });
})();
