// The larger-text reading option (适老化): larger text and stronger contrast on every page,
// switched by a button in the header and remembered in localStorage (no cookie).
// Runs in two steps: the setting is put on <html> at once, so the page is painted with it when
// this file is loaded in the <head>; the button is added once the header exists.
(function () {
  var root = document.documentElement;
  // One key for the whole site, both languages: this file sits at SITE/assets/js/.
  var scope = new URL("../..", document.currentScript.src).pathname;
  var key = scope + ".reading-size";
  var LABEL = root.lang.indexOf("en") === 0
    ? { text: "Larger text", title: "Larger text and stronger contrast on every page" }
    : { text: "大字号", title: "放大全站文字并提高对比度（适老化阅读）" };

  function stored() {
    try {
      return localStorage.getItem(key) === "large";
    } catch (error) {
      return false; // storage disabled: the option still works for this page
    }
  }

  function apply(large) {
    if (large) root.setAttribute("data-reading-size", "large");
    else root.removeAttribute("data-reading-size");
  }

  apply(stored());

  function addButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".reading-toggle")) return;
    var option = document.createElement("div");
    option.className = "md-header__option reading-options";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reading-toggle";
    button.textContent = LABEL.text;
    button.title = LABEL.title;
    button.setAttribute("aria-pressed", String(stored()));
    button.addEventListener("click", function () {
      var large = button.getAttribute("aria-pressed") !== "true";
      apply(large);
      button.setAttribute("aria-pressed", String(large));
      try {
        if (large) localStorage.setItem(key, "large");
        else localStorage.removeItem(key);
      } catch (error) {
        // not remembered, but applied to this page
      }
    });
    option.appendChild(button);
    // Before the colour-scheme toggle (or the search), with the other reading settings.
    var before = header.querySelector("[data-md-component=palette]") ||
      header.querySelector(".md-header__option") || header.querySelector(".md-search");
    header.insertBefore(option, before);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButton);
  else addButton();
})();
