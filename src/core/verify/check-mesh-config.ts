import { findTraps } from '../merge/find-traps';
import { asObject, meshField, textOf, type Plain } from '../plain-data';
import { MESH_CONFIG_FILE_NAME } from '../generate/mesh-config';
import type { Model } from '../model';
import { toYaml } from '../yaml-text';
import { loadMeshConfig, lookupProvider } from '../istiod/mesh-providers';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

/*
 * The live mesh config against the provider the wizard generated: is it there, exactly once, field by
 * field the same, and does anything around it fight with it (the merge's trap finder).
 */

const PROVIDER = slotOf('mesh.provider');
const FIELDS = slotOf('mesh.provider-fields');
const TRAPS = slotOf('mesh.traps');

// These keep our traces from flowing or are silently ignored by istiod; other traps are worth knowing, not failures.
// A legacy defaultConfig.tracing is not among them: wherever a Telemetry names a provider, istiod builds the tracer
// from the provider (pilot/pkg/networking/core/tracing.go), and the Telemetry items check that one does.
const FAILING_TRAPS = [/^two-types-/, /^snake-default-/];

export interface LiveMeshConfig {
  mesh: Plain | undefined;
  name?: string;
  namespace?: string;
}

export function providersOf(mesh: Plain | undefined): Plain[] {
  const list = meshField(mesh, 'extension_providers');
  return Array.isArray(list) ? list.map(asObject).filter((item): item is Plain => item !== undefined) : [];
}

