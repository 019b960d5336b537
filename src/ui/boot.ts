import './styles.css';
import { FIRST_PREVIEW_STEP_INDEX, stepIndexOfShareFragment } from './lib/share-link-step';

/*
 * The page's only entry script, and a tiny one: it lets the prerendered first step paint before the
 * app's JavaScript is fetched and evaluated (measured: starting it earlier, or preloading it, delays
 * the first paint by 20-40 ms), then loads the app, which hydrates that step.
 */
// A Next pressed on the prerendered step before the app is live is remembered and carried out by it.
// (The form's method="dialog" keeps the browser from submitting it natively meanwhile.)
document.addEventListener(
  'submit',
  () => {
    if (document.documentElement.dataset.wizardReady !== 'true')
      (window as { wizardEarlySubmit?: boolean }).wizardEarlySubmit = true;
  },
  { capture: true },
);

// A link (or any fragment: main.tsx reads it) opens on its own step with its own values. The prerendered
// first step with the defaults is hidden (open-link-first.ts, inline in index.html, before it is painted), so nothing can be
// clicked on it, until the app shows the link's step (main.tsx lifts this).
const openingLink = window.location.hash.length > 1;

let started = false;
function start() {
  if (started) return;
  started = true;
  void import('./main');
  // A colleague's link that opens on a step with previews needs the editor at once: fetch it alongside the app.
  void stepIndexOfShareFragment(window.location.hash).then((step) => {
    if (step !== undefined && step >= FIRST_PREVIEW_STEP_INDEX) void import('./preview/MonacoView');
  });
}

if (openingLink) {
  // Nothing prerendered to paint first: start at once.
  start();
} else if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length > 0) {
      observer.disconnect();
      setTimeout(start);
    }
  }).observe({ type: 'paint', buffered: true });
} else {
  requestAnimationFrame(() => setTimeout(start));
}
// Background tabs do not paint: never wait for it longer than this.
setTimeout(start, 300);
