import { findRequirements, hasBlocker, type Finding } from '../findings';
import { validateModel, type Model, type ModelInput } from '../model';
import { generateMeshConfig, MESH_CONFIG_FILE_NAME, type MeshConfigFile } from './mesh-config';
import { generateServiceEntry, SERVICE_ENTRY_FILE_NAME, type ServiceEntryResult } from './service-entry';
import { generateTelemetry, TELEMETRY_FILE_NAME, type TelemetryFile } from './telemetry';
import { generateVerification, type Verification } from './verification';
import { APPLY_SCRIPT_FILE_NAME, applyScript, README_FILE_NAME } from './apply-script';
import { bundleReadme } from './bundle-readme';
import { COLLECT_SCRIPT_FILE_NAME, collectScript } from './collect-script';

export interface BundleFile {
  name: string;
  content: string;
  /** True when the file holds the API token in clear text. */
  containsToken: boolean;
  executable: boolean;
}

export type Bundle =
  | { blocked: true; findings: Finding[] }
  | {
      blocked: false;
      findings: Finding[];
      meshConfig: MeshConfigFile;
      serviceEntry: ServiceEntryResult;
      telemetry: TelemetryFile;
      verification: Verification;
      /** Every file with its conventional name in apply order, then apply.sh, collect.sh and README.md. */
      files: BundleFile[];
    };

export { APPLY_SCRIPT_FILE_NAME, applyScript, COLLECT_SCRIPT_FILE_NAME, README_FILE_NAME };

/** The whole result for one validated configuration. Pure: same model, same bundle. */
export function generateBundle(model: Model): Bundle {
  const findings = findRequirements(model);
  if (hasBlocker(findings)) return { blocked: true, findings };

  const meshConfig = generateMeshConfig(model);
  const serviceEntry = generateServiceEntry(model);
  const telemetry = generateTelemetry(model);
  const verification = generateVerification(model);
  const files: BundleFile[] = [meshConfigFile(model, meshConfig)];
  if (serviceEntry.needed) files.push(serviceEntryFile(serviceEntry));
  files.push(telemetryFile(telemetry), applyScriptFile(model, verification, findings), collectScriptFile(model));
  files.push(readmeFile(model, verification, findings, files));
  return { blocked: false, findings, meshConfig, serviceEntry, telemetry, verification, files };
}

/**
 * Only the named files, exactly as in the bundle (same order, same content), or undefined when a requirement blocks
 * the setup. A live preview shows one file per keystroke: generating just that file keeps the whole bundle (its
 * verification steps and script) out of the keystroke's own task.
 */
export function generateFiles(model: Model, names: ReadonlySet<string>): BundleFile[] | undefined {
  const findings = findRequirements(model);
  if (hasBlocker(findings)) return undefined;
  // The README describes every file: it needs the whole bundle.
  if (names.has(README_FILE_NAME)) {
    const bundle = generateBundle(model);
    return bundle.blocked ? undefined : bundle.files.filter((file) => names.has(file.name));
  }
  const files: BundleFile[] = [];
  if (names.has(MESH_CONFIG_FILE_NAME)) files.push(meshConfigFile(model, generateMeshConfig(model)));
  if (names.has(SERVICE_ENTRY_FILE_NAME)) {
    const serviceEntry = generateServiceEntry(model);
    if (serviceEntry.needed) files.push(serviceEntryFile(serviceEntry));
  }
  if (names.has(TELEMETRY_FILE_NAME)) files.push(telemetryFile(generateTelemetry(model)));
  if (names.has(APPLY_SCRIPT_FILE_NAME)) files.push(applyScriptFile(model, generateVerification(model), findings));
  if (names.has(COLLECT_SCRIPT_FILE_NAME)) files.push(collectScriptFile(model));
  return files;
}

function meshConfigFile(model: Model, meshConfig: MeshConfigFile): BundleFile {
  const containsToken = model.token.storage === 'inline' && meshConfig.text.includes('Api-Token ');
  return { name: meshConfig.fileName, content: meshConfig.text, containsToken, executable: false };
}

function serviceEntryFile(serviceEntry: Extract<ServiceEntryResult, { needed: true }>): BundleFile {
  return { name: serviceEntry.fileName, content: serviceEntry.text, containsToken: false, executable: false };
}

function telemetryFile(telemetry: TelemetryFile): BundleFile {
  return { name: telemetry.fileName, content: telemetry.text, containsToken: false, executable: false };
}

function applyScriptFile(model: Model, verification: Verification, findings: readonly Finding[]): BundleFile {
  const content = applyScript(model, verification, findings);
  return { name: APPLY_SCRIPT_FILE_NAME, content, containsToken: false, executable: true };
}

function collectScriptFile(model: Model): BundleFile {
  return { name: COLLECT_SCRIPT_FILE_NAME, content: collectScript(model), containsToken: false, executable: true };
}

function readmeFile(
  model: Model,
  verification: Verification,
  findings: readonly Finding[],
  files: readonly BundleFile[],
): BundleFile {
  const names = [...files.map((file) => file.name), README_FILE_NAME];
  const content = bundleReadme(model, verification, findings, names);
  return { name: README_FILE_NAME, content, containsToken: false, executable: false };
}

/** The bundle's files with the mesh config replaced by other content (a merged file), token flag recomputed. */
export function withMeshConfigContent(files: readonly BundleFile[], content: string, token: string): BundleFile[] {
  return files.map((file) =>
    file.name === MESH_CONFIG_FILE_NAME
      ? { ...file, content, containsToken: token !== '' && content.includes(token) }
      : file,
  );
}

/** What the files show where the token goes while the user has not entered it yet. */
export const TOKEN_PLACEHOLDER = '<your-API-token>';
const STAND_IN_TOKEN = `dt0c01.${'X'.repeat(24)}.${'X'.repeat(64)}`;

/**
 * Previews for a configuration that is complete except for the API token (e.g. opened from a share
 * link, which never carries it): the files hold a visible placeholder where the token goes.
 * Undefined when anything else is missing or wrong.
 */
export function generateWithTokenPlaceholder(input: ModelInput): { model: Model; bundle: Bundle } | undefined {
  const first = validateModel(input);
  if (first.ok || input.token.value.trim() !== '' || !first.issues.every((issue) => issue.path === 'token.value'))
    return undefined;
  const second = validateModel({ ...input, token: { ...input.token, value: STAND_IN_TOKEN } });
  if (!second.ok) return undefined;
  const bundle = JSON.parse(
    JSON.stringify(generateBundle(second.model)).split(STAND_IN_TOKEN).join(TOKEN_PLACEHOLDER),
  ) as Bundle;
  if (!bundle.blocked) {
    bundle.files = bundle.files.map((file) => ({ ...file, containsToken: false }));
  }
  return { model: { ...second.model, token: { ...second.model.token, value: '' } }, bundle };
}
