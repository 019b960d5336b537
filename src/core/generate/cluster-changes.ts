import { resolveSetup } from '../setup/resolved-setup';
import type { Finding } from '../findings';
import { WIZARD_STEPS } from '../wizard-steps';
import type { Model } from '../model';
import { MESH_CONFIG_FILE_NAME } from './mesh-config';
import { sailIstioName } from './sail';
import { SERVICE_ENTRY_FILE_NAME } from './service-entry';
import { shellQuote } from './shell-quote';
import { TELEMETRY_FILE_NAME } from './telemetry';
import type { CommandStep } from './command-step';

/*
 * What each apply step changes in the cluster, how to see it before (a read-only plan) and how to take it back: one
 * table that apply.sh's plan mode and the bundle's README both read (issue 26, "a plan before apply").
 */

/** created: a new resource (or an update of one with the same name); modified: part of an existing one changes;
 * replaced: the whole resource (or installation) becomes what the file says. */
export type ChangeEffect = 'created' | 'modified' | 'replaced';

export interface ClusterChange {
  step: CommandStep;
  effect: ChangeEffect;
  /** What changes, in one sentence. */
  what: string;
  /** Read-only shell lines that show what would change (kubectl diff, kubectl get, helm get values); never a write. */
  plan: string[];
  /** How to take the change back. */
  undo: string;
}

/** Where apply.sh --apply keeps what it found before changing the mesh config, for the undo. */
export const BEFORE_APPLY_DIR = 'before-apply';

/** kubectl diff exits 1 when it finds differences: in a plan that is the answer, not a failure (apply.sh's helper). */
export const SHOW_DIFF = 'show_diff';

export function clusterChanges(model: Model, apply: readonly CommandStep[]): ClusterChange[] {
  return apply.map((step) => changeOf(step, model));
}

function changeOf(step: CommandStep, model: Model): ClusterChange {
  const q = shellQuote;
  const istiodNs = q(resolveSetup(model).controlPlane.istiodNamespace);
  const secret = q(model.token.secretName);
  const configMap = resolveSetup(model).controlPlane.meshConfigMapName;
  const backup = `${BEFORE_APPLY_DIR}/${configMap}-configmap.yaml`;
  switch (step.id) {
    case 'token-secret':
      return {
        step,
        effect: 'created',
        what: `Creates the Secret ${model.token.secretName} in ${resolveSetup(model).controlPlane.istiodNamespace} holding the token header (updates it when it exists).`,
        // The Secret's content is the token: the plan says whether it exists, never what it holds.
        plan: [
          `if kubectl -n ${istiodNs} get secret ${secret} -o name >/dev/null 2>&1; then echo '    exists: its value would be replaced'; else echo '    does not exist yet: would be created'; fi`,
        ],
        undo: `kubectl -n ${istiodNs} delete secret ${secret}`,
      };
    case 'istiod-env':
      return {
        step,
        effect: 'modified',
        what: `Adds the variable ${model.token.envName} (from the Secret) to deployment/${resolveSetup(model).controlPlane.istiodDeployment} in ${resolveSetup(model).controlPlane.istiodNamespace}; its pods restart.`,
        plan: [
          orSay(
            `kubectl -n ${istiodNs} get deployment/${resolveSetup(model).controlPlane.istiodDeployment} -o jsonpath='{range .spec.template.spec.containers[*].env[*]}{.name}{"\\n"}{end}' | sed 's/^/    now set: /'`,
          ),
        ],
        undo: `kubectl -n ${istiodNs} set env deployment/${resolveSetup(model).controlPlane.istiodDeployment} ${model.token.envName}-`,
      };
    case 'mesh-config':
      return meshConfigChange(step, model, backup);
    case 'ca-secret':
    case 'ca-credential':
    case 'ca-configmap':
      return caCarrierChange(step, model);
    case 'service-entry':
      return serviceEntryChange(step, model);
    case 'telemetry':
      return {
        step,
        effect: 'created',
        what: `Creates the Telemetry of ${TELEMETRY_FILE_NAME} in ${resolveSetup(model).telemetry.namespace} (updates it when one of that name exists; with a Telemetry merged on step 5, yours is modified).`,
        plan: [`${SHOW_DIFF} kubectl diff -n ${q(resolveSetup(model).telemetry.namespace)} -f ${TELEMETRY_FILE_NAME}`],
        undo: `kubectl delete -n ${q(resolveSetup(model).telemetry.namespace)} -f ${TELEMETRY_FILE_NAME} (if ${TELEMETRY_FILE_NAME} is your own Telemetry merged on step 5, apply your original instead: deleting would remove yours)`,
      };
    default:
      // A step this table does not know yet: shown, not guessed at.
      return {
        step,
        effect: 'modified',
        what: step.description,
        plan: [`echo ${q(`    not previewed; the command is: ${step.command ?? '(none)'}`)}`],
        undo: 'See the step’s description on the wizard’s Verify step.',
      };
  }
}

