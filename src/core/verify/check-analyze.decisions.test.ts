import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../__fixtures__/models';
import { checkAnalyze } from './check-analyze';
import type { AnalyzeMessage } from './recognise';
import { verifyTargetOf } from './target';

/*
 * Which istioctl analyze messages fail the tracing check and which are only notes. Messages as istioctl analyze prints
 * them (`<Level> [<code>] (<Kind> <ns>/<name>) <text>`, istio/istio pkg/config/analysis/diag/message.go String(), the
 * codes and texts from pkg/config/analysis/msg/messages.yaml, 1.22.0–1.30.3), as recognise.ts splits them.
 */

const model = operatorSaas();
const run = (messages: AnalyzeMessage[], clean = false) => checkAnalyze(messages, clean, model, verifyTargetOf(model));

const IST0160: AnalyzeMessage = {
  level: 'Error',
  code: 'IST0160',
  origin: 'Telemetry istio-system/dynatrace-telemetry-otel',
  text: 'The Telemetries [istio-system/dynatrace-telemetry-otel istio-system/mesh-default] in namespace "istio-system" have no workload selector, which can lead to undefined behavior.',
};
const IST0128: AnalyzeMessage = {
  level: 'Warning',
  code: 'IST0128',
  origin: 'DestinationRule istio-system/dynatrace-dr-otel',
  text: 'DestinationRule istio-system/dynatrace-dr-otel in namespace istio-system has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: abc12345.live.dynatrace.com at port number:80',
};
const IST0102: AnalyzeMessage = {
  level: 'Info',
  code: 'IST0102',
  origin: 'Namespace default',
  text: 'The namespace is not enabled for Istio injection.',
};

describe('istioctl analyze: what fails the tracing check', () => {
  it('an Error about a Telemetry with a tracing code fails, with the line as istioctl printed it and the explanation', () => {
    const item = run([IST0160]);
    expect(item.status).toBe('fail');
    expect(item.problems).toHaveLength(1);
    expect(item.problems[0]).toMatchObject({
      code: 'analyze.IST0160',
      message: `Error [IST0160] (Telemetry istio-system/dynatrace-telemetry-otel) ${IST0160.text}`,
    });
    expect(item.problems[0]?.cause).toMatch(/uses only the oldest/);
    expect(item.problems[0]?.fix).toMatch(/Keep one namespace-wide Telemetry per namespace/);
    expect(item.notes).toEqual([]);
    expect(item.summary).toBe('1 message, 1 about tracing.');
  });

  it('the same code as a Warning is a note, not a failure, and keeps its explanation', () => {
    const item = run([{ ...IST0160, level: 'Warning' }]);
    expect(item.status).toBe('pass');
    expect(item.problems).toEqual([]);
    expect(item.notes).toHaveLength(1);
    expect(item.notes[0]?.code).toBe('analyze.IST0160');
    expect(item.notes[0]?.message).toBe(
      `Warning [IST0160] (Telemetry istio-system/dynatrace-telemetry-otel) ${IST0160.text}`,
    );
    expect(item.notes[0]?.cause).toMatch(/uses only the oldest/);
    expect(item.notes[0]?.fix).toMatch(/Keep one namespace-wide Telemetry/);
  });

  it('an Error with a tracing code about a DestinationRule or a ServiceEntry fails', () => {
    const dr = run([{ ...IST0128, level: 'Error' }]);
    expect(dr.status).toBe('fail');
    expect(dr.problems[0]?.code).toBe('analyze.IST0128');
    expect(dr.problems[0]?.cause).toMatch(/without caCertificates: the server certificate is not verified/);
    expect(dr.problems[0]?.fix).toMatch(/private CA, set caCertificates/);
    const se = run([
      {
        level: 'Error',
        code: 'IST0101',
        origin: 'ServiceEntry istio-system/dynatrace-otel',
        text: 'Referenced host not found: "abc12345.live.dynatrace.com"',
      },
    ]);
    expect(se.status).toBe('fail');
    expect(se.problems[0]?.code).toBe('analyze.IST0101');
    expect(se.problems[0]?.cause).toBe('A resource references something that does not exist.');
    expect(se.problems[0]?.fix).toBe('Create the referenced resource or fix the reference.');
  });

  it('an Error with a tracing code about another kind fails only when its text names a Telemetry', () => {
    const other = {
      level: 'Error',
      code: 'IST0101',
      origin: 'VirtualService bookinfo/reviews',
      text: 'Referenced host not found: "reviews-v9"',
    };
    const notOurs = run([other]);
    expect(notOurs.status).toBe('pass');
    expect(notOurs.problems).toEqual([]);
    expect(notOurs.notes[0]).toMatchObject({
      code: 'analyze.IST0101',
      message: 'Error [IST0101] (VirtualService bookinfo/reviews) Referenced host not found: "reviews-v9"',
      cause: 'A resource references something that does not exist.',
    });
    const namesTelemetry = run([
      { ...other, origin: 'Pod bookinfo/reviews-v1-1', text: 'The Telemetries [a b] select it' },
    ]);
    expect(namesTelemetry.status).toBe('fail');
  });

  it('IST0157 (access logging) never fails tracing, even as an Error about a Telemetry', () => {
    const item = run([
      {
        level: 'Error',
        code: 'IST0157',
        origin: 'Telemetry istio-system/mesh-default',
        text: 'The Telemetry has accessLogging without providers',
      },
    ]);
    expect(item.status).toBe('pass');
    expect(item.notes[0]?.cause).toMatch(/access logging is ignored/);
    expect(item.notes[0]?.fix).toMatch(/^Nothing to do for tracing/);
  });

  it('an unknown code is a note without an explanation, and a message without an origin prints without parentheses', () => {
    const item = run([{ ...IST0102, level: 'Error', origin: '', text: 'Telemetry something unknown' }]);
    expect(item.status).toBe('pass');
    expect(item.notes[0]).toEqual({ code: 'analyze.IST0102', message: 'Error [IST0102] Telemetry something unknown' });
  });

  it('counts the messages and those about tracing in the summary; a clean run says so', () => {
    expect(run([IST0128, IST0102]).summary).toBe('2 messages, 0 about tracing.');
    expect(run([IST0160, { ...IST0160, origin: 'Telemetry istio-system/mesh-default' }, IST0102]).summary).toBe(
      '3 messages, 2 about tracing.',
    );
    const clean = run([], true);
    expect(clean).toMatchObject({ status: 'pass', summary: 'No validation issues found.', problems: [], notes: [] });
  });

  it('IST0159 explains that the newer Telemetry wins', () => {
    const item = run([{ ...IST0160, code: 'IST0159' }]);
    expect(item.problems[0]?.cause).toMatch(/oldest first \(by creationTimestamp\), so the newer one wins/);
    expect(item.problems[0]?.fix).toMatch(/one Telemetry with a selector/);
  });

  it('IST0160 names the Istio version the rules come from and what to use for a Gateway on 1.22–1.23', () => {
    const at = (version: string) => {
      const versioned = operatorSaas({ istio: { version } });
      return checkAnalyze([IST0160], false, versioned, verifyTargetOf(versioned)).problems[0];
    };
    expect(at('1.26.1')?.cause).toContain('which istiod 1.26.1 applies only to what they target');
    expect(at('1.23.2')?.cause).toContain('istiod 1.23.2 uses only the oldest');
    expect(at('1.23.2')?.fix).toMatch(/use Istio 1.24 or later/);
  });
});
