import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultModel, type Model, type ModelInput } from '../../core';
import '../testing/render-hook';
import { TYPING_PAUSE_MS, useLiveValues } from './useLiveValues';

let root: Root;
let host: HTMLElement;
let form: UseFormReturn<ModelInput, unknown, Model>;
/** The namespace as the page last rendered it. */
let rendered: string | undefined;

function Page() {
  form = useForm<ModelInput, unknown, Model>({ defaultValues: defaultModel });
  rendered = useLiveValues(form).telemetry?.namespace;
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
    act(() => void button.dispatchEvent(new Event('pointerdown', { bubbles: true })));
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

  it('does not change the page while a pointer is pressed, and follows once it is released', () => {
    type('a');
    act(() => void host.dispatchEvent(new Event('pointerdown', { bubbles: true })));
    wait(TYPING_PAUSE_MS * 5);
    expect(rendered).toBe('');
    act(() => void host.dispatchEvent(new Event('pointerup', { bubbles: true })));
    wait(0);
    expect(rendered).toBe('a');
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
