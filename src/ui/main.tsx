import './zod-config';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { decodeShareFragment, defaultModel, type ModelInput } from '../core';
import { App, type StartState } from './App';
import { loadDraft } from './lib/draft';
import { loadCore } from './wizard/load-core';
import { loadStep } from './wizard/step-views';

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
        message: {
          kind: 'info',
          text: [
            'Opened a shared configuration. Links never carry an API token: enter your own where one is needed.',
            ...decoded.notes,
          ].join(' '),
        },
      };
    }
    return { message: { kind: 'error', text: `${decoded.message} The wizard starts with the defaults.` } };
  }
  const draft = loadDraft();
  return draft
    ? {
        values: draft.values,
        step: draft.step,
        message: { kind: 'info', text: 'Restored your draft from this browser (without the API token).' },
      }
    : {};
}

/**
 * What the user already typed into the prerendered first step before the scripts arrived, by field
 * name, so hydration loses none of it.
 */
function typedBeforeHydration(root: HTMLElement): Record<string, string | boolean> {
  const typed: Record<string, string | boolean> = {};
  for (const element of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]')) {
    if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      if (element.checked !== element.defaultChecked) typed[element.name] = element.checked;
    } else if (element instanceof HTMLInputElement && element.type === 'radio') {
      if (element.checked && !element.defaultChecked) typed[element.name] = element.value;
    } else if (element.value !== element.defaultValue) {
      typed[element.name] = element.value;
    }
  }
  return typed;
}

/**
 * Text typed into boxes that keep their own state (no field name) before the app went live: the box
 * shows it, the app has not seen it. Replayed as input once the app is live.
 */
function replayUnseenText(root: HTMLElement) {
  for (const element of root.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>(
    'textarea[id]:not([name]), input[id]:not([name])',
  )) {
    if (element.value === element.defaultValue || element.type === 'file') continue;
    const prototype =
      element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, element.value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

const root = document.getElementById('root')!;
const start = startState();
// A link or draft that opens on a later step needs that step's view and the core before anything shows: start both
// now, while React renders, rather than after the first render (the boot script has started the editor already).
if (start.step && start.step !== 'requirements') {
  // A failure here is the app's to report when it loads them itself.
  loadStep(start.step).catch(() => undefined);
  loadCore().catch(() => undefined);
}
const typed = root.dataset.prerendered ? typedBeforeHydration(root) : {};
if (root.dataset.prerendered) document.addEventListener('wizard-ready', () => replayUnseenText(root), { once: true });
if (
  root.dataset.prerendered &&
  start.values === undefined &&
  start.message === undefined &&
  Object.keys(typed).length === 0
) {
  // The HTML already shows the first step with the defaults: attach to it.
  hydrateRoot(
    root,
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Start from what the link, the draft or the user's early typing says, rendered afresh.
  // The boot script hid the prerendered step while a link was being read; show the app once it is live.
  document.addEventListener('wizard-ready', () => delete document.documentElement.dataset.openingLink, {
    once: true,
  });
  const values = Object.keys(typed).length > 0 ? withTyped(start.values ?? defaultModel, typed) : start.values;
  root.textContent = '';
  createRoot(root).render(
    <StrictMode>
      <App start={{ ...start, ...(values ? { values } : {}) }} />
    </StrictMode>,
  );
}

function withTyped(values: ModelInput, typed: Record<string, string | boolean>): ModelInput {
  const copy = structuredClone(values) as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(typed)) {
    const keys = name.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) node = (node[key] ?? {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return copy as unknown as ModelInput;
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // Precaches the build so the wizard keeps working offline after the first visit.
  const register = () =>
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Not available (e.g. plain-HTTP host other than localhost): the wizard still works online.
    });
  // The app loads after the first paint, often after the load event has already fired.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
