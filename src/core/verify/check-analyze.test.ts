import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../__fixtures__/models';
import { checkAnalyze } from './check-analyze';
import type { AnalyzeMessage } from './recognise';
import { verifyTargetOf } from './target';

/* istioctl analyze's Telemetry codes, explained by what istiod does (facts §12). */

const message = (code: string, level = 'Error', origin = 'Telemetry istio-system/a'): AnalyzeMessage => ({
  level,
  code,
  origin,
  text: `Telemetries [istio-system/a istio-system/b] in namespace "istio-system" ...`,
});
const run = (messages: AnalyzeMessage[], version = '1.26') => {
  const model = operatorSaas({ istio: { version } });
  return checkAnalyze(messages, false, model, verifyTargetOf(model));
};

describe('istioctl analyze explanations', () => {
  it('IST0157 concerns access logging only: a note, never a tracing problem', () => {
    const item = run([message('IST0157', 'Warning')]);
    expect(item.problems).toEqual([]);
    expect(item.notes[0]?.cause).toMatch(/access log/i);
    expect(item.notes[0]?.cause).toMatch(/not tracing/);
    const asError = run([message('IST0157', 'Error')]);
    expect(asError.problems).toEqual([]);
  });

  it('IST0159: the newer Telemetry wins, which the analyzer calls undefined', () => {
    const item = run([message('IST0159')]);
    expect(item.problems[0]?.cause).toMatch(/newer one wins/);
    expect(item.problems[0]?.cause).not.toMatch(/^.*which settings win is not defined/);
  });

  it('IST0160 from 1.24: may be a false alarm for targetRefs Telemetries, and never advises merging them namespace-wide', () => {
    const item = run([message('IST0160')], '1.24.0');
    expect(item.problems[0]?.cause).toMatch(/false alarm/);
    expect(item.problems[0]?.fix).toMatch(/Never merge a Gateway-, waypoint- or Service-targeted Telemetry/);
  });

  it('IST0160 on 1.22–1.23: a targetRefs-only Telemetry really is namespace-wide, so the conflict is real', () => {
    const item = run([message('IST0160')], '1.23.2');
    expect(item.problems[0]?.cause).toMatch(/real conflict/);
    expect(item.problems[0]?.cause).not.toMatch(/false alarm/);
  });
});
