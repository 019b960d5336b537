import { optionTakesValue } from './args';

/*
 * `generate --verify FILE…` is `verify FILE…` with generate's flags: the files are taken out of the
 * arguments here and the rest goes to the same verifier (verify-run.ts), so both say and exit the same.
 */

export interface VerifyRequest {
  /** The files after --verify (repeatable, or several after one --verify); undefined without --verify. */
  files: string[] | undefined;
  /** Every other argument, as given. */
  rest: string[];
}

export function takeVerifyFiles(argv: string[]): VerifyRequest {
  let files: string[] | undefined;
  const rest: string[] = [];
  let afterDashes: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      afterDashes = argv.slice(i + 1);
      break;
    }
    if (arg === '--verify' || arg.startsWith('--verify=')) {
      files ??= [];
      if (arg.startsWith('--verify=')) files.push(arg.slice('--verify='.length));
      // One --verify takes every file after it, up to the next flag.
      while (argv[i + 1] !== undefined && (!argv[i + 1]!.startsWith('-') || argv[i + 1] === '-'))
        files.push(argv[++i]!);
      continue;
    }
    rest.push(arg);
    // A flag's value is never a file to check, even when it looks like one (e.g. --config verify.json).
    const name = arg.replace(/^--?/, '');
    if (arg.startsWith('-') && !arg.includes('=') && optionTakesValue(name) && argv[i + 1] !== undefined) {
      rest.push(argv[++i]!);
    }
  }
  // After `--` come files, as for verify (a name that starts with '-' included).
  if (afterDashes !== undefined) {
    if (files) files.push(...afterDashes);
    else rest.push('--', ...afterDashes);
  }
  return { files, rest };
}
