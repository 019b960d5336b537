import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeShareFragment } from '../core/share-link';
import { App, type StartState } from './App';
import { loadDraft } from './lib/draft';
import './styles.css';

// A share link pasted into the address bar of an open wizard changes only the fragment: start from it.
window.addEventListener('hashchange', () => {
  if (window.location.hash.startsWith('#s=')) window.location.reload();
});

function startState(): StartState {
  const hash = window.location.hash;
  if (hash.length > 1) {
    // The link has done its job once read: drop it from the address bar so the draft takes over.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const decoded = decodeShareFragment(hash);
    if (decoded.ok) {
      return {
        values: decoded.state.values,
        step: decoded.state.step,
        message: { kind: 'info', text: ['Opened a shared configuration. Links never carry an API token: enter your own where one is needed.', ...decoded.notes].join(' ') },
      };
    }
    return { message: { kind: 'error', text: `${decoded.message} The wizard starts with the defaults.` } };
  }
  const draft = loadDraft();
  return draft ? { values: draft.values, step: draft.step, message: { kind: 'info', text: 'Restored your draft from this browser (without the API token).' } } : {};
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App start={startState()} />
  </StrictMode>,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // Precaches the build so the wizard keeps working offline after the first visit.
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Not available (e.g. plain-HTTP host other than localhost): the wizard still works online.
    });
  });
}
