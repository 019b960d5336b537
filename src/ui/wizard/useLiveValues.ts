import type { Model, ModelInput } from '../../core';
import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { UseFormReturn } from 'react-hook-form';

/**
 * While someone types, the rest of the page waits for a pause this long (ms) before it follows. The open preview does
 * not wait: it gets each keystroke in the keystroke's own task (usePreviewPublishing).
 */
export const TYPING_PAUSE_MS = 100;

/**
 * The page follows the form in a transition: a keystroke's own task only updates the field and the open preview
 * (usePreviewPublishing). Everything else (the whole bundle, the path card, the step list) re-renders once typing
 * pauses for TYPING_PAUSE_MS, not after every key: a burst of keys is not slowed by whole-page renders and frames
 * between them. A change that is not typing (a choice, a pasted snippet, a reset) is followed at once.
 *
 * Before the user can act on the page, it catches up: on a click (before the button's own handler runs) and on any key
 * that does not type (Enter, Tab, a shortcut). So Copy, Download, Next and a share link never see an older value. While
 * a pointer is pressed the page does not change at all (the pause waits for the release): catching up then could move
 * the button away between the press and the release, and the click would be lost.
 */
export function useLiveValues(form: UseFormReturn<ModelInput, unknown, Model>): ModelInput {
  const [values, setValues] = useState<ModelInput>(() => form.getValues());
  useEffect(() => {
    /** The form has changed since the page last followed it. */
    let behind = false;
    let pressed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const snapshot = () => structuredClone<ModelInput>(form.getValues());
    /** When the pause ends; a key pushes it back without a new timer (one timer per pause, not one per key). */
    let pauseEnds = 0;
    const wait = (ms: number) => {
      pauseEnds = performance.now() + ms;
      if (timer === undefined && !pressed) timer = setTimeout(pauseOver, ms);
    };
    const pauseOver = () => {
      const left = pauseEnds - performance.now();
      timer = left > 0 ? setTimeout(pauseOver, left) : undefined;
      if (left <= 0) follow();
    };
    const follow = () => {
      clearTimeout(timer);
      timer = undefined;
      behind = false;
      startTransition(() => setValues(snapshot()));
    };
    const catchUp = () => {
      if (!behind) return;
      clearTimeout(timer);
      timer = undefined;
      behind = false;
      // Rendered before this listener returns, so the click's or the key's own handlers (React's, further down the
      // event's path) already see it.
      flushSync(() => setValues(snapshot()));
    };
    const listeners = {
      click: catchUp,
      keydown: (event: Event) => {
        if (!typesText(event as KeyboardEvent)) catchUp();
      },
      pointerdown: () => {
        pressed = true;
        clearTimeout(timer);
        timer = undefined;
      },
      // The click, if there is one, comes right after the release in the same task, before this timer.
      pointerup: () => release(),
      pointercancel: () => release(),
    };
    const release = () => {
      pressed = false;
      if (behind) wait(0);
    };
    const subscription = form.watch((_all, { type }) => {
      behind = true;
      if (type === 'change' && isTextControl(document.activeElement)) wait(TYPING_PAUSE_MS);
      else follow();
    });
    for (const [name, listener] of Object.entries(listeners)) document.addEventListener(name, listener, true);
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      for (const [name, listener] of Object.entries(listeners)) document.removeEventListener(name, listener, true);
    };
  }, [form]);
  return values;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

function isTextControl(element: Element | null): boolean {
  return (
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type))
  );
}

/** A key that edits the text where it is typed: a character, Backspace or Delete, without a shortcut modifier. */
function typesText(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key.length === 1 || event.key === 'Backspace' || event.key === 'Delete';
}
