import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultModel, type Model, type ModelInput } from '../../core';
import { useEffect, useLayoutEffect } from 'react';
import { countFormChange, publishPreviews, renderIsBehindPreviews } from '../preview/live-previews';
import '../testing/render-hook';
import { TYPING_PAUSE_MS, useLiveValues } from './useLiveValues';

let root: Root;
let host: HTMLElement;
let form: UseFormReturn<ModelInput, unknown, Model>;
/** The namespace as the page last rendered it. */
let rendered: string | undefined;
/** For each commit: the namespace rendered, and whether a preview already had a later change then (MonacoView). */
let commits: { namespace: string | undefined; behind: boolean }[] = [];

function Page() {
  form = useForm<ModelInput, unknown, Model>({ defaultValues: defaultModel });
  const namespace = useLiveValues(form).telemetry?.namespace;
  rendered = namespace;
  // As usePreviewPublishing does: each change is handed to the previews at once.
  useEffect(() => {
    const subscription = form.watch((_all, payload) => publishPreviews({}, countFormChange(payload)));
    return () => subscription.unsubscribe();
  }, []);
  useLayoutEffect(() => void commits.push({ namespace, behind: renderIsBehindPreviews() }), [namespace]);
  return (
    <>
      <input aria-label="Namespace" {...form.register('telemetry.namespace')} />
      <button type="button">Copy</button>
    </>
  );
}

const field = () => host.querySelector('input')!;

/** A key typed into the focused field: the browser's own value setter, then its input event, as React expects. */
function type(text: string) {
  const input = field();
  for (const key of text) {
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, input.value + key);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

/** A pointer event of the given button on the target, as the browser dispatches it (it bubbles to the document). */
function pointer(target: EventTarget, type: 'pointerdown' | 'pointerup', button = 0) {
  act(() => void target.dispatchEvent(new PointerEvent(type, { bubbles: true, button })));
}

function wait(ms: number) {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<Page />));
  field().focus();
  act(() => form.setValue('telemetry.namespace', ''));
  commits = [];
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.useRealTimers();
});

describe('useLiveValues', () => {
  it('follows typing once it pauses, each key restarting the pause', () => {
    type('tra');
    expect(rendered).toBe('');
    wait(TYPING_PAUSE_MS - 1);
    type('c');
    wait(TYPING_PAUSE_MS - 1);
    expect(rendered).toBe('');
    wait(1);
    expect(rendered).toBe('trac');
  });

  it('catches up before a click’s own handler runs, and on a key that does not type', () => {
    type('a');
    let seenByClick: string | undefined;
    const button = host.querySelector('button')!;
    button.addEventListener('click', () => (seenByClick = rendered));
    pointer(button, 'pointerdown', 0);
    // Not on the press: the page would move under the pointer before the release.
    expect(rendered).toBe('');
    act(() => button.click());
    expect(seenByClick).toBe('a');

    type('b');
    act(() => void field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true })));
    expect(rendered).toBe('ab');

    type('c');
    act(() => void field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(rendered).toBe('abc');
  });

  it('does not change the page while a pointer is pressed, and follows a pause after the release', () => {
    type('a');
    pointer(host, 'pointerdown', 0);
    wait(TYPING_PAUSE_MS * 5);
    expect(rendered).toBe('');
    pointer(host, 'pointerup', 0);
    // After a tap the click comes in a later task; it catches up itself, or the pause does.
    wait(TYPING_PAUSE_MS - 1);
    expect(rendered).toBe('');
    wait(1);
    expect(rendered).toBe('a');
  });

  it('ignores presses of other buttons, and a press that ends without a release (context menu, drag, lost focus)', () => {
    type('a');
    pointer(host, 'pointerdown', 2);
    wait(TYPING_PAUSE_MS);
    expect(rendered).toBe('a');

    for (const ending of ['contextmenu', 'dragstart']) {
      type('b');
      pointer(host, 'pointerdown', 0);
      act(() => void host.dispatchEvent(new Event(ending, { bubbles: true })));
      wait(TYPING_PAUSE_MS);
      expect(rendered, ending).toBe(field().value);
    }
    type('c');
    pointer(host, 'pointerdown', 0);
    act(() => void window.dispatchEvent(new Event('blur')));
    wait(TYPING_PAUSE_MS);
    expect(rendered).toBe('abbc');
  });

  it('follows anyway once a press has been held for a second', () => {
    type('a');
    pointer(host, 'pointerdown', 0);
    wait(999);
    expect(rendered).toBe('');
    wait(1);
    expect(rendered).toBe('a');
  });

  it('treats composition, Android’s "Unidentified" keys, dead keys and a lone Shift as typing; shortcuts catch up', () => {
    type('a');
    for (const init of [
      { key: 'Unidentified' },
      { key: 'Process' },
      { key: 'Dead' },
      { key: 'Shift', shiftKey: true },
      { key: 'x', isComposing: true },
      { key: 'é', altKey: true },
    ]) {
      act(() => void field().dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init })));
      expect(rendered, init.key).toBe('');
    }
    act(() => void field().dispatchEvent(new KeyboardEvent('keydown', { key: 'c', ctrlKey: true, bubbles: true })));
    expect(rendered).toBe('a');
  });

  it('never lets a preview go back: a render of the form before the latest key is marked behind the previews', () => {
    type('ab');
    // The pause ends and the page starts rendering "ab"; a key lands before that render is committed.
    act(() => {
      vi.advanceTimersByTime(TYPING_PAUSE_MS);
      type('c');
    });
    expect(commits.at(-1)).toEqual({ namespace: 'ab', behind: true });
    wait(TYPING_PAUSE_MS);
    expect(commits.at(-1)).toEqual({ namespace: 'abc', behind: false });
  });

  it('keeps waiting through keys that type, Backspace included', () => {
    type('ab');
    act(() => void field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true })));
    expect(rendered).toBe('');
  });

  it('follows a change that is not typing at once (a choice, a pasted snippet, a reset)', () => {
    act(() => form.setValue('telemetry.namespace', 'observability'));
    expect(rendered).toBe('observability');
    act(() => form.reset(defaultModel));
    expect(rendered).toBe(defaultModel.telemetry?.namespace);
  });
});
