import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeShareFragment,
  FORMAT_LABELS,
  withoutSecrets,
  type MergeSuccess,
  type Model,
  type TelemetryMergeSuccess,
  findingsAfterTelemetryMerge,
} from '../core';
import {
  generateBundle,
  mergeIntoExistingMeshConfig,
  mergeIntoExistingTelemetry,
  TELEMETRY_FILE_NAME,
  resolveSetup,
  validateModel,
  withMeshConfigContent,
  wrapBareMeshConfig,
} from '../core/runtime';
import { flagForPath, parseCommand, USAGE, type CliContext } from './args';
import { takeVerifyFiles } from './verify-flag';
import { runVerify } from './verify-run';
import type { CliResult } from './result';
import { waypointRequirementLines } from './waypoint-requirements';

export type { CliResult };

export const EXIT_INVALID = 2;
export const EXIT_BLOCKED = 3;

/** The headless generator: flags in, files out. All checks happen before the first file is written. */
export function runCli(argv: string[], context: CliContext): CliResult {
  const verify = takeVerifyFiles(argv);
  // Checking what a cluster prints is verify's job, done by the same code: same words, same exit codes.
  if (verify.files) return runVerify([...verify.rest, '--', ...verify.files], context);
  const command = parseCommand(argv, context);
  if (command.kind === 'help') return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (command.kind === 'error') return invalid(command.messages);

  const validation = validateModel(command.input);
  if (!validation.ok) {
    return invalid(validation.issues.map((issue) => `${flagForPath(issue.path)} (${issue.path}): ${issue.message}`));
  }
  let model = validation.model;
  let merged: MergeSuccess | undefined;
  const link =
    command.printLink === undefined
      ? undefined
      : `${command.printLink}#${encodeShareFragment(withoutSecrets(command.input), 'configuration')}`;
  if (command.outDir === undefined) return { exitCode: 0, stdout: `${link ?? ''}\n`, stderr: '' };
  const outDir = command.outDir;
  if (command.merge) {
    let outcome = mergeIntoExistingMeshConfig(command.merge.text, model);
    // A bare block is installable only inside a document of the chosen form (--format).
    if (outcome.ok && outcome.format === 'mesh-config') {
      const wrapped = mergeIntoExistingMeshConfig(wrapBareMeshConfig(command.merge.text, model), model);
      if (wrapped.ok && wrapped.format !== 'mesh-config') {
        wrapped.notes.unshift(
          `Your file is a bare meshConfig block; it is wrapped in ${FORMAT_LABELS[wrapped.format]} (--format ${model.output.meshConfigFormat}) so it can be installed.`,
        );
      }
      outcome = wrapped;
    }
    if (!outcome.ok) {
      const where =
        outcome.problem.line !== undefined ? `line ${outcome.problem.line}, column ${outcome.problem.col ?? 1}: ` : '';
      return invalid([`--merge ${command.merge.path}: ${where}${outcome.problem.message} [${outcome.problem.code}]`]);
    }
    merged = outcome;
    // The merged file keeps the user's form, so the apply step must use that form's command.
    if (outcome.format !== 'mesh-config') model = { ...model, output: { meshConfigFormat: outcome.format } };
  }
  let mergedTelemetry: TelemetryMergeSuccess | undefined;
  if (command.mergeTelemetry) {
    const outcome = mergeIntoExistingTelemetry(command.mergeTelemetry.text, model);
    if (!outcome.ok) {
      const where =
        outcome.problem.line !== undefined ? `line ${outcome.problem.line}, column ${outcome.problem.col ?? 1}: ` : '';
      return invalid([`--merge-telemetry ${command.mergeTelemetry.path}: ${where}${outcome.problem.message}`]);
    }
    mergedTelemetry = outcome;
  }
  const bundle = generateBundle(model);
  if (bundle.blocked) {
    const lines = bundle.findings
      .filter((finding) => finding.level === 'blocker')
      .map((finding) => `${finding.message}\n  What to do: ${finding.fix}`);
    return {
      exitCode: EXIT_BLOCKED,
      stdout: '',
      stderr: `This setup cannot work as configured; no files written.\n\n${lines.join('\n\n')}\n`,
    };
  }

  mkdirSync(outDir, { recursive: true });
  const out: string[] = [];
  const withMesh = merged ? withMeshConfigContent(bundle.files, merged.merged, model.token.value) : bundle.files;
  const files = mergedTelemetry
    ? withMesh.map((file) => (file.name === TELEMETRY_FILE_NAME ? { ...file, content: mergedTelemetry.merged } : file))
    : withMesh;
  if (merged) {
    out.push(
      `merged into ${command.merge!.path} (${merged.formatLabel}): ${merged.replaced ? 'replaced the provider of the same name' : 'added the provider'}`,
    );
    out.push(...merged.notes.map((note) => `note: ${note}`));
  }
  if (mergedTelemetry) {
    const { target } = mergedTelemetry;
    out.push(
      target
        ? `merged into ${target.namespace}/${target.name} from ${command.mergeTelemetry!.path}: ${mergedTelemetry.changes.join(' ')}`
        : `no Telemetry in ${command.mergeTelemetry!.path} conflicts with ours; ${TELEMETRY_FILE_NAME} is the generated one`,
    );
    out.push(...mergedTelemetry.notes.map((note) => `note: ${note}`));
  }
  for (const file of files) {
    const path = join(outDir, file.name);
    writeFileSync(path, file.content, { mode: file.executable ? 0o755 : 0o644 });
    if (file.executable) chmodSync(path, 0o755);
    out.push(`wrote ${path}${file.containsToken ? '   (contains your API token: keep it out of Git)' : ''}`);
  }
  if (!bundle.serviceEntry.needed) out.push(`no ServiceEntry: ${bundle.serviceEntry.reason}`);
  out.push(...waypointRequirementLines(model));
  const warnings = [
    ...findingsAfterTelemetryMerge(bundle.findings, mergedTelemetry),
    ...(merged?.findings ?? []),
    ...(mergedTelemetry?.findings ?? []),
  ]
    .filter((finding) => finding.level === 'warning')
    .map((finding) => `warning: ${finding.message}\n  ${finding.fix}`);
  return {
    exitCode: 0,
    stdout: `${out.join('\n')}\n${nextSteps(model, outDir).join('\n')}\n${link === undefined ? '' : `share link (no token): ${link}\n`}`,
    stderr: warnings.length > 0 ? `${warnings.join('\n')}\n` : '',
  };
}

