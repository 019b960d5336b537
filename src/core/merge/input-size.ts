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

/** Why input of this many bytes is not read, or undefined when it is within the limit. */
export function inputSizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_INPUT_BYTES) return undefined;
  return `This is ${(bytes / 1024 / 1024).toFixed(1)} MB; a mesh config is usually a few kilobytes and at most ${MAX_INPUT_BYTES / 1024 / 1024} MB is read. Paste only the IstioOperator, Helm values or ConfigMap that holds your mesh config.`;
}
