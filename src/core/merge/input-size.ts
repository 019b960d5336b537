/*
 * The size limit for a pasted or opened config, in its own small module so the page can refuse an oversized paste
 * before it reaches the text box (a browser takes seconds to lay out megabytes in a textarea) without loading the
 * YAML parser; the worker applies the same limit to whatever does arrive.
 */

/** Mesh configs are kilobytes; this leaves room for very large ones and refuses pastes that are not configs. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

/** UTF-8 size, the unit the limit is stated in. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** What a box holds, which decides the advice given when it refuses oversized input. */
export type PasteKind = 'mesh-config' | 'telemetry' | 'cluster-output';

const ADVICE: Record<PasteKind, string> = {
  'mesh-config': 'Paste only the IstioOperator, Helm values or ConfigMap that holds your mesh config.',
  telemetry: 'Paste only your Telemetry resources (kubectl get telemetry -A -o yaml).',
  'cluster-output': 'Paste a shorter log (e.g. --since=30m, or grep for the provider name) or one resource at a time.',
};

/** Why input of this many bytes is not read, or undefined when it is within the limit. */
export function inputSizeProblem(bytes: number, kind: PasteKind = 'mesh-config'): string | undefined {
  if (bytes <= MAX_INPUT_BYTES) return undefined;
  const usually = kind === 'mesh-config' ? 'a mesh config is usually a few kilobytes and ' : '';
  return `This is ${(bytes / 1024 / 1024).toFixed(1)} MB; ${usually}at most ${MAX_INPUT_BYTES / 1024 / 1024} MB is read. ${ADVICE[kind]}`;
}
