import { istiodRulesFor } from '../istiod/istiod-version';
import type { Model } from '../model';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { AnalyzeMessage } from './recognise';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

const ANALYZE = slotOf('istiod.analyze');

/*
 * The analyzer codes that concern tracing to Dynatrace (istio/istio pkg/config/analysis/msg/messages.yaml), explained
 * by what istiod does rather than by the analyzer's wording (facts §12; pkg/config/analysis/analyzers/telemetry).
 */
function explanations(model: Model): Record<string, { meaning: string; fix: string; tracing: boolean }> {
  const rules = istiodRulesFor(model.istio.version);
  return {
    IST0157: {
      // providers.go: reported for accessLogging entries without providers while defaultProviders.accessLogging is empty.
      meaning:
        'A Telemetry has an accessLogging entry without providers, and the mesh config sets no defaultProviders.accessLogging: that access logging is ignored. It concerns access logs only, not tracing.',
      fix: 'Nothing to do for tracing. For access logs, name a provider in that accessLogging entry or set defaultProviders.accessLogging.',
      tracing: false,
    },
    IST0159: {
      meaning:
        'Two Telemetries with selectors select the same pod. istiod applies both to it, oldest first (by creationTimestamp), so the newer one wins for every field it sets; the analyzer calls that undefined, but it is determined.',
      fix: 'Give each workload one Telemetry with a selector, or make sure the newer one names the provider you want.',
      tracing: true,
    },
    IST0160: rules.targetRefsAttach
      ? {
          meaning: `Several Telemetries in one namespace have no selector. Among the namespace-wide ones istiod uses only the oldest. The analyzer also counts Telemetries that attach by targetRefs (to a Gateway, waypoint or Service), which istiod ${rules.text} applies only to what they target: for those the message is a false alarm.`,
          fix: 'Keep one namespace-wide Telemetry per namespace. Never merge a Gateway-, waypoint- or Service-targeted Telemetry into the namespace-wide one: that would apply it to the whole namespace (or the whole mesh from the root namespace).',
          tracing: true,
        }
      : {
          meaning: `Several Telemetries in one namespace have no selector: istiod ${rules.text} uses only the oldest. On Istio 1.22–1.23 a Telemetry with only targetRefs counts too (istiod attaches by targetRefs from 1.24), so this is a real conflict.`,
          fix: 'Keep one namespace-wide Telemetry per namespace; to reach only a Gateway or waypoint, use Istio 1.24 or later.',
          tracing: true,
        },
    IST0128: {
      meaning: 'A DestinationRule originates TLS without caCertificates: the server certificate is not verified.',
      fix: 'Acceptable for the Dynatrace tenant (public CA, verified by the proxy’s default trust); for an ActiveGate with a private CA, set caCertificates.',
      tracing: true,
    },
    // Port-level twin of IST0128 (pkg/config/analysis/analyzers/destinationrule/ca-certificates.go, 1.26.0–1.30.3):
    // reported for every port-level tls without caCertificates unless credentialName comes with a workloadSelector,
    // so also for credentialName: configmap://, which istiod does verify with (generate/private-ca.ts).
    IST0129: {
      meaning:
        'A DestinationRule originates TLS on a port without caCertificates. For the Dynatrace rule that is expected: a public tenant is verified against the proxies’ system CAs, and a rule with credentialName: configmap://… (Istio 1.26+) is verified with that ConfigMap, which the analyzer does not know.',
      fix: 'Nothing to do for those; for a private-CA endpoint with neither caCertificates nor credentialName, choose “Trust my CA certificate”.',
      tracing: false,
    },
    IST0101: {
      meaning: 'A resource references something that does not exist.',
      fix: 'Create the referenced resource or fix the reference.',
      tracing: true,
    },
  };
}

export function checkAnalyze(
  messages: readonly AnalyzeMessage[],
  clean: boolean,
  model: Model,
  target: VerifyTarget,
): ChecklistItem {
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const relevant = explanations(model);
  for (const message of messages) {
    const known = relevant[message.code];
    const text = `${message.level} [${message.code}]${message.origin ? ` (${message.origin})` : ''} ${message.text}`;
    const telemetryOrOurs =
      /Telemetry|DestinationRule|ServiceEntry/.test(message.origin) || /Telemetr/.test(message.text);
    if (known?.tracing && message.level === 'Error' && telemetryOrOurs) {
      problems.push({ code: `analyze.${message.code}`, message: text, cause: known.meaning, fix: known.fix });
    } else {
      notes.push({
        code: `analyze.${message.code}`,
        message: text,
        ...(known ? { cause: known.meaning, fix: known.fix } : {}),
      });
    }
  }
  return checked(ANALYZE, model, target, {
    summary: clean
      ? 'No validation issues found.'
      : `${messages.length} message${messages.length === 1 ? '' : 's'}, ${problems.length} about tracing.`,
    problems,
    notes,
  });
}