export function checkMeshConfig(live: LiveMeshConfig, model: Model, target: VerifyTarget): ChecklistItem[] {
  const ours = model.provider.name;
  const providers = providersOf(live.mesh);
  const names = providers.map((entry) => textOf(entry.name));
  const entryFix = toYaml({ extensionProviders: [target.provider] });
  const problems: Problem[] = [];
  const notes: Problem[] = [];

  if (live.name !== undefined && live.name !== target.meshConfigMapName) {
    problems.push({
      code: 'mesh.wrong-configmap',
      message: `This is ConfigMap ${live.name}; istiod ${target.revision ? `of revision ${target.revision} ` : ''}reads ${target.meshConfigMapName}.`,
      // pilot/pkg/bootstrap/mesh.go getMeshConfigMapName, getConfigurationSources; pilot/pkg/features/pilot.go
      // SHARED_MESH_CONFIG ("The standard mesh config will take precedence"), 1.22.0 and 1.30.3.
      cause:
        'istiod reads ConfigMap istio, or istio-<revision> for a revisioned control plane. Another ConfigMap is read only if istiod’s SHARED_MESH_CONFIG variable names it, and then the standard one takes precedence.',
      fix: `Put the provider into ${target.meshConfigMapName} (kubectl -n ${target.istiodNamespace} get configmap ${target.meshConfigMapName} -o yaml).`,
    });
  }
  if (live.namespace !== undefined && live.namespace !== target.istiodNamespace) {
    // istiod reads the mesh ConfigMap from its own namespace (istio/istio pilot/pkg/bootstrap/mesh.go).
    problems.push({
      code: 'mesh.wrong-namespace',
      message: `This ConfigMap is in namespace ${live.namespace}; istiod reads its mesh config from its own namespace, ${target.istiodNamespace}.`,
      cause: 'A mesh config applied to another namespace is never read.',
      fix: `Apply ${MESH_CONFIG_FILE_NAME} to ${target.istiodNamespace}.`,
    });
  }

  // How istiod merges the list (istio/istio pkg/config/mesh/mesh.go ApplyMeshConfig, 1.22.0–1.30.3): an entry with
  // the exact name of an earlier one replaces that one's provider, so the LAST of equal names wins (facts §12).
  // Lookups are case-insensitive and take the first match (pilot/pkg/model/telemetry.go fetchProvider, EqualFold).
  const sameName = providers.filter((entry) => textOf(entry.name).toLowerCase() === ours.toLowerCase());
  const exact = providers.find((entry) => entry.name === ours);
  // The entry istiod uses: providers merged by exact name (the last entry's settings), then looked up
  // case-insensitively (src/core/istiod/mesh-providers.ts).
  const live0 = lookupProvider(loadMeshConfig(live.mesh), ours)?.entry ?? sameName[0];
  if (!live0) {
    problems.push({
      code: 'mesh.provider-missing',
      message: `No extension provider named ${ours}${names.length ? `; the mesh config has ${names.join(', ')}` : '; the mesh config has no extension providers'}.`,
      cause:
        'The mesh config was not applied, applied to another place, or the provider has another name than the Telemetry uses.',
      fix: `Apply ${MESH_CONFIG_FILE_NAME} (step 3), or add this entry to extensionProviders:`,
      fixText: entryFix,
    });
  } else {
    if (!exact) {
      notes.push({
        code: 'mesh.provider-name-case',
        message: `The provider is named ${textOf(live0.name)}, not ${ours}. istiod matches names case-insensitively, so it still works.`,
      });
    }
    if (sameName.length > 1) {
      notes.push({
        code: 'mesh.provider-duplicate',
        message: `${sameName.length} providers are named ${ours}${sameName.some((entry) => entry.name !== sameName[0]!.name) ? ' (in different capitalisation)' : ''}. istiod keeps the last of entries with the same name, and a Telemetry gets the first whose name matches in any case: the fields below are compared with that one.`,
        fix: 'Keep one entry with this name: the generated one.',
        fixText: entryFix,
      });
    }
  }
  const items = [
    checked(PROVIDER, model, target, {
      summary: live0
        ? `Found ${textOf(live0.name)} among ${providers.length} extension provider${providers.length === 1 ? '' : 's'}.`
        : 'The provider is not in this mesh config.',
      problems,
      notes,
    }),
  ];

  if (!live0) {
    items.push(
      checked(FIELDS, model, target, {
        summary: 'No provider to compare.',
        problems: [
          {
            code: 'mesh.provider-missing',
            message: `There is no provider named ${ours} to compare.`,
            fix: `Apply ${MESH_CONFIG_FILE_NAME}.`,
            fixText: entryFix,
          },
        ],
      }),
    );
  } else {
    const differences = diffProvider(live0, target.provider as unknown as Plain);
    const serviceNotes = sameServiceNotes(live0, target.provider as unknown as Plain);
    items.push(
      checked(FIELDS, model, target, {
        summary:
          differences.length === 0
            ? 'Every field equals the generated provider.'
            : `${differences.length} field${differences.length === 1 ? ' differs' : 's differ'} from the generated provider.`,
        problems:
          differences.length === 0
            ? []
            : [
                {
                  code: 'mesh.provider-fields-differ',
                  message: differences.map((d) => `${d.path}: live ${d.live}, generated ${d.expected}`).join('; '),
                  cause:
                    'The live provider is not what the wizard generated: an older snippet, a typo, or an edit after applying.',
                  fix: `Replace the entry with the generated one (apply ${MESH_CONFIG_FILE_NAME}):`,
                  fixText: entryFix,
                },
              ],
        notes: serviceNotes,
      }),
    );
  }

  const traps = findTraps(live.mesh, model, target.provider);
  const trapProblems: Problem[] = [];
  const trapNotes: Problem[] = [];
  for (const trap of traps) {
    const problem = { code: `mesh.trap.${trap.id}`, message: trap.message, fix: trap.fix };
    if (FAILING_TRAPS.some((pattern) => pattern.test(trap.id))) trapProblems.push(problem);
    else trapNotes.push(problem);
  }
  items.push(
    checked(TRAPS, model, target, {
      summary:
        traps.length === 0
          ? 'No competing tracing settings.'
          : `${traps.length} setting${traps.length === 1 ? '' : 's'} worth a look.`,
      problems: trapProblems,
      notes: trapNotes,
    }),
  );
  return items;
}

/** The providers after istiod's merge (the rules module's mesh loading): an exact name seen before takes the later
 * entry, in the earlier place. Built-in providers are left out. */
export function effectiveProviders(providers: readonly Plain[]): Plain[] {
  return loadMeshConfig({ extensionProviders: [...providers] }).providers.flatMap((provider) =>
    provider.entry ? [provider.entry] : [],
  );
}

const SERVICE_PATHS = new Set(['opentelemetry.service', 'opentelemetry.dynatrace_sampler.http_service.service']);

/**
 * How istiod reads `service` (istio/istio pilot/pkg/model/telemetry_logging.go LookupCluster, 1.22.0–1.30.3): split at
 * "/" into exactly two parts, namespace and host; without "/" the host alone; with more, nothing it can find. The host
 * is a map key (ServiceIndex.HostnameAndNamespace, pilot/pkg/model/push_context.go): taken as written, no trimming and
 * no case folding.
 */
