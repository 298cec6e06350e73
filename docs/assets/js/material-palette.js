// Material for MkDocs' palette script (partials/javascripts/palette.html), moved out of the page
// for the Content-Security-Policy: applies the colour scheme the reader chose before the page is
// painted. Same behaviour as Material 9.8.1. Loaded where the inline script was, after the
// palette toggles, so document.body and the toggles exist. A block, so that nothing leaks
// into the global scope.
{
  const palette = __md_get("__palette");
  if (palette && palette.color) {
    // "Follow the system": pick the toggle that matches the system's scheme now.
    if (palette.color.media === "(prefers-color-scheme)") {
      const media = matchMedia("(prefers-color-scheme: light)");
      const input = document.querySelector(media.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (const [key, value] of Object.entries(palette.color)) {
      document.body.setAttribute("data-md-color-" + key, value);
    }
  }
}
