import './zod-config';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { decodeShareFragment, defaultModel, WIZARD_STEPS, type ModelInput } from '../core';
import { App, type StartState } from './App';
import { loadDraft, sameValues } from './lib/draft';
import { FIRST_PREVIEW_STEP_INDEX } from './lib/share-link-step';
import { loadEditor } from './preview/YamlPreview';
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
      // The link takes the place of this browser's own draft: keep the draft at hand, so it can be given back.
      const draft = loadDraft();
      const replacesDraft =
        draft !== undefined && (!sameValues(draft.values, decoded.state.values) || draft.mergedWithPaste);
      return {
        values: decoded.state.values,
        step: decoded.state.step,
        ...(replacesDraft ? { replacedDraft: draft } : {}),
        message: {
          kind: 'info',
          text: [
            'Opened a shared configuration. Links never carry an API token: enter your own where one is needed.',
            ...decoded.notes,
            ...(replacesDraft ? ['It replaced your own draft in this browser.'] : []),
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
        ...(draft.mergedWithPaste ? { mergeLost: true } : {}),
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
/*
 * A link that opens on a later step shows nothing of the app until that step is there (the boot script hides the
 * prerendered first step meanwhile), and that step needs its view, the core and, on a step with previews, the editor
 * (the boot script has started it already). Rendering once they are all here costs one render and one layout of the
 * page; rendering at once meant a render without the core, another with it, a third with the editor, each laid out
 * and painted (measured on a link opening on the mesh-config step: about 300 ms more to the editor, issue 9). Never
 * more than STEP_WAIT_MS: the app then renders as before, with the step's own placeholders. A draft, which has the
 * first step on screen meanwhile, renders at once and loads them as it goes, as before.
 */
const STEP_WAIT_MS = 3000;
const laterStep = start.step && start.step !== 'requirements' ? start.step : undefined;
const needed = laterStep
  ? [
      loadStep(laterStep),
      loadCore(),
      ...(WIZARD_STEPS.indexOf(laterStep) >= FIRST_PREVIEW_STEP_INDEX ? [loadEditor()] : []),
    ]
  : [];
// A failure here is the app's to report when it loads them itself.
for (const loading of needed) loading.catch(() => undefined);
if (needed.length > 0 && document.documentElement.dataset.openingLink) {
  void Promise.race([Promise.allSettled(needed), new Promise((resolve) => setTimeout(resolve, STEP_WAIT_MS))]).then(
    render,
  );
} else {
  render();
}

function render() {
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
    const values = Object.keys(typed).length > 0 ? withTyped(start.values ?? defaultModel, typed) : start.values;
    root.textContent = '';
    // The boot script hid the prerendered step (display: none) while a link was being read. The app is shown as it
    // renders, in the same task, so nothing is painted in between and its editors are created at their real size.
    delete document.documentElement.dataset.openingLink;
    const app = createRoot(root);
    flushSync(() =>
      app.render(
        <StrictMode>
          <App start={{ ...start, ...(values ? { values } : {}) }} />
        </StrictMode>,
      ),
    );
  }
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
  // Not while the page is still starting: installing it fetches every file of the build again, which a link opening
  // on a step with previews (the editor, the core, the step) would wait behind. Once the app is live, the load event
  // has fired and the browser has a quiet moment (measured: the precache ran beside the editor's start, issue 9).
  const whenQuiet = () =>
    'requestIdleCallback' in window
      ? requestIdleCallback(() => void register(), { timeout: 10_000 })
      : setTimeout(() => void register(), 2_000);
  const afterLoad = () =>
    document.readyState === 'complete' ? whenQuiet() : window.addEventListener('load', whenQuiet, { once: true });
  if (document.documentElement.dataset.wizardReady === 'true') afterLoad();
  else document.addEventListener('wizard-ready', () => setTimeout(afterLoad, 1_000), { once: true });
}
