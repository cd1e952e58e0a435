/* The bell in the header: fills in the number of unread notifications.
 *
 * Without JavaScript the bell is a plain link to /meldingen/. The count comes from
 * GET /api/v1/me/notifications/?unread=true (the session cookie signs the request in);
 * the link's accessible name says how many are unread. */
(function () {
  "use strict";
  var bell = document.querySelector("[data-inbox-bell]");
  if (!bell || !window.fetch) {
    return;
  }
  var badge = bell.querySelector("[data-inbox-count]");
  var label = bell.querySelector("[data-inbox-label]");

  function show(count) {
    if (count > 0) {
      badge.textContent = count > 99 ? "99+" : String(count);
      badge.hidden = false;
      label.textContent = count === 1
        ? bell.getAttribute("data-label-one")
        : bell.getAttribute("data-label-many").replace("%(n)s", String(count));
    } else {
      badge.hidden = true;
      label.textContent = bell.getAttribute("data-label-none");
    }
  }

  fetch(bell.getAttribute("data-inbox-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (data && typeof data.count === "number") {
        show(data.count);
      }
    })
    .catch(function () { /* the link still works without a count */ });
})();