function lookupForm(value: string): { namespace?: string; host: string } | undefined {
  const parts = value.split('/');
  if (parts.length === 1) return { host: value };
  return parts.length === 2 ? { namespace: parts[0]!, host: parts[1]! } : undefined;
}

/**
 * Whether istiod finds the same service for the live `service` as for the generated one.
 * "<ns>/<svc>.<ns>.svc.<domain>" is the same Kubernetes Service as the bare host, and a live prefix naming another
 * namespace misses it; any other prefix on one side only limits the lookup to that namespace, which finds the same
 * service unless another namespace defines the host too. An empty namespace ("/<host>") finds nothing.
 */
export function serviceEquivalence(live: string, expected: string): 'same' | 'likely' | 'different' {
  if (live === expected) return 'same';
  const a = lookupForm(live);
  const b = lookupForm(expected);
  if (!a || !b || a.host !== b.host || a.namespace === '') return 'different';
  // The same host in two different namespaces (equal ones would be equal text).
  if (a.namespace !== undefined && b.namespace !== undefined) return 'different';
  const prefix = a.namespace ?? b.namespace;
  // A Kubernetes Service's host is <name>.<namespace>.svc.<domain>, and names have no dots
  // (pilot/pkg/serviceregistry/kube/conversion.go ServiceHostname).
  const kubeNamespace = /^[^.]+\.([^.]+)\.svc\./.exec(a.host)?.[1];
  if (kubeNamespace === prefix) return 'same';
  // A Kubernetes Service is in the registry under its own namespace only (ServiceIndex.HostnameAndNamespace[host][ns]):
  // a live "<other namespace>/<svc>.<ns>.svc…" finds nothing (unless a ServiceEntry there defines that host).
  if (kubeNamespace !== undefined && a.namespace !== undefined) return 'different';
  return 'likely';
}

function sameServiceNotes(live: Plain, expected: Plain): Problem[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(live, '', a);
  flatten(expected, '', b);
  const notes: Problem[] = [];
  for (const path of SERVICE_PATHS) {
    const liveValue = a.get(path);
    const expectedValue = b.get(path);
    // A field on one side only is a difference (diffProvider); equal text is 'same', so gets no note.
    if (liveValue === undefined || expectedValue === undefined) continue;
    if (serviceEquivalence(liveValue, expectedValue) === 'likely') {
      notes.push({
        code: 'mesh.service-namespace-form',
        message: `${path} is ${liveValue}, generated ${expectedValue}: the same host, so istiod finds the same service unless a ServiceEntry in another namespace defines it too (then the "<namespace>/<host>" form picks one).`,
      });
    }
  }
  return notes;
}

export interface FieldDifference {
  path: string;
  live: string;
  expected: string;
}

/** istiod reads both spellings (facts §1.5): compare in snake_case. */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]');
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Plain);
    if (entries.length === 0) out.set(path, '{}');
    for (const [key, item] of entries) flatten(item, path === '' ? snakeCase(key) : `${path}.${snakeCase(key)}`, out);
  } else {
    out.set(path, value === null || value === undefined ? '(empty)' : textOf(value));
  }
}

export function diffProvider(live: Plain, expected: Plain): FieldDifference[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(live, '', a);
  flatten(expected, '', b);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const differences: FieldDifference[] = [];
  for (const path of paths) {
    const liveValue = a.get(path);
    const expectedValue = b.get(path);
    if (liveValue === expectedValue) continue;
    if (path === 'name' && liveValue?.toLowerCase() === expectedValue?.toLowerCase()) continue; // noted above
    if (
      SERVICE_PATHS.has(path) &&
      liveValue !== undefined &&
      expectedValue !== undefined &&
      serviceEquivalence(liveValue, expectedValue) !== 'different'
    ) {
      continue; // noted by sameServiceNotes
    }
    // Without the token (a shared link never carries it) any "Api-Token …" header value is as good as ours.
    if (expectedValue === 'Api-Token ' && liveValue?.startsWith('Api-Token ')) continue;
    // A parent that is a map on one side and missing on the other is reported once, at its leaves.
    differences.push({ path, live: liveValue ?? '(not set)', expected: expectedValue ?? '(not set)' });
  }
  return differences;
}
