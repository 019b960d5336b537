import { resolveSetup } from '../setup/resolved-setup';
import type { Model } from '../model';
import { commandFor } from '../verify/commands';
import { verifyTargetOf } from '../verify/target';
import type { InputKind } from '../verify/types';
import { shellQuote } from './shell-quote';

/*
 * collect.sh: one read-only script that runs every command the Verify step's checks read and writes their outputs
 * into one file, each section under a line the verify reader splits on (issue 26, "one collect-and-paste loop").
 * The section line is a contract shared with src/core/verify: keep it exactly as COLLECT_SECTION_PREFIX says.
 */

export const COLLECT_SCRIPT_FILE_NAME = 'collect.sh';
export const COLLECT_OUTPUT_FILE_NAME = 'dt-istio-collect.txt';
export const COLLECT_SECTION_PREFIX = '# ----- dt-istio-collect: ';
export const COLLECT_SECTION_SUFFIX = ' -----';

/** The line that starts each section of the collected file. */
export function collectSectionHeader(command: string): string {
  return `${COLLECT_SECTION_PREFIX}${command}${COLLECT_SECTION_SUFFIX}`;
}

/** The outputs the checks read that need no proxy, in the checklist's flow order. */
function clusterKinds(model: Model): InputKind[] {
  const kinds: InputKind[] = ['mesh-config', 'telemetry', 'istiod-log', 'analyze'];
  if (model.mode === 'operator') kinds.push('dynakube');
  return kinds;
}

/**
 * The proxy the proxy checks read: the waypoint when one is named, else the first pod with a sidecar in the
 * Telemetry's namespace (mesh-wide: in any namespace). Injected pods carry security.istio.io/tlsMode=istio (istio/istio
 * manifests/charts/istio-control/istio-discovery/files/injection-template.yaml, 1.28.0).
 */
function proxyLookup(model: Model): string[] {
  const { dataPlane, telemetry } = resolveSetup(model);
  const waypoint = dataPlane.waypoint;
  if (waypoint) {
    return [`TARGET="\${1:-deploy/${waypoint.name}}"`, `TARGET_NS="\${2:-${waypoint.namespace}}"`];
  }
  const scope = telemetry.scope === 'mesh' ? '-A' : `-n ${shellQuote(telemetry.namespace)}`;
  return [
    'TARGET="${1:-}"',
    'TARGET_NS="${2:-}"',
    'if [ -z "$TARGET" ]; then',
    `  found="$(kubectl get pods ${scope} -l security.istio.io/tlsMode=istio -o jsonpath='{range .items[0]}{.metadata.namespace} {.metadata.name}{end}' 2>/dev/null || true)"`,
    '  if [ -n "$found" ]; then TARGET_NS="${found%% *}"; TARGET="${found#* }"; fi',
    'fi',
  ];
}

/** A read-only script: gets, logs, analyze and proxy-config only; it writes nothing but its own output file. */
export function collectScript(model: Model): string {
  const target = verifyTargetOf(model);
  const say = (text: string) => `echo ${shellQuote(text)}`;
  const lines = [
    '#!/usr/bin/env bash',
    '# Collects what the wizard’s Verify step (step 6) checks, into one file. Read-only: it runs kubectl get and logs,',
    '# istioctl analyze and proxy-config, and changes nothing in the cluster.',
    `# Usage: ./${COLLECT_SCRIPT_FILE_NAME} [<proxy> <namespace>]`,
    '#   <proxy>: the workload whose sidecar (or waypoint) is checked, e.g. deploy/my-app; by default the first pod',
    '#   with a sidecar that this configuration traces.',
    `# Then drop ${COLLECT_OUTPUT_FILE_NAME} on the Verify step (or paste it). It may hold your API token if the mesh`,
    '# config carries it: the page masks tokens and keeps everything in the browser; do not share the file.',
    'set -uo pipefail',
    'cd "$(dirname "$0")"',
    `OUT="\${OUT:-${COLLECT_OUTPUT_FILE_NAME}}"`,
    ': > "$OUT"',
    '',
    '# One section per command, under the line the Verify step splits on. stderr stays on the terminal.',
    'collect() {',
    `  printf '%s%s%s\\n' ${shellQuote(COLLECT_SECTION_PREFIX)} "$1" ${shellQuote(COLLECT_SECTION_SUFFIX)} >> "$OUT"`,
    '  echo "--> $1" >&2',
    '  eval "$1" >> "$OUT" || echo "    (exited with $?; its section may be incomplete)" >&2',
    '  # The next section line starts a line of its own, whatever the output ended with.',
    '  if [ -n "$(tail -c 1 "$OUT")" ]; then echo >> "$OUT"; fi',
    '}',
    '',
  ];
  for (const kind of clusterKinds(model)) lines.push(`collect ${shellQuote(commandFor(kind, model, target))}`);
  lines.push('', ...proxyLookup(model));
  lines.push(
    'if [ -n "$TARGET" ]; then',
    '  q_target="$(printf %q "$TARGET")"',
    '  q_ns="$(printf %q "$TARGET_NS")"',
    '  collect "istioctl proxy-config cluster $q_target -n $q_ns -o json"',
    '  collect "istioctl proxy-config listener $q_target -n $q_ns -o json"',
    // A waypoint runs Envoy as its only container; a sidecar runs it as istio-proxy.
    resolveSetup(model).dataPlane.kind === 'waypoints'
      ? '  collect "kubectl -n $q_ns logs $q_target --since=30m"'
      : '  collect "kubectl -n $q_ns logs $q_target -c istio-proxy --since=30m"',
    'else',
    `  ${say(`No proxy found to check: run ./${COLLECT_SCRIPT_FILE_NAME} <proxy> <namespace> (e.g. deploy/my-app shop) for the proxy checks.`)} >&2`,
    'fi',
    '',
    `echo "Wrote $OUT. Drop it on the wizard’s Verify step (step 6), or paste its content there." >&2`,
  );
  return `${lines.join('\n')}\n`;
}

export interface CollectedSection {
  /** The command whose output this is, as the section line names it. */
  command: string;
  output: string;
}

const SECTION_LINE = /^# ----- dt-istio-collect: (.*) -----$/;

/**
 * The sections of a file collect.sh wrote, one per command; undefined when the text has no section line (a plain
 * output). Text before the first section line is not part of any output and is dropped.
 */
export function splitCollected(text: string): CollectedSection[] | undefined {
  const sections: CollectedSection[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let body: string[] = [];
  const close = () => {
    const last = sections.at(-1);
    if (last) last.output = body.join('\n').replace(/\n$/, '');
    body = [];
  };
  for (const line of lines) {
    const header = SECTION_LINE.exec(line);
    if (header) {
      close();
      sections.push({ command: header[1]!, output: '' });
    } else body.push(line);
  }
  close();
  return sections.length > 0 ? sections : undefined;
}
