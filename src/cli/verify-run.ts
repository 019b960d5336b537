import {
  buildTracingMap,
  diagnose,
  diagnosisText,
  POD_LIST_COMMAND,
  readCluster,
  tracePathOf,
  tracingMapJson,
  tracingMapText,
  validateModel,
} from '../core/runtime';
import type { Model } from '../core';
import { flagForPath, parseCommand, type CliContext } from './args';
import { splitFlagsAndFiles } from './argv';
import { flagHelp } from './flags';
import type { CliResult } from './result';

export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export const VERIFY_USAGE = `Usage: npm run verify -- [--config FILE | --link URL | the flags of generate] FILE…

Reads the outputs of kubectl and istioctl (one per FILE, or several in one) and checks them against
the configuration, in the order traces flow: mesh config, Telemetry, istiod, proxy, Dynatrace.

  kubectl -n istio-system get configmap istio -o yaml > mesh.yaml
  kubectl get telemetry -A -o yaml > telemetry.yaml
  kubectl -n istio-system logs deploy/istiod --since=30m > istiod.log
  istioctl proxy-config cluster deploy/<app> -n <ns> -o json > clusters.json
  istioctl proxy-config listener deploy/<app> -n <ns> -o json > listeners.json
  kubectl -n <ns> logs deploy/<app> -c istio-proxy --since=30m > proxy.log
  kubectl -n dynatrace get dynakube dynakube -o yaml > dynakube.yaml
  istioctl analyze -A > analyze.txt 2>&1

The configuration flags are generate's, with the same meaning:

${flagHelp('verify')}

Exit codes: 0 every checked item passes, 1 a check fails, 2 invalid input (bad flags, unreadable or
unrecognised files).`;

/** Splits the configuration flags from the files to read; `--` ends the flags. */
export const splitArguments = splitFlagsAndFiles;

export function runVerify(argv: string[], context: CliContext): CliResult {
  const { flags, files } = splitArguments(argv);
  if (flags.includes('--help') || flags.includes('-h')) return { exitCode: 0, stdout: `${VERIFY_USAGE}\n`, stderr: '' };
  const problems: string[] = [];
  if (flags.some((flag) => /^--(out|merge|merge-telemetry|print-link)(=|$)/.test(flag))) {
    problems.push('--out and --merge write files; checking what the cluster prints only reads: leave them out.');
  }
  // The generator's parser reads the configuration flags, with the same meaning; verify writes nothing.
  const writing = new Set(['--out', '--merge', '--merge-telemetry', '--print-link']);
  const command = parseCommand(
    flags.filter((flag, i) => !writing.has(flag.split('=')[0]!) && !writing.has(flags[i - 1] ?? '')),
    context,
    'verify',
  );
  if (command.kind === 'help') return { exitCode: 0, stdout: `${VERIFY_USAGE}\n`, stderr: '' };
  if (command.kind === 'error') problems.push(...command.messages);
  if (files.length === 0) problems.push('Give at least one FILE with the output of a command (see --help).');
  const inputs: { name: string; text: string }[] = [];
  for (const file of files) {
    try {
      inputs.push({ name: file, text: context.readFile(file) });
    } catch (error) {
      problems.push(`${file}: cannot read it: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0 || command.kind !== 'generate') return invalid(problems);
  const validation = validateModel(command.input);
  if (!validation.ok) {
    return invalid(validation.issues.map((issue) => `${flagForPath(issue.path)} (${issue.path}): ${issue.message}`));
  }
  const model = validation.model;
  if (flags.includes('--map')) return runMap(inputs, model, flags.includes('--json'));
  if (flags.includes('--json')) return invalid(['--json: only with --map (the checklist report is text).']);
  const diagnosis = diagnose(inputs, model);
  const report = diagnosisText(diagnosis, tracePathOf(model, diagnosis));
  const unrecognised = diagnosis.inputs.filter((input) => input.kind === 'unknown');
  if (unrecognised.length > 0) return { exitCode: EXIT_BAD_INPUT, stdout: report, stderr: '' };
  return { exitCode: diagnosis.anyFail ? EXIT_CHECK_FAILED : 0, stdout: report, stderr: '' };
}

/**
 * `--map`: the FILEs are what the cluster holds; the answer is the tracing map. Exit 0 when every workload the
 * configuration targets sends spans to Dynatrace, 1 otherwise, 2 when a FILE could not be read at all.
 */
function runMap(inputs: readonly { name: string; text: string }[], model: Model, json: boolean): CliResult {
  const snapshot = readCluster(inputs);
  const map = buildTracingMap(snapshot, model);
  const stdout = json ? tracingMapJson(map) : tracingMapText(map);
  const stderr = snapshot.problems.map((problem) => `warning: ${problem}\n`).join('');
  const unreadable = inputs.some((input) => snapshot.problems.some((problem) => problem.startsWith(`${input.name}:`)));
  if (unreadable) return { exitCode: EXIT_BAD_INPUT, stdout, stderr };
  if (map.workloads.length === 0)
    return {
      exitCode: EXIT_BAD_INPUT,
      stdout,
      stderr: `${stderr}No pods were read: give the output of ${POD_LIST_COMMAND}\n`,
    };
  return { exitCode: map.summary.allTargetedSend ? 0 : EXIT_CHECK_FAILED, stdout, stderr };
}

function invalid(messages: string[]): CliResult {
  return {
    exitCode: EXIT_BAD_INPUT,
    stdout: '',
    stderr: `Invalid input; nothing checked.\n${messages.map((message) => `  ${message}`).join('\n')}\n`,
  };
}
