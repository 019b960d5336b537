import type { Model } from '../model';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { AnalyzeMessage } from './recognise';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

const ANALYZE = slotOf('istiod.analyze');

/** The analyzer codes that concern tracing to Dynatrace (istio/istio pkg/config/analysis/msg/messages.yaml). */
const RELEVANT: Record<string, { meaning: string; fix: string }> = {
  IST0157: {
    meaning: 'A Telemetry has an empty providers list and is ignored.',
    fix: 'Name the provider in the Telemetry’s tracing providers.',
  },
  IST0159: {
    meaning: 'Two Telemetries with selectors select the same pod; which settings win is not defined.',
    fix: 'Give each workload one Telemetry with a selector.',
  },
  IST0160: {
    meaning: 'Two Telemetries without a selector in one namespace; istiod uses only the oldest.',
    fix: 'Keep one namespace-wide Telemetry per namespace.',
  },
  IST0128: {
    meaning: 'A DestinationRule originates TLS without caCertificates: the server certificate is not verified.',
    fix: 'Acceptable for the Dynatrace tenant (public CA, verified by the proxy’s default trust); for an ActiveGate with a private CA, set caCertificates.',
  },
  IST0101: {
    meaning: 'A resource references something that does not exist.',
    fix: 'Create the referenced resource or fix the reference.',
  },
};

export function checkAnalyze(
  messages: readonly AnalyzeMessage[],
  clean: boolean,
  model: Model,
  target: VerifyTarget,
): ChecklistItem {
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  for (const message of messages) {
    const known = RELEVANT[message.code];
    const text = `${message.level} [${message.code}]${message.origin ? ` (${message.origin})` : ''} ${message.text}`;
    const telemetryOrOurs =
      /Telemetry|DestinationRule|ServiceEntry/.test(message.origin) || /Telemetr/.test(message.text);
    if (known && message.level === 'Error' && telemetryOrOurs) {
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
