/* After a failed submit, move focus to the form's error summary.
 *
 * The summary lists each problem with a link to its field; putting focus on it brings
 * it into view (even when the form sits far down the page) and makes a screen reader
 * read it out, instead of leaving focus on <body> at the top of the page. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) {
    return;
  }
  if (!summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
  }
  summary.scrollIntoView({block: "start"});
  summary.focus({preventScroll: true});
})();