/** What to do with the files, from the resolved setup: the same names the files and the checks use. */
function nextSteps(model: Model, outDir: string): string[] {
  const { controlPlane, dataPlane, tls, token, nativeSidecars } = resolveSetup(model);
  const proxy = dataPlane.proxyUnderTest;
  const lines = [
    `Next: run ${join(outDir, 'apply.sh')}, or the steps in it one by one.`,
    `  The mesh config goes to istiod in ${controlPlane.istiodNamespace} (ConfigMap ${controlPlane.meshConfigMapName}); ${controlPlane.install.command} replaces ${controlPlane.install.replaces}; it keeps ${controlPlane.install.keeps}. Restarts: ${controlPlane.install.restarts}.`,
  ];
  if (tls.kind === 'ca-certificates') {
    if (tls.mountNamespaces.length > 0) {
      lines.push(
        `  Before the DestinationRules: store your CA as Secret ${tls.secretName} in ${tls.mountNamespaces.join(', ')} and mount it into istio-proxy at ${tls.caFile} with the pod annotations ${Object.keys(tls.podAnnotations).join(' and ')}, then roll the workloads out (apply.sh does it for Deployments with PATCH_WORKLOADS=1, or stops until you run it with CA_MOUNTED=1).`,
      );
    }
    for (const carrier of tls.carriers.filter((c) => c.use === 'credential')) {
      lines.push(
        `  Gateway/waypoint: Secret ${carrier.name} (key ${carrier.key}) in ${carrier.namespace}, named by credentialName in the DestinationRule that selects it (apply.sh creates it).`,
      );
    }
    lines.push(`  ${tls.tradeOff}`);
  }
  if (tls.kind === 'ca-configmap') {
    lines.push(
      `  Before the DestinationRule: store your CA as ConfigMap ${tls.configMap.namespace}/${tls.configMap.name} (key ${tls.configMap.key}); apply.sh does it. ${tls.tradeOff}`,
    );
  }
  if (nativeSidecars.podAnnotations) {
    lines.push(
      `  Native sidecars off per workload: add ${Object.entries(nativeSidecars.podAnnotations)
        .map(([key, value]) => `${key}: "${value}"`)
        .join(', ')} to each traced workload's pod template (apply.sh does it for Deployments with PATCH_WORKLOADS=1).`,
    );
  }
  if (token.storage === 'istiod-env') {
    lines.push(
      `  istiod reads the token when it starts: after rotating Secret ${token.secretName}, run kubectl -n ${controlPlane.istiodNamespace} rollout restart ${controlPlane.istiodResource}.`,
    );
  }
  lines.push(
    `  Then check ${dataPlane.tracingProxies}: istioctl proxy-config listener ${proxy.target} -n ${proxy.namespace} -o json, with the other outputs npm run verify -- --help lists.`,
  );
  return lines;
}

function invalid(messages: string[]): CliResult {
  return {
    exitCode: EXIT_INVALID,
    stdout: '',
    stderr: `Invalid input; no files written.\n${messages.map((message) => `  ${message}`).join('\n')}\n`,
  };
}