/** The Secrets or ConfigMap that hold your CA: created where the TLS arrangement puts them. */
function caCarrierChange(step: CommandStep, model: Model): ClusterChange {
  const q = shellQuote;
  const { tls } = resolveSetup(model);
  const use = step.id === 'ca-secret' ? 'mount' : 'credential';
  const carriers = tls.carriers.filter((carrier) => carrier.use === use);
  const kind = step.id === 'ca-configmap' ? 'configmap' : 'secret';
  const where = carriers.map((carrier) => `${carrier.namespace}/${carrier.name}`).join(', ');
  return {
    step,
    effect: 'created',
    what: `Creates the ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${where} holding your CA certificate (updates it where it exists)${step.id === 'ca-secret' ? '; the pod annotations that mount it are added in the next step' : ''}.`,
    plan: carriers.map(
      (carrier) =>
        `if kubectl -n ${q(carrier.namespace)} get ${kind} ${q(carrier.name)} -o name >/dev/null 2>&1; then echo ${q(`    ${carrier.namespace}/${carrier.name}: exists, would be replaced`)}; else echo ${q(`    ${carrier.namespace}/${carrier.name}: would be created`)}; fi`,
    ),
    undo: `${carriers.map((carrier) => `kubectl -n ${q(carrier.namespace)} delete ${kind} ${q(carrier.name)}`).join('; ')}${step.id === 'ca-secret' ? ' (and remove the pod annotations you added)' : ''}`,
  };
}

/** The ServiceEntry and the DestinationRules, in the root namespace or in each namespace the arrangement names. */
function serviceEntryChange(step: CommandStep, model: Model): ClusterChange {
  const q = shellQuote;
  const { controlPlane, tls } = resolveSetup(model);
  const root = controlPlane.rootNamespace;
  const namespaces = [...new Set([root, ...tls.rules.map((rule) => rule.namespace)])];
  const file =
    namespaces.length === 1 ? `-n ${q(root)} -f ${SERVICE_ENTRY_FILE_NAME}` : `-f ${SERVICE_ENTRY_FILE_NAME}`;
  const stale = tls.kind === 'ca-certificates' ? tls.staleRootRule : undefined;
  return {
    step,
    effect: 'created',
    what: `Creates the ServiceEntry and DestinationRule${tls.rules.length > 1 ? 's' : ''} of ${SERVICE_ENTRY_FILE_NAME} in ${namespaces.join(', ')} (updates them when they exist).${stale ? ` Deletes the DestinationRule ${stale.name} in ${stale.namespace}, if there is one.` : ''}`,
    plan: [
      `${SHOW_DIFF} kubectl diff ${file}`,
      ...(stale
        ? [
            `if kubectl -n ${q(stale.namespace)} get destinationrule ${q(stale.name)} -o name >/dev/null 2>&1; then echo ${q(`    ${stale.namespace}/${stale.name}: exists, would be deleted (it would reach every sidecar)`)}; fi`,
          ]
        : []),
    ],
    undo: `kubectl delete ${file}`,
  };
}

