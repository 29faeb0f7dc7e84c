// aula default theme: the light/dark toggle, the course menu on small screens, the header's
// height for jumps to headings, the lesson outline that follows the reading, and wide tables
// that scroll in their own box.
(function () {
  "use strict";
  var root = document.documentElement;
  var script = document.currentScript;

  function currentTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    toggle.setAttribute("aria-pressed", String(currentTheme() === "dark"));
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      toggle.setAttribute("aria-pressed", String(next === "dark"));
      try { localStorage.setItem("aula-theme", next); } catch (e) { /* storage may be off */ }
    });
  }

  var navToggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("course-nav");
  if (navToggle && nav) {
    navToggle.addEventListener("click", function () {
      var open = navToggle.getAttribute("aria-expanded") !== "true";
      navToggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    });
  }

  // The header is sticky and its height changes with the screen (it wraps on phones): the CSS
  // keeps jumps to a heading clear of it through --header-h, measured here.
  var header = document.querySelector(".site-header");
  function measureHeader() {
    root.style.setProperty("--header-h", header.getBoundingClientRect().height + "px");
  }
  if (header) {
    measureHeader();
    if (window.ResizeObserver) new ResizeObserver(measureHeader).observe(header);
    // A page opened at #id may have scrolled before the height was known.
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.getBoundingClientRect().top < header.getBoundingClientRect().bottom) {
      target.scrollIntoView();
    }
  }

  // A <base> (the 404 page has one) would send in-page links to the site's home.
  if (document.querySelector("base")) {
    document.querySelectorAll('a[href^="#"]').forEach(function (a) {
      a.href = location.pathname + location.search + a.getAttribute("href");
    });
  }

  // The outline: open beside the text on wide screens, folded before it on narrower ones, and
  // marking the section being read.
  var toc = document.querySelector(".lesson > .toc");
  var wide = window.matchMedia("(min-width: 1200px)");
  if (toc) {
    var details = toc.querySelector("details");
    var summary = details.querySelector("summary");
    // Beside the text the outline is always open: its title is then no toggle to tab to.
    var fold = function () {
      details.open = wide.matches;
      summary.tabIndex = wide.matches ? -1 : 0;
    };
    fold();
    wide.addEventListener("change", fold);
    followReading(toc);
  }

  function followReading(toc) {
    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    var headings = links.map(function (a) {
      return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    if (!window.IntersectionObserver || headings.indexOf(null) !== -1) return;
    var current = null;
    function mark() {
      // The section being read is the last one whose heading is above the upper third.
      var line = header ? header.getBoundingClientRect().bottom + window.innerHeight / 4 : window.innerHeight / 3;
      var index = 0;
      headings.forEach(function (h, i) { if (h.getBoundingClientRect().top <= line) index = i; });
      if (current === links[index]) return;
      if (current) current.removeAttribute("aria-current");
      current = links[index];
      current.setAttribute("aria-current", "true");
    }
    var observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -66% 0px" });
    headings.forEach(function (h) { observer.observe(h); });
    mark();
  }

  // A table wider than the text scrolls in its box; the box then takes the keyboard focus (to
  // scroll it with the arrow keys) and is named for screen readers.
  var tableLabel = script && script.dataset.tableLabel;
  function markScrollingTables() {
    document.querySelectorAll(".content .table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("aria-label", caption ? caption.textContent : tableLabel || "");
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
