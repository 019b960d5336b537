import { strToU8, zipSync, type Zippable } from 'fflate';
import type { BundleFile } from '../../core';

/** One zip with every file; apply.sh keeps its executable bit (Unix attributes in the zip entry). */
export function zipBundle(files: readonly BundleFile[], folder: string): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    const mode = file.executable ? 0o100755 : 0o100644;
    entries[`${folder}/${file.name}`] = [
      strToU8(file.content),
      { os: 3, attrs: mode << 16, mtime: new Date('2026-01-01T00:00:00Z') },
    ];
  }
  return zipSync(entries, { level: 6 });
}
