import type { Model, ModelInput } from '../../core';
import { startTransition, useEffect, useInsertionEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { UseFormReturn } from 'react-hook-form';
import { countFormChange, formChangeCount, noteRenderedChange } from '../preview/live-previews';

/**
 * While someone types, the rest of the page waits for a pause this long (ms) before it follows. The open preview does
 * not wait: it gets each keystroke in the keystroke's own task (usePreviewPublishing).
 */
export const TYPING_PAUSE_MS = 100;
/** A press held longer than this is not a click on its way: the page follows the form again. */
const LONGEST_PRESS_MS = 1000;

/**
 * The page follows the form in a transition: a keystroke's own task only updates the field and the open preview
 * (usePreviewPublishing). Everything else (the whole bundle, the path card, the step list) re-renders once typing
 * pauses for TYPING_PAUSE_MS, not after every key: a burst of keys is not slowed by whole-page renders and frames
 * between them. A change that is not typing (a choice, a pasted snippet, a reset) is followed at once.
 *
 * Before the user can act on the page, it catches up: on a click (before the button's own handler runs) and on any key
 * that does not type (Enter, Tab, a shortcut). So Copy, Download, Next and a share link never see an older value. While
 * the main button is pressed (up to LONGEST_PRESS_MS) the page does not change: catching up then could move the button
 * away between the press and the release, and the click would be lost.
 */
export function useLiveValues(form: UseFormReturn<ModelInput, unknown, Model>): ModelInput {
  const [rendered, setRendered] = useState(() => ({ values: form.getValues(), change: formChangeCount() }));
  /** The change of the form the page has committed a render of. */
  const committed = useRef(rendered.change);
  // Before any layout effect of the same commit: a preview's (MonacoView) must know which change this render is for.
  useInsertionEffect(() => {
    committed.current = rendered.change;
    noteRenderedChange(rendered.change);
  }, [rendered]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** When the pause ends; a key pushes it back without a new timer (one timer per pause, not one per key). */
    let pauseEnds = 0;
    let pressedAt: number | undefined;
    const behind = () => committed.current < formChangeCount();
    const snapshot = () => ({ values: structuredClone<ModelInput>(form.getValues()), change: formChangeCount() });
    const stop = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    const wait = (ms: number) => {
      pauseEnds = Math.max(pauseEnds, performance.now() + ms);
      timer ??= setTimeout(pauseOver, ms);
    };
    const pauseOver = () => {
      timer = undefined;
      // Both the pause and a press (for at most LONGEST_PRESS_MS) hold the page.
      const left = Math.max(pauseEnds, (pressedAt ?? -Infinity) + LONGEST_PRESS_MS) - performance.now();
      if (left > 0) timer = setTimeout(pauseOver, left);
      else follow();
    };
    const follow = () => {
      stop();
      startTransition(() => setRendered(snapshot()));
    };
    const catchUp = () => {
      if (!behind()) return;
      stop();
      // Rendered before this listener returns, so the click's or the key's own handlers (React's, further down the
      // event's path) already see it.
      flushSync(() => setRendered(snapshot()));
    };
    const release = () => {
      if (pressedAt === undefined) return;
      pressedAt = undefined;
      stop();
      // Not at once: after a tap the click comes in a later task, and catches the page up itself.
      if (behind()) wait(TYPING_PAUSE_MS);
    };
    const listeners: [EventTarget, string, (event: Event) => void][] = [
      [document, 'click', catchUp],
      [document, 'keydown', (event) => typesText(event as KeyboardEvent) || catchUp()],
      [document, 'pointerdown', (event) => (event as PointerEvent).button === 0 && (pressedAt = performance.now())],
      // A press can end without a pointerup: a context menu or a drag takes the pointer, or the window loses focus.
      ...['pointerup', 'pointercancel', 'contextmenu', 'dragstart'].map((name): [EventTarget, string, () => void] => [
        document,
        name,
        release,
      ]),
      [window, 'blur', release],
    ];
    const subscription = form.watch((_all, payload) => {
      countFormChange(payload);
      if (payload.type === 'change' && isTextControl(document.activeElement)) wait(TYPING_PAUSE_MS);
      else if (pressedAt === undefined) follow();
      else wait(0);
    });
    for (const [target, name, listener] of listeners) target.addEventListener(name, listener, true);
    return () => {
      subscription.unsubscribe();
      stop();
      for (const [target, name, listener] of listeners) target.removeEventListener(name, listener, true);
    };
  }, [form]);
  return rendered.values;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

function isTextControl(element: Element | null): boolean {
  return (
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type))
  );
}

/** Keys that change nothing on their own, or stand for a key whose effect is not known yet (a composition). */
const TYPING_KEYS = new Set([
  'Backspace',
  'Delete',
  'Process',
  'Unidentified',
  'Dead',
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'Fn',
  'FnLock',
  'NumLock',
  'Hyper',
  'Super',
  'Symbol',
]);

/**
 * A key that is part of typing: a character (also with AltGr or, on a Mac, Option), Backspace or Delete, a modifier
 * pressed on its own, and anything during an input method's composition (on Android nearly every key reads
 * "Unidentified"). Enter, Tab, arrows and shortcuts (Ctrl or Cmd with a key) are not.
 */
function typesText(event: KeyboardEvent): boolean {
  const key = typeof event.key === 'string' ? event.key : '';
  if (event.isComposing || key === '' || TYPING_KEYS.has(key)) return true;
  if (event.getModifierState?.('AltGraph')) return [...key].length === 1;
  if (event.ctrlKey || event.metaKey) return false;
  return [...key].length === 1;
}
