import { reachesTenant } from './endpoints';
import { isAtLeast, parseIstioVersion } from './istio-version';
import type { Model } from './model';
import { requiredTokenScopes } from './defaults';
import { waypointFindings } from './ambient-findings';
import { resolveSetup } from './setup/resolved-setup';
import { istiodRulesFor } from './istiod/istiod-version';
import { scopeAttachmentSpec } from './istiod/merge-target';
import { tracingScopeOf } from './istiod/scope-proxy';
import { isNamespaceWide } from './istiod/tracing-rules';
import { RESTART_WHEN_NEEDED } from './generate/restart';
import type { Finding, FindingLevel } from './finding';
import { installFindings } from './install-findings';
import { checkRequirements, FINDING_DOCS as DOCS } from './requirement-findings';

/*
 * Requirement checks and trap warnings, as data. A blocker means the generated files would not work
 * for this user at all; the wizard stops there and shows the fix instead of config.
 */

export type { Finding, FindingLevel };
export { checkRequirements, type RequirementAnswers } from './requirement-findings';

export function findRequirements(model: Model): Finding[] {
  const findings: Finding[] = checkRequirements(model);
  const add = (finding: Finding) => findings.push(finding);
  const version = parseIstioVersion(model.istio.version);

  if (model.mode === 'operator' && model.operator.enableIstio && reachesTenant(model)) {
    add({
      id: 'operator-sampler-enable-istio',
      level: 'warning',
      step: 'requirements',
      message:
        'With “Sampler fetches its rate from the tenant” this setup adds its own ServiceEntry for the tenant host, and the Operator’s enableIstio creates ServiceEntries for the same host: Dynatrace documents the two as conflicting.',
      fix: `Set enableIstio: false in the DynaKube, or turn off “Sampler fetches its rate from the tenant”. The provider names its ServiceEntry as ${model.istio.rootNamespace}/<host>, which avoids ambiguous lookups but not the overlap.`,
    });
  }

  const scopes = requiredTokenScopes(model);
  if (reachesTenant(model)) {
    add({
      id: 'token-scopes',
      level: 'info',
      step: 'configuration',
      message: `The API token needs the scope${scopes.length === 1 ? '' : 's'} ${scopes.join(' and ')}.`,
      fix: 'Create it in Dynatrace under Access tokens → Generate new token, with exactly these scopes.',
    });
    if (model.token.storage === 'inline') {
      add({
        id: 'token-in-mesh-config',
        level: 'warning',
        step: 'mesh-config',
        message:
          'The mesh config holds your API token in clear text: anyone who can read it (or your Git history) can use the token.',
        fix:
          version && isAtLeast(version, 1, 26)
            ? 'Keep the token in a Kubernetes Secret instead (Istio 1.26+ reads the header from istiod’s environment).'
            : 'Do not commit meshconfig.yaml to Git. From Istio 1.26 the token can stay in a Kubernetes Secret.',
        link: DOCS.headerEnvName,
      });
    } else {
      add({
        id: 'token-in-istiod-env',
        level: 'info',
        step: 'mesh-config',
        message: `The Authorization header is read from istiod’s ${model.token.envName} environment variable, filled from the Secret ${model.token.secretName}. Istio notes that istiod still sends the value to the proxies: it stays out of Git, not out of the cluster.`,
        fix: `Create the Secret before applying (apply.sh does it from the ${model.token.envName} variable in your shell). Its value is the whole header: "Api-Token <token>".`,
        link: DOCS.headerEnvName,
      });
    }
    if (model.dynatrace.environmentKind !== 'saas' && model.dynatrace.tls === 'public') {
      add({
        id: 'activegate-certificate',
        level: 'warning',
        step: 'service-entry',
        message: `The DestinationRule originates TLS to the ${model.dynatrace.environmentKind === 'activegate' ? 'ActiveGate' : 'Managed cluster'} and verifies its certificate against the sidecars’ system CAs. A self-signed or private-CA certificate fails the handshake and spans are dropped, with no error in istiod.`,
        fix: 'If the certificate is not publicly trusted, choose “Trust my CA certificate” on step 2 (advanced options).',
      });
    }
    if (model.dynatrace.environmentKind !== 'saas' && model.dynatrace.tls === 'insecure-skip-verify') {
      add({
        id: 'tls-insecure-skip-verify',
        level: 'warning',
        step: 'service-entry',
        message:
          'INSECURE: the DestinationRule sets insecureSkipVerify, so the sidecars accept any certificate. Whoever can intercept this traffic can read your API token and spans.',
        fix: 'Use only to get going; switch to “Trust my CA certificate” with the CA that signed the endpoint’s certificate.',
      });
    }
  }

  if (model.provider.sampler) {
    if (model.mode === 'operator' && !model.provider.samplerFromTenant) {
      add({
        id: 'sampler-fallback-rate',
        level: 'info',
        step: 'mesh-config',
        message: `Without its own endpoint, the Dynatrace sampler asks the telemetry-ingest collector for its rate, gets 404, logs “Stopped to query sampling configuration” once and samples at its fallback of ${model.provider.rootSpansPerMinute ?? 1000} root spans per minute (this is what the guide’s snippet does; expected, not an error).`,
        fix: 'To use the adaptive rate from your tenant, turn on “Sampler fetches its rate from the tenant”: it adds the tenant endpoint, a ServiceEntry and a token with adaptiveTrafficManagement.read.',
      });
    }
    add({
      id: 'sampler-forces-full-sampling',
      level: 'info',
      step: 'telemetry',
      message:
        'With the Dynatrace sampler, istiod sets 100 % random sampling so that every request consults the sampler (it does not mean every span is exported); the Telemetry’s randomSamplingPercentage is ignored.',
      fix: 'The sampler keeps about the root spans per minute it fetches from Dynatrace; the configured value is only its fallback when fetching fails, so lowering it does not reduce load while fetching works.',
      link: DOCS.issue53012,
    });
  } else {
    const rate = model.telemetry.samplingPercentage;
    if (rate === 0) {
      add({
        id: 'sampling-zero',
        level: 'warning',
        step: 'telemetry',
        message: 'A sampling percentage of 0 records no traces at all.',
        fix: 'Choose a percentage above 0, e.g. 1.',
      });
    } else if (rate >= 50) {
      add({
        id: 'sampling-high',
        level: 'warning',
        step: 'telemetry',
        message: `${rate} % of all requests will be traced and sent to Dynatrace. On a busy mesh that is a lot of spans, billed as custom traces.`,
        fix: 'Start low (1–10 %), or turn the Dynatrace sampler on, which adapts the rate for you.',
      });
    }
  }

  if (!model.provider.sampler || !model.provider.resourceDetector) {
    add({
      id: 'licensing-custom-traces',
      level: 'info',
      step: 'mesh-config',
      message:
        'Without both the Dynatrace resource detector and sampler, ingested spans are billed as Custom Traces Classic (DPS) or custom-trace DDUs. With both, they are included in Full-Stack Monitoring only on Full-Stack (classic or cloud-native) deployments; Application-Observability-only deployments pay for custom traces either way.',
      fix: 'Keep both on unless you have a reason not to; check which deployment type your environment uses.',
      link: DOCS.istioGuide,
    });
  }

  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      add({
        id: 'istioctl-install-whole-config',
        level: 'warning',
        step: 'mesh-config',
        message: `istioctl install -f applies a whole installation: options you passed at install time but that are not in this file are reset to the ${model.istio.ambient ? 'ambient' : 'default'} profile, and components not in it are removed.`,
        fix: 'If you installed Istio with your own IstioOperator, merge the provider into it (the merge box on this step, or --merge FILE in the CLI), or pass all your files (istioctl install -f yours.yaml -f meshconfig.yaml).',
      });
      break;
    case 'helm':
      add({
        id: 'helm-lists-replace',
        level: 'warning',
        step: 'mesh-config',
        message:
          model.token.storage === 'istiod-env'
            ? 'Helm replaces lists instead of merging them: these values replace any extensionProviders and the envVarFrom list in your current istiod values (--reuse-values keeps maps, not lists).'
            : 'Helm replaces lists instead of merging them: these values replace any extensionProviders in your current istiod values.',
        fix: 'If your values already define extension providers or envVarFrom entries, merge into them (the merge box on this step, or --merge FILE in the CLI).',
      });
      break;
    case 'configmap':
      add({
        id: 'configmap-replaces-mesh',
        level: 'warning',
        step: 'mesh-config',
        message:
          'Applying the istio ConfigMap replaces the whole mesh config, and Helm or istioctl overwrite it on the next upgrade.',
        fix: 'Merge into your current ConfigMap (the merge box on this step, or --merge FILE in the CLI), and make the same change in whatever installs Istio.',
      });
      break;
    case 'sail':
      add({
        id: 'sail-apply-sets-values',
        level: 'warning',
        step: 'mesh-config',
        message: `The file is a merge patch for your Istio resource ${model.istio.sailName} (kubectl patch istio ${model.istio.sailName} --type merge): it changes spec.values only, never spec.version or spec.updateStrategy, but lists in values such as extensionProviders${model.token.storage === 'istiod-env' ? ' and pilot.envVarFrom' : ''} are replaced, not merged.`,
        fix: `If your Istio resource already has extension providers, merge into it (kubectl get istio ${model.istio.sailName} -o yaml): the merge box on this step, or --merge FILE in the CLI.`,
      });
      break;
  }

  // Whether ours is namespace-wide is istiod's rule per version: a waypoint Telemetry (targetRefs) is not from 1.24,
  // and is on 1.22–1.23, where istiod does not attach by targetRefs (src/core/istiod).
  const targetsWaypoint = resolveSetup(model).telemetry.scope === 'waypoint';
  const rules = istiodRulesFor(model.istio.version);
  const namespaceWide = isNamespaceWide(scopeAttachmentSpec(tracingScopeOf(model)), rules);
  if (namespaceWide) {
    add({
      id: 'one-telemetry-per-namespace',
      level: 'warning',
      step: 'telemetry',
      message: `Only one Telemetry without a selector may exist in ${model.telemetry.namespace}; with two, istiod uses the oldest and istioctl analyze reports IST0160.`,
      fix: `Check with kubectl get telemetry -n ${model.telemetry.namespace}. If one exists, add this tracing section to it instead of applying a second resource.`,
      link: DOCS.telemetryApi,
    });
  }
  if (model.telemetry.namespace !== model.istio.rootNamespace && !targetsWaypoint) {
    add({
      id: 'telemetry-namespace-scope',
      level: 'info',
      step: 'telemetry',
      message: `Tracing is enabled only for workloads in ${model.telemetry.namespace}. Put the Telemetry in ${model.istio.rootNamespace} (the root namespace) to trace the whole mesh.`,
      fix: 'Nothing to do if that is what you want.',
    });
  }

  const formatterTags = model.telemetry.customTags.filter((tag) => tag.type === 'formatter').map((tag) => tag.name);
  if (formatterTags.length > 0) {
    add({
      id: 'custom-tag-formatter-proxies',
      level: 'info',
      step: 'telemetry',
      // istio/istio pilot/pkg/networking/core/tracing.go buildCustomTagsFromProvider: checks the proxy's version.
      message: `The formatter tag${formatterTags.length === 1 ? '' : 's'} ${formatterTags.join(', ')} need${formatterTags.length === 1 ? 's' : ''} Istio 1.29 or later on the proxies too: istiod leaves formatter tags out, without an error, for proxies still on 1.28 or older.`,
      fix: 'Check the data-plane versions with istioctl version; restart workloads still on older proxies after the upgrade.',
    });
  }

  findings.push(...waypointFindings(model));
  findings.push(...installFindings(model));

  add({
    id: 'restart-pods',
    level: 'info',
    step: 'verify',
    message:
      'Running proxies get the provider and the Telemetry without a restart: istiod pushes mesh-config changes to them (Dynatrace’s guide says to restart pods; Istio’s source says otherwise).',
    fix: `${RESTART_WHEN_NEEDED} apply.sh restarts only when run as RESTART=1 ./apply.sh.`,
  });

  return findings;
}

export function hasBlocker(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.level === 'blocker');
}
