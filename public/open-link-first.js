// A link (any fragment: main.tsx reads it) opens on its own step. This tiny blocking script runs before the
// prerendered first step is parsed, so that step (with the defaults) is never shown nor clickable meanwhile;
// main.tsx removes the mark once the app shows the link's step. Must stay a classic script in <head>.
if (window.location.hash.length > 1) document.documentElement.setAttribute('data-opening-link', 'true');
