import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleFile } from '../bundle';

/*
 * For tests only: runs the bundle's scripts against stand-in kubectl, istioctl and helm executables that record each
 * call (one line: the tool and its arguments) and print canned output, so a test can see exactly what a script would
 * run on a real cluster and change nothing.
 */

export interface StubRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every call of kubectl, istioctl and helm, in order: "kubectl diff -n istio-system -f dt-telemetry.yaml". */
  calls: string[];
  dir: string;
}

/** What a stand-in prints for a call; the default prints nothing. Keyed by "<tool> <first argument(s)>" prefixes. */
export type StubOutputs = Record<string, string>;

const STUB = (tool: string) => `#!/usr/bin/env bash
# One write per call: the two sides of a pipe run at once, and lines written piece by piece would interleave.
line="${tool}"
for arg in "$@"; do line="$line $arg"; done
printf '%s\\n' "$line" >> "$STUB_LOG"
# Reads what a pipe gives it, as the real tool would.
for arg in "$@"; do if [ "$arg" = "-" ]; then cat > /dev/null; fi; done
call="${tool} $*"
dir="$(dirname "$0")"
for file in "$dir"/out.*; do
  [ -e "$file" ] || continue
  prefix="$(head -n 1 "$file")"
  case "$call" in "$prefix"*) tail -n +2 "$file"; exit 0 ;; esac
done
# kubectl diff exits 1 when it finds differences, as it would for files not applied yet.
if [ "${tool}" = kubectl ] && [ "$1" = diff ]; then echo "+ (stub) differences"; exit 1; fi
exit 0
`;

export function runWithStubs(
  files: readonly BundleFile[],
  script: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
  outputs: StubOutputs = {},
): StubRun {
  const dir = mkdtempSync(join(tmpdir(), 'dt-istio-bundle-'));
  const bin = mkdtempSync(join(tmpdir(), 'dt-istio-stubs-'));
  for (const file of files)
    writeFileSync(join(dir, file.name), file.content, { mode: file.executable ? 0o755 : 0o644 });
  for (const tool of ['kubectl', 'istioctl', 'helm']) {
    writeFileSync(join(bin, tool), STUB(tool));
    chmodSync(join(bin, tool), 0o755);
  }
  Object.entries(outputs).forEach(([prefix, output], index) =>
    writeFileSync(join(bin, `out.${index}`), `${prefix}\n${output}`),
  );
  const log = join(bin, 'calls.log');
  writeFileSync(log, '');
  const result = spawnSync('bash', [join(dir, script), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir, STUB_LOG: log, ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, dir };
}
