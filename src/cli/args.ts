import { parseArgs } from 'node:util';
import {
  decodeShareFragment,
  defaultModel,
  isPlainObject,
  parseEnvironmentUrl,
  tracesAtWaypoints,
  withDefaults,
  type ModelInput,
} from '../core';
import { parseTagFlag } from '../core/runtime';
import { normalizeArguments } from './argv';
import { flagHelp, flagsOf, parseArgsOptions, type Command } from './flags';

export { flagForPath, optionTakesValue } from './flags';

/*
 * Command-line flags → the one configuration model. Everything is checked by the model's schema;
 * this file only maps flags to fields (and field paths back to flags for messages).
 */

export const USAGE = `Usage: npm run generate -- [options] --out DIR

Writes meshconfig.yaml, dt-serviceentry.yaml (when needed), dt-telemetry.yaml and apply.sh
for exporting Istio OpenTelemetry traces to Dynatrace.

${flagHelp('generate')}
  --verify FILE…                  instead of writing files, check what the cluster prints (the outputs
                                  of kubectl and istioctl, one or several per FILE; repeatable) against
                                  this configuration: the checks of npm run verify, same report

Exit codes: 0 files written, 2 invalid input (nothing written), 3 a requirement blocks this setup.
With --verify: 0 every checked item passes, 1 a check fails, 2 invalid input (bad flags, unreadable
or unrecognised files).`;

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'error'; messages: string[] }
  | {
      kind: 'generate';
      input: ModelInput;
      /** Absent when only a link is asked for. */
      outDir?: string;
      merge?: { path: string; text: string };
      mergeTelemetry?: { path: string; text: string };
      /** The base URL to print the share link with ('' prints the fragment alone). */
      printLink?: string;
    };

export interface CliContext {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string;
}

/**
 * Flags → a model input (and, for generate, what to write). `verify` takes the same configuration flags with the
 * same meaning; the flags that write files are generate's only.
 */
