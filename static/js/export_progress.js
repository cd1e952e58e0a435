/* Exports that take a while (plan PDF, cabinet report PDF) show progress.
 *
 * A link marked data-export starts the export in the background: the page says the
 * file is being made (a spinner in a live region), then offers the file with a
 * download link when it is ready, or says what went wrong. Without JavaScript the
 * link is an ordinary download. */
(function () {
  "use strict";
  if (!window.fetch || !window.URL || !URL.createObjectURL) {
    return;
  }

  function fileName(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/i.exec(header);
    return match ? match[1] : fallback;
  }

  function statusFor(link) {
    var id = link.getAttribute("data-export-status");
    var box = id ? document.getElementById(id) : null;
    if (!box) {
      box = document.createElement("p");
      box.className = "export-status";
      box.setAttribute("role", "status");
      link.insertAdjacentElement("afterend", box);
    }
    return box;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-export]") : null;
    if (!link || link.getAttribute("aria-busy") === "true") {
      return;
    }
    event.preventDefault();
    var box = statusFor(link);
    link.setAttribute("aria-busy", "true");
    box.textContent = "";
    var spinner = document.createElement("span");
    spinner.className = "spinner";
    spinner.setAttribute("aria-hidden", "true");
    box.appendChild(spinner);
    box.appendChild(document.createTextNode(" " + link.getAttribute("data-export-busy")));
    fetch(link.href, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        var name = fileName(response, link.getAttribute("data-export-name") || "export");
        return response.blob().then(function (blob) { return {blob: blob, name: name}; });
      })
      .then(function (file) {
        box.textContent = link.getAttribute("data-export-ready") + " ";
        var ready = document.createElement("a");
        ready.href = URL.createObjectURL(file.blob);
        ready.download = file.name;
        ready.className = "export-status__file";
        ready.textContent = file.name;
        box.appendChild(ready);
        ready.focus();
      })
      .catch(function () {
        box.textContent = link.getAttribute("data-export-failed");
      })
      .then(function () {
        link.removeAttribute("aria-busy");
      });
  });
})();
