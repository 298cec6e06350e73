// The reading options (适老化): larger text, high contrast and a large pointer (特大鼠标, for
// computers: phones have no pointer and do not show its button), on every page, each switched by
// a button in the header and remembered in localStorage (no cookie).
// Runs in two steps: the settings are put on <html> at once, so the page is painted with them
// when this file is loaded in the <head>; the buttons are added once the header exists.
(function () {
  var root = document.documentElement;
  // One key per option for the whole site, both languages: this file sits at SITE/assets/js/.
  var scope = new URL("../..", document.currentScript.src).pathname;
  var en = root.lang.indexOf("en") === 0;
  // name: the <html> attribute data-reading-NAME="VALUE" and the storage key SCOPE.reading-NAME.
  var OPTIONS = [
    { name: "size", value: "large",
      label: en ? { text: "Larger text", short: "Larger", title: "Larger text and stronger contrast on every page" }
        : { text: "大字号", short: "大字", title: "放大全站文字并提高对比度（适老化阅读）" } },
    { name: "contrast", value: "high",
      label: en ? { text: "High contrast", short: "Contrast", title: "High contrast on every page: at least 7:1 for text, a strong focus outline" }
        : { text: "高对比度", short: "对比", title: "全站高对比度显示：文字对比度不低于7:1，焦点框醒目" } },
    { name: "pointer", value: "large",
      label: en ? { text: "Large pointer", short: "Pointer", title: "A mouse pointer twice the usual size on every page" }
        : { text: "大鼠标", short: "鼠标", title: "全站显示加大的鼠标指针（适老化阅读）" } },
  ];

  function key(option) {
    return scope + ".reading-" + option.name;
  }

  function stored(option) {
    try {
      return localStorage.getItem(key(option)) === option.value;
    } catch (error) {
      return false; // storage disabled: the option still works for this page
    }
  }

  function apply(option, on) {
    if (on) root.setAttribute("data-reading-" + option.name, option.value);
    else root.removeAttribute("data-reading-" + option.name);
  }

  OPTIONS.forEach(function (option) { apply(option, stored(option)); });

  function button(option) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "reading-toggle";
    node.setAttribute("data-option", option.name);
    // The full label, and a short one that phones show instead (reading-options.css): both
    // buttons and the header's icons must fit 375 px, with larger text too.
    [["reading-label", option.label.text], ["reading-label-short", option.label.short]].forEach(function (part) {
      var span = document.createElement("span");
      span.className = part[0];
      span.textContent = part[1];
      node.appendChild(span);
    });
    node.title = option.label.title;
    node.setAttribute("aria-pressed", String(stored(option)));
    node.addEventListener("click", function () {
      var on = node.getAttribute("aria-pressed") !== "true";
      apply(option, on);
      node.setAttribute("aria-pressed", String(on));
      try {
        if (on) localStorage.setItem(key(option), option.value);
        else localStorage.removeItem(key(option));
      } catch (error) {
        // not remembered, but applied to this page
      }
    });
    return node;
  }

  function addButtons() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".reading-options")) return;
    var group = document.createElement("div");
    group.className = "md-header__option reading-options";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", en ? "Reading options" : "阅读选项");
    OPTIONS.forEach(function (option) { group.appendChild(button(option)); });
    // Before the colour-scheme toggle (or the search), with the other reading settings.
    var before = header.querySelector("[data-md-component=palette]") ||
      header.querySelector(".md-header__option") || header.querySelector(".md-search");
    header.insertBefore(group, before);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButtons);
  else addButtons();
})();
