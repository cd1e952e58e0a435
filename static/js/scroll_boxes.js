/* Wide tables scroll in their own box, never the page (reflow at 320 px, WCAG 1.4.10).
 *
 * Every data table sits in a .table-wrap (a template may put it there itself); a box
 * whose table is wider than the window gets what a keyboard and a screen reader need to
 * use it: tabindex="0" (the arrow keys scroll it), role="region" and a name, taken from
 * the table's caption or the heading above it. Checked again when the window resizes. */
(function () {
  "use strict";
  var tables = document.querySelectorAll("main table");
  Array.prototype.forEach.call(tables, function (table) {
    if (table.closest(".table-wrap, .chart-figure")) {
      return;
    }
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  });

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var node = wrap; node && node.tagName !== "MAIN"; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName) && prev.textContent.trim()) {
          return prev.textContent.trim();
        }
      }
    }
    return document.title;
  }

  function label() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-scroll-box", "");
        if (!wrap.hasAttribute("role")) {
          wrap.setAttribute("role", "region");
        }
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("aria-label", nameOf(wrap));
        }
      } else if (!scrolls && wrap.hasAttribute("data-scroll-box")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("data-scroll-box");
      }
    });
  }

  label();
  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(label, 150);
  });
})();
