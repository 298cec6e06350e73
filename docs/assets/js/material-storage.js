// Material for MkDocs' storage helpers, which its bundle and its palette script call. Material
// writes them inline in every page (partials/javascripts/base.html); they are here so that the
// pages run under a Content-Security-Policy without 'unsafe-inline'. Same behaviour as Material
// 9.8.1: settings are kept per site, under keys prefixed by the site's path (the scope).
// What they store is listed on the About page (docs/about.md, #storage).
var __md_scope = new URL(document.currentScript.dataset.scope, location);
var __md_hash = (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var __md_get = (key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key));
var __md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: the setting is simply not remembered, as in Material.
  }
};