function meshConfigChange(step: CommandStep, model: Model, backup: string): ClusterChange {
  const q = shellQuote;
  const istiodNs = q(resolveSetup(model).controlPlane.istiodNamespace);
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      return {
        step,
        effect: 'replaced',
        what: `istioctl install -f ${MESH_CONFIG_FILE_NAME} replaces the whole installation with what the file says (istiod, gateways, every install option), not only the mesh config.`,
        // A whole-install format: there is no resource to diff, so the plan says what is replaced.
        plan: [
          `echo ${q(`    REPLACES the installation: options not in ${MESH_CONFIG_FILE_NAME} go back to the default profile. The live mesh config now:`)}`,
          orSay(
            `kubectl -n ${istiodNs} get configmap ${q(resolveSetup(model).controlPlane.meshConfigMapName)} -o jsonpath='{.data.mesh}' | sed 's/^/      /'`,
          ),
        ],
        undo: `Run istioctl install -f with the IstioOperator file(s) you installed with before (the wizard cannot restore them). apply.sh --apply saved the mesh config it found in ${backup}, to compare.`,
      };
    case 'helm':
      return {
        step,
        effect: 'modified',
        what: `helm upgrade --reuse-values adds these values to the release ${resolveSetup(model).controlPlane.helmRelease}; lists such as extensionProviders are replaced, not merged.`,
        plan: [
          `echo ${q(`    MODIFIES the Helm release: these values go over the release's own, lists replaced. Its values now:`)}`,
          orSay(
            `helm get values ${q(resolveSetup(model).controlPlane.helmRelease)} -n ${istiodNs} -o yaml | sed 's/^/      /'`,
          ),
        ],
        undo: `helm rollback ${q(resolveSetup(model).controlPlane.helmRelease)} -n ${istiodNs} (back to the revision before; helm history ${q(resolveSetup(model).controlPlane.helmRelease)} -n ${istiodNs} lists them)`,
      };
    case 'configmap':
      return {
        step,
        effect: 'replaced',
        what: `Replaces the whole mesh config in the ConfigMap ${resolveSetup(model).controlPlane.meshConfigMapName} of ${resolveSetup(model).controlPlane.istiodNamespace}.`,
        plan: [`${SHOW_DIFF} kubectl diff -f ${MESH_CONFIG_FILE_NAME}`],
        undo: `kubectl replace -f ${backup} (saved by apply.sh --apply just before the change; delete its resourceVersion line if kubectl reports a conflict)`,
      };
    case 'sail': {
      const name = sailIstioName(model);
      return {
        step,
        effect: 'modified',
        what: `Patches spec.values of the Sail operator’s Istio resource ${name} (kubectl patch --type merge): its version, update strategy and profile stay as they are; lists in values, such as extensionProviders, are replaced, not merged. The operator rolls the change out to istiod.`,
        // The API server computes the patched resource without storing it; kubectl diff compares it with the live one.
        plan: [
          `{ kubectl patch istio ${shellQuote(name)} --type merge --patch-file ${MESH_CONFIG_FILE_NAME} --dry-run=server -o yaml || true; } | ${SHOW_DIFF} kubectl diff -f -`,
        ],
        undo: `kubectl replace -f ${BEFORE_APPLY_DIR}/istio-${name}.yaml (saved by apply.sh --apply just before the change; delete its resourceVersion line if kubectl reports a conflict)`,
      };
    }
  }
}

/** Read-only lines apply.sh --apply runs before the mesh-config step, so the undo has something to go back to. */
export function backupBeforeApply(model: Model): string[] {
  const q = shellQuote;
  const configMap = resolveSetup(model).controlPlane.meshConfigMapName;
  const lines = [
    `mkdir -p ${BEFORE_APPLY_DIR}`,
    `kubectl -n ${q(resolveSetup(model).controlPlane.istiodNamespace)} get configmap ${q(configMap)} -o yaml > ${BEFORE_APPLY_DIR}/${configMap}-configmap.yaml 2>/dev/null || rm -f ${BEFORE_APPLY_DIR}/${configMap}-configmap.yaml`,
  ];
  if (model.output.meshConfigFormat === 'sail') {
    const name = sailIstioName(model);
    lines.push(
      `kubectl get istio ${q(name)} -o yaml > ${BEFORE_APPLY_DIR}/istio-${name}.yaml 2>/dev/null || rm -f ${BEFORE_APPLY_DIR}/istio-${name}.yaml`,
    );
  }
  return lines;
}

/**
 * The warnings the page shows for this configuration, for the script and the README (level warning only). Read away
 * from the page, "this step" names the wizard's step.
 */
export function pageWarnings(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((finding) => finding.level === 'warning')
    .map((finding) => {
      const step = `the wizard’s step ${WIZARD_STEPS.indexOf(finding.step) + 1}`;
      return {
        ...finding,
        message: finding.message.replaceAll('this step', step),
        fix: finding.fix.replaceAll('this step', step),
      };
    });
}

/** A plan line that reads the cluster: if it cannot (no access, nothing there), the plan says so and goes on. */
const orSay = (line: string) => `${line} || echo '    (could not read it: see the message above)'`;
