import { AMBIENT_TRACING_CHOICES } from '../core';

/*
 * `--ambient` is a boolean flag (plain `--ambient` keeps the guide's refusal), yet `--ambient waypoints` must
 * read naturally. node's parseArgs cannot give a boolean flag an optional value, so the choice is moved into
 * its own flag, `--ambient-tracing`, before parsing.
 */
export function expandAmbientChoice(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const inline = /^--ambient=(.*)$/.exec(arg);
    if (inline) {
      result.push('--ambient', `--ambient-tracing=${inline[1]}`);
    } else if (arg === '--ambient' && next !== undefined && isAmbientChoice(next)) {
      result.push('--ambient', `--ambient-tracing=${next}`);
      i++;
    } else {
      result.push(arg);
    }
  }
  return result;
}

function isAmbientChoice(value: string): boolean {
  return (AMBIENT_TRACING_CHOICES as readonly string[]).includes(value);
}

export type WaypointFlag = { ok: true; name: string; namespace: string } | { ok: false; message: string };

/** `--waypoint NAME[:NAMESPACE]`; without a namespace, the Telemetry namespace given on the command line (if any). */
export function readWaypointFlag(value: string, telemetryNamespace: string | undefined): WaypointFlag {
  const [name = '', namespace, ...rest] = value.split(':');
  if (name.trim() === '' || rest.length > 0) {
    return { ok: false, message: `--waypoint ${value}: write it as NAME or NAME:NAMESPACE, e.g. waypoint:shop.` };
  }
  return { ok: true, name, namespace: namespace ?? telemetryNamespace ?? '' };
}
