import { readFileSync } from 'node:fs';

/** A captured command output from this folder, as the user would paste it. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}
