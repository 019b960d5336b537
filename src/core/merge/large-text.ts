/*
 * When a pasted text is too large for a text box: Chromium keeps a textarea's text as one text node and one line
 * break per line and lays all of it out when the value is set. A 1 MB, 28,000-line config took it 300–950 ms of one
 * main-thread task (npm run bench, figure 2b), blocking the page. The page keeps such a text and the box shows its size.
 */
import { utf8ByteLength } from './input-size';

/**
 * From this many characters a text is summarised instead of put into the box. A fifth of the 1 MB text above, so its
 * layout costs about a fifth of 300–950 ms (layout grows with the lines), within the 200 ms budget even on a busy
 * machine; real mesh configs and Telemetry lists are a few to a few dozen kilobytes, so they stay editable in the box.
 */
export const LARGE_TEXT_CHARS = 200_000;

export function isLargeText(text: string): boolean {
  return text.length >= LARGE_TEXT_CHARS;
}

/** Lines as an editor numbers them: a final line break does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks++;
  return text.endsWith('\n') ? breaks : breaks + 1;
}

const THOUSANDS = new Intl.NumberFormat('en-US');

/** "1.0 MB, 28,114 lines": the size in the unit the input limit is stated in (MiB, shown as MB), and the lines. */
export function describeTextSize(text: string): string {
  const bytes = utf8ByteLength(text);
  const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
  const lines = countLines(text);
  return `${size}, ${THOUSANDS.format(lines)} line${lines === 1 ? '' : 's'}`;
}
