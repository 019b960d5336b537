/*
 * Which step a share link opens on, read early and cheaply, so the boot script can start loading the editor while
 * the app loads when the link opens on a step with previews. A hint only: src/core/share-link.ts decodes the link
 * for real (and bounds it the same way); anything this cannot read is simply no hint. The browser's own
 * DecompressionStream keeps the boot script free of a deflate library.
 */
// Formats 1 and 2 (core/share-link.ts): deflate-raw JSON; format 2 appends a 4-byte CRC-32, checked by the core.
const FORMAT = /^#s=([12])\./;
/**
 * The index of 'mesh-config' in WIZARD_STEPS (core/wizard-steps.ts), the first step with previews. A number here,
 * not an import, so the boot script pulls in no shared chunk; share-link-step.test.ts holds it to the core's list.
 */
export const FIRST_PREVIEW_STEP_INDEX = 2;
/** As core/share-link.ts MAX_DECODED_BYTES: a link that expands further is not read. */
const MAX_BYTES = 64 * 1024;

/** The step index a `#s=1.…` or `#s=2.…` fragment names (0 when it names none), or undefined when it cannot be read. */
export async function stepIndexOfShareFragment(hash: string): Promise<number | undefined> {
  const format = FORMAT.exec(hash);
  if (!format || hash.length > 8192 || typeof DecompressionStream === 'undefined') return undefined;
  try {
    const base64 = hash.slice(format[0].length).replace(/-/g, '+').replace(/_/g, '/');
    const all = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bytes = format[1] === '2' ? all.subarray(0, -4) : all;
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const decoder = new TextDecoder();
    let json = '';
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BYTES) {
        await reader.cancel();
        return undefined;
      }
      json += decoder.decode(value, { stream: true });
    }
    const payload = JSON.parse(json + decoder.decode()) as { s?: unknown };
    return typeof payload.s === 'number' ? payload.s : 0;
  } catch {
    return undefined;
  }
}
