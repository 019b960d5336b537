import { AMBIENT_TRACING_CHOICES } from '../core';
import { flagNamed, optionTakesValue, type Command } from './flags';

/*
 * What the shell hands over, made ready for node's parser: the same for both commands, so that `--ambient waypoints`
 * or `--cluster-id -5` read the same in `generate` and `verify`.
 */

/** Every rewrite in order; `command` decides only whether a flag exists for it. */
export function normalizeArguments(argv: readonly string[], command: Command): string[] {
  return joinNegativeNumbers(expandAmbientChoice(argv), command);
}

/**
 * `--ambient` is a boolean flag (plain `--ambient` keeps the guide's refusal), yet `--ambient waypoints` must read
 * naturally. node's parseArgs cannot give a boolean flag an optional value, so the choice is moved into its own
 * flag, `--ambient-tracing`, before parsing.
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

/**
 * Negative cluster IDs are normal; node's parser would take `--cluster-id -5` for two options.
 * And --print-link's URL is optional, which node's parser cannot express.
 */
function joinNegativeNumbers(argv: readonly string[], command: Command): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && optionTakesValue(name);
    if (arg === '--print-link' && command === 'generate' && flagNamed('print-link')) {
      const base = next !== undefined && !next.startsWith('-') ? next : '';
      result.push(`--print-link=${base}`);
      if (base !== '') i++;
    } else if (takesValue && next !== undefined && /^-\d/.test(next)) {
      result.push(`${arg}=${next}`);
      i++;
    } else {
      result.push(arg);
    }
  }
  return result;
}

/**
 * Splits flags from the files to read (verify, generate --verify): a flag's value is never a file, even when it
 * looks like one (`--config verify.json`), and `--ambient waypoints` is one flag. `--` ends the flags.
 */
export function splitFlagsAndFiles(argv: readonly string[]): { flags: string[]; files: string[] } {
  const args = expandAmbientChoice(argv);
  const flags: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      flags.push(arg);
      const name = arg.replace(/^--?/, '');
      if (!arg.includes('=') && optionTakesValue(name) && args[i + 1] !== undefined) flags.push(args[++i]!);
    } else files.push(arg);
  }
  return { flags, files };
}
