// Tables wider than the page scroll sideways in their own box (Material wraps every table in
// .md-typeset__scrollwrap). A box that scrolls must be reachable by keyboard (WCAG 2.1.1), so
// while it scrolls it is a focusable, named region; the name is the table's caption if any.
// Checked again when its size changes: a narrow window, zoom or the larger-text option.
(function () {
  var fallback = document.documentElement.lang.indexOf("en") === 0 ? "Table (scrolls sideways)" : "表格（可横向滚动）";

  function update(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : fallback);
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function watch() {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target.closest(".md-typeset__scrollwrap")); });
    });
    // Material wraps the tables when its bundle starts, before the load event.
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      observer.observe(wrap);
      if (wrap.firstElementChild) observer.observe(wrap.firstElementChild);
    });
  }

  if (document.readyState === "complete") watch();
  else window.addEventListener("load", watch);
})();