export function parseCommand(argv: string[], context: CliContext, command: Command = 'generate'): ParsedCommand {
  let values: ParsedValues;
  try {
    values = parse(argv, command);
  } catch (error) {
    return { kind: 'error', messages: [(error as Error).message, 'Run with --help for the list of options.'] };
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const list = (name: string): string[] | undefined => {
    const value = values[name];
    return Array.isArray(value) ? value : undefined;
  };
  if (values.help === true) return { kind: 'help' };

  const messages: string[] = [];
  let base: unknown = {};
  const configPath = text('config');
  if (configPath !== undefined) {
    try {
      base = JSON.parse(context.readFile(configPath));
      const shapeProblems = configShapeProblems(base);
      messages.push(...shapeProblems.map((problem) => `--config ${configPath}: ${problem}`));
      if (shapeProblems.length > 0) base = {};
    } catch (error) {
      messages.push(`--config: cannot read ${configPath} as JSON: ${(error as Error).message}`);
    }
  }

  const link = text('link');
  if (link !== undefined) {
    if (configPath !== undefined) messages.push('--link and --config: give only one of them.');
    const decoded = decodeShareFragment(link);
    if (decoded.ok) base = decoded.state.values;
    else messages.push(`--link: ${decoded.message}`);
  }

  const patch: Record<string, unknown> = {};
  const setPath = (path: string, value: unknown) => {
    if (value === undefined) return;
    const keys = path.split('.');
    let target = patch;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]!] = value;
  };

  const environmentUrl = text('environment-url');
  if (environmentUrl !== undefined) {
    const parsed = parseEnvironmentUrl(environmentUrl);
    const tenant = text('tenant');
    if (!parsed) {
      messages.push(
        '--environment-url: not a Dynatrace environment URL. Use https://<id>.live.dynatrace.com, https://<domain>/e/<id> or https://<activegate>:9999/e/<id>.',
      );
    } else {
      if (tenant !== undefined && tenant !== parsed.environmentId) {
        messages.push(`--tenant ${tenant} does not match the environment URL (which names ${parsed.environmentId}).`);
      }
      setPath('dynatrace.environmentKind', parsed.environmentKind);
      setPath('dynatrace.environmentId', parsed.environmentId);
      setPath('dynatrace.host', parsed.host);
      setPath('dynatrace.port', parsed.port === undefined ? '' : String(parsed.port));
    }
  }

  // Every flag that sets one field as it is written (or, for a switch, to its fixed value) comes from the table.
  for (const flag of flagsOf(command)) {
    const path = flag.paths?.length === 1 && flag.mapping !== 'custom' ? flag.paths[0] : undefined;
    if (path === undefined) continue;
    if (flag.type === 'boolean') {
      if (values[flag.name] === true) setPath(path, flag.sets);
    } else setPath(path, text(flag.name));
  }

  let tokenGiven = false;
  const token = text('token');
  const tokenEnv = text('token-env');
  if (token !== undefined && tokenEnv !== undefined) {
    messages.push('--token and --token-env: give only one of them.');
  } else if (token !== undefined) {
    setPath('token.value', token);
    tokenGiven = true;
  } else if (tokenEnv !== undefined) {
    const fromEnv = context.env[tokenEnv];
    if (fromEnv === undefined || fromEnv === '') {
      messages.push(`--token-env: the environment variable ${tokenEnv} is not set.`);
    } else {
      setPath('token.value', fromEnv);
      tokenGiven = true;
    }
  }
  // A token given on the command line is meant to be used, so it goes into the mesh config unless told otherwise.
  setPath('token.storage', text('token-storage') ?? (tokenGiven ? 'inline' : undefined));

  // A tracing choice for ambient mode says that the mesh is ambient.
  if (text('ambient-tracing') !== undefined) setPath('istio.ambient', true);
  const waypointFlag = text('waypoint');
  if (waypointFlag !== undefined) {
    const waypoint = readWaypointFlag(waypointFlag, text('telemetry-namespace'));
    if (waypoint.ok) setPath('telemetry.waypoint', { name: waypoint.name, namespace: waypoint.namespace });
    else messages.push(waypoint.message);
  }
  // Mesh-wide by default: the Telemetry follows the root namespace unless placed elsewhere.
  setPath('telemetry.namespace', text('telemetry-namespace') ?? text('root-namespace'));
  const labelFlags = (name: string, path: string, example: string) => {
    const pairs = list(name);
    if (pairs === undefined) return;
    const labels = pairs.map((pair) => {
      const index = pair.indexOf('=');
      if (index < 0) messages.push(`--${name} ${pair}: write it as KEY=VALUE, e.g. ${example}.`);
      return index < 0 ? { key: pair, value: '' } : { key: pair.slice(0, index), value: pair.slice(index + 1) };
    });
    setPath(path, labels);
  };
  labelFlags('selector', 'telemetry.selector', 'app=checkout');
  labelFlags('ca-selector', 'dynatrace.caSelector', 'app=checkout');
  labelFlags('ca-gateway-selector', 'dynatrace.caGatewaySelector', 'istio=ingressgateway');
  const tagFlags = list('tag');
  if (tagFlags !== undefined) {
    const tags = tagFlags.flatMap((flag) => {
      const parsed = parseTagFlag(flag);
      if (!parsed.ok) messages.push(parsed.message);
      return parsed.ok ? [parsed.tag] : [];
    });
    setPath('telemetry.customTags', tags);
  }

  const readInput = (name: string): { path: string; text: string } | undefined => {
    const path = text(name);
    if (path === undefined) return undefined;
    try {
      return { path, text: context.readFile(path) };
    } catch (error) {
      messages.push(`--${name}: cannot read ${path}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const merge = readInput('merge');
  const mergeTelemetry = readInput('merge-telemetry');
  const printLink = text('print-link');
  const out = text('out');
  if (command === 'generate' && out === undefined && (printLink === undefined || text('merge') !== undefined))
    messages.push('--out: give the directory to write the files to.');
  if (printLink !== undefined && printLink !== '' && !/^https?:\/\/[^\s#]+$/.test(printLink))
    messages.push(
      `--print-link ${printLink}: give the wizard's address, e.g. https://tools.example.com/istio-dynatrace/`,
    );
  if (messages.length > 0) return { kind: 'error', messages };

  // A storage left unchosen stays 'auto' and follows the Istio version (defaults.ts effectiveTokenStorage).
  const input = withDefaults(patch, withDefaults(base));
  if (waypointFlag !== undefined && !tracesAtWaypoints(input)) {
    return {
      kind: 'error',
      messages: ['--waypoint: only with --ambient waypoints (tracing at waypoints and gateways).'],
    };
  }
  return {
    kind: 'generate',
    input,
    ...(out === undefined ? {} : { outDir: out }),
    ...(merge ? { merge } : {}),
    ...(mergeTelemetry ? { mergeTelemetry } : {}),
    ...(printLink === undefined ? {} : { printLink }),
  };
}

/**
 * A --config file must have the model's shape before it is laid over the defaults: groups are objects
 * and each field has its default's type (the schema then checks the values). Named by field path.
 * Numbers where text is expected are taken as that text.
 */
export function configShapeProblems(config: unknown): string[] {
  if (!isPlainObject(config)) return [`expected a JSON object like {"mode": "operator", …}, not ${describe(config)}.`];
  const problems: string[] = [];
  const check = (expected: unknown, actual: unknown, path: string) => {
    if (actual === undefined) return;
    if (isPlainObject(expected)) {
      if (!isPlainObject(actual)) {
        problems.push(`${path} must be an object with ${Object.keys(expected).join(', ')}, not ${describe(actual)}.`);
        return;
      }
      for (const key of Object.keys(expected)) {
        // JSON writers put numbers where the model keeps text (a cluster ID, a version): they mean the same.
        if (typeof expected[key] === 'string' && typeof actual[key] === 'number' && Number.isFinite(actual[key]))
          actual[key] = String(actual[key]);
        check(expected[key], actual[key], `${path}.${key}`.replace(/^\./, ''));
      }
    } else if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) problems.push(`${path} must be a list, not ${describe(actual)}.`);
    } else if (typeof actual !== typeof expected) {
      problems.push(
        `${path} must be a ${typeof expected} (e.g. ${JSON.stringify(expected)}), not ${describe(actual)}.`,
      );
    }
  };
  check(defaultModel, config, '');
  return problems;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? typeof value;
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

type ParsedValues = Record<string, string | boolean | string[] | undefined>;

function parse(argv: string[], command: Command): ParsedValues {
  const { values } = parseArgs({
    args: normalizeArguments(argv, command),
    options: parseArgsOptions(command),
    strict: true,
    allowPositionals: false,
  });
  return values as ParsedValues;
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
