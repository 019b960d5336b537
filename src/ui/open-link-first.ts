/*
 * A link (any fragment: main.tsx reads it) opens on its own step (issue 12, item 4). This check runs before the
 * prerendered first step is parsed, so that step (with the defaults) is never shown nor clickable meanwhile; the
 * stylesheet hides #root while the mark is set, and main.tsx removes it once the app shows the link's step.
 *
 * It is inlined into index.html's <head> (vite.config.ts) rather than loaded from a file: a blocking script file
 * costs every visit, fragment or not, a request before the first paint (measured: first step accepting input went
 * from about 1.0× to 1.5× the static page). The strict Content-Security-Policy allows exactly this script by its
 * hash (scripts/content-security-policy.ts, README); under an older policy without the hash it is blocked, and a link
 * merely shows the first step until the app has read it.
 */
export const OPEN_LINK_FIRST_SCRIPT = [
  'if(location.hash.length>1){',
  "document.documentElement.setAttribute('data-opening-link','true');",
  // A share link may open on a step with previews, which needs the editor, the core and that step at once: start
  // fetching them (named by the build in <meta name="shared-link-preload">, so this text and its hash stay the same
  // from build to build) now, not only once the boot script and then the app have read the link.
  "if(location.hash.indexOf('#s=')===0)document.querySelectorAll('meta[name=shared-link-preload]').forEach(function(m){",
  // crossOrigin as Vite's loader asks for them: a preload in another mode is not reused, and fetched twice.
  "var l=document.createElement('link');l.crossOrigin='';",
  "if(/[.]css$/.test(m.content)){l.rel='preload';l.as='style'}else{l.rel='modulepreload'}",
  'l.href=m.content;document.head.appendChild(l)})}',
].join('');
