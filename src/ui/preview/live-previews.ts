import type { BundleFile } from '../../core';
import { redactToken } from '../lib/redact';

/*
 * Previews follow keystrokes without waiting for React: the form's change subscription generates the
 * files and hands each open preview its new text in the same task as the key press; React's own
 * (deferred) render then finds the editor already up to date.
 */

type Listener = (text: string) => void;
const listeners = new Map<string, Set<Listener>>();

export function subscribePreview(fileName: string, listener: Listener): () => void {
  const set = listeners.get(fileName) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(fileName, set);
  return () => set.delete(listener);
}

/** The files some open preview follows: the only ones a keystroke needs to generate. */
export function livePreviewNames(): Set<string> {
  return new Set([...listeners].filter(([, set]) => set.size > 0).map(([fileName]) => fileName));
}

export function publishPreviews(texts: Record<string, string>): void {
  for (const [fileName, text] of Object.entries(texts)) {
    for (const listener of listeners.get(fileName) ?? []) listener(text);
  }
}

/** What each file's preview shows: the file, with the token masked where the file holds it. */
export function previewTexts(files: readonly BundleFile[], token: string): Record<string, string> {
  return Object.fromEntries(
    files.map((file) => [file.name, file.containsToken ? redactToken(file.content, token) : file.content]),
  );
}
