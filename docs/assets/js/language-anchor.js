// Keep the reader's place when switching language. mkdocs-static-i18n links each page to the
// same page in the other language, but without the #anchor the reader is at; both languages use
// the same ids (regulation-12, policy-5), so the current hash is carried over at click time.
// At click time, because navigation.tracking updates the hash without a hashchange event.
(function () {
  function carryHash(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !location.hash) return;
    var url = new URL(link.getAttribute("href"), location.href);
    url.hash = location.hash;
    link.href = url.href;
  }
  document.addEventListener("click", carryHash);
  document.addEventListener("auxclick", carryHash);
})();
