/*
 * "Lijkt op …": while a proposal is typed, show the three existing actions most like it
 * (GET /api/v1/actions/similar-to/), so a member can join an existing proposal instead of
 * writing a duplicate. Progressive enhancement: without JavaScript the form works as before.
 *
 * The box (#similar-warning) carries the API URL, the group, the action being edited and the
 * Dutch texts in data- attributes; everything from the server is put in the page with
 * textContent, never as markup.
 */
(function () {
  "use strict";
  var box = document.getElementById("similar-warning");
  if (!box || !window.fetch) { return; }
  var form = box.closest("form") || document;
  var title = form.querySelector("[name=title]");
  var description = form.querySelector("[name=description]");
  var list = box.querySelector("[data-role=list]");
  if (!title || !description || !list) { return; }
  var timer = null;
  var lastQuery = "";
  var DELAY = 700; // ms after the last key stroke

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    box.hidden = true;
  }

  function render(rows) {
    clear();
    if (!rows.length) { return; }
    rows.forEach(function (row) {
      var item = document.createElement("li");
      item.className = "similar-warning__item";
      var link = document.createElement("a");
      link.href = row.url;
      link.textContent = row.code + " " + row.title;
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "similar-warning__meta";
      meta.textContent = " (" + row.owner + ", " + row.status_display + ", " +
        Math.round(row.score * 100) + "%)";
      item.appendChild(meta);
      if (row.explanation) {
        var why = document.createElement("p");
        why.className = "similar-warning__why";
        why.textContent = row.explanation;
        item.appendChild(why);
      }
      list.appendChild(item);
    });
    box.hidden = false;
  }

  function ask() {
    var t = title.value.trim();
    var d = description.value.trim();
    if (!t || !d) { clear(); return; }
    var params = new URLSearchParams({ title: t.slice(0, 200), description: d.slice(0, 10000) });
    if (box.dataset.group) { params.set("working_group", box.dataset.group); }
    if (box.dataset.exclude) { params.set("exclude", box.dataset.exclude); }
    var query = params.toString();
    if (query === lastQuery) { return; }
    lastQuery = query;
    fetch(box.dataset.url + "?" + query, {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (rows) {
      if (query === lastQuery) { render(rows); }
    }).catch(function () {
      lastQuery = ""; // a refusal or a rate limit: try again on the next change
    });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(ask, DELAY);
  }

  title.addEventListener("input", schedule);
  description.addEventListener("input", schedule);
  title.addEventListener("change", ask);
  description.addEventListener("change", ask);
  if (title.value.trim() && description.value.trim()) { ask(); }
})();
