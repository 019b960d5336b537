import { useSyncExternalStore } from 'react';
import type { PastedInput } from '../../core/runtime';

/*
 * The outputs pasted on the Verify step, kept for the session so leaving the step and coming back
 * loses nothing. Never stored anywhere (they may hold a token). Lives here, not in the app shell,
 * until the shell offers a place for per-step state.
 */

export interface PastedOutput extends PastedInput {
  id: number;
}

let nextId = 1;
let outputs: PastedOutput[] = [{ id: nextId++, name: 'Output 1', text: '' }];
const listeners = new Set<() => void>();

function set(next: PastedOutput[]) {
  outputs = next;
  for (const listener of listeners) listener();
}

export const pastedOutputs = {
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  get: () => outputs,
  setText(id: number, text: string) {
    set(outputs.map((output) => (output.id === id ? { ...output, text } : output)));
  },
  add(text = '', name?: string) {
    const id = nextId++;
    // An empty box is reused before a new one is added.
    const empty = outputs.find((output) => output.text === '');
    if (empty && text !== '') {
      set(outputs.map((output) => (output.id === empty.id ? { ...output, text, name: name ?? output.name } : output)));
      return empty.id;
    }
    set([...outputs, { id, name: name ?? `Output ${outputs.length + 1}`, text }]);
    return id;
  },
  /** Puts the sections of one collected file in place of the output they were pasted into, one output each. */
  replaceWithSections(id: number, sections: readonly { name: string; text: string }[]) {
    const at = outputs.findIndex((output) => output.id === id);
    const added = sections.map((section) => ({ id: nextId++, name: section.name, text: section.text }));
    if (at < 0) set([...outputs.filter((output) => output.text !== ''), ...added]);
    else set([...outputs.slice(0, at), ...added, ...outputs.slice(at + 1)]);
  },
  remove(id: number) {
    const rest = outputs.filter((output) => output.id !== id);
    set(rest.length > 0 ? rest : [{ id: nextId++, name: 'Output 1', text: '' }]);
  },
};

export function usePastedOutputs(): PastedOutput[] {
  return useSyncExternalStore(pastedOutputs.subscribe, pastedOutputs.get, pastedOutputs.get);
}
