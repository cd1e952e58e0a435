/* Import progress: poll the job's status and reload the page when it is no longer running. */
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-import-status-url");
  var bar = box.querySelector("progress[data-import-determinate]");
  var text = box.querySelector("[data-import-progress-text]");
  function poll() {
    window.fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.running) { window.location.reload(); return; }
        if (bar) { bar.value = data.progress; }
        if (text) { text.textContent = data.status_display + ": " + data.progress + "%"; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
