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

/*
 * Which change of the form each text is for. While someone types, the previews get every change at once and the page
 * renders a copy taken at the last pause (useLiveValues), so a render can commit an older text than the one a preview
 * already shows: the preview must then keep its own. Both of the form's change subscriptions (the page's and the
 * previews') count each change; react-hook-form hands all subscribers of one change the same payload object, so the
 * change is counted once, whichever runs first.
 */
let formChanges = 0;
let lastPayload: object | undefined;
let publishedFor = 0;
let renderedFor = 0;

/** Counts a change of the form (idempotent for the payload of one change); returns the changes so far. */
export function countFormChange(payload: object): number {
  if (payload !== lastPayload) {
    lastPayload = payload;
    formChanges += 1;
  }
  return formChanges;
}

export function formChangeCount(): number {
  return formChanges;
}

/** The page is committing a render of the form as it was after this many changes (useLiveValues). */
export function noteRenderedChange(change: number): void {
  renderedFor = change;
}

/** Whether the open previews were handed texts for a later change than the page's render being committed. */
export function renderIsBehindPreviews(): boolean {
  return renderedFor < publishedFor;
}

/** Hands the open previews their texts for the form after `forChange` changes (countFormChange). */
export function publishPreviews(texts: Record<string, string>, forChange: number): void {
  publishedFor = Math.max(publishedFor, forChange);
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
