import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import { fixture } from './__fixtures__/read-fixture';
import { diagnose } from './diagnose';
import { runs } from '../../test-setup/runs';

const FIXTURES = [
  'mesh-configmap.pass.yaml',
  'mesh-data.pass.txt',
  'telemetry-list.overridden.yaml',
  'istiod.cluster-missing.log',
  'proxy-clusters.operator.pass.json',
  'proxy-listeners.operator.pass.json',
  'proxy-log.standalone.401.log',
  'dynakube.pass.yaml',
  'analyze.conflicts.txt',
].map(fixture);

// Realistic texts cut, spliced and sprinkled with YAML/JSON syntax: the shapes a hurried paste takes.
const mangled = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.nat(),
    fc.nat(),
    fc.string({ unit: fc.constantFrom(':', '-', '[', '{', '"', '\n', '\t', ' ', '*', '&', '|', 'a') }),
  )
  .map(([text, start, length, noise]) => {
    const from = start % (text.length + 1);
    return `${text.slice(0, from)}${noise}${text.slice(from + (length % 200))}`;
  });

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), mangled, fc.json());

describe('diagnose never throws', () => {
  it('answers every pasted text with a full checklist', () => {
    const models = [operatorSaas(), standalone('managed')];
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 3 }), fc.nat(1), (texts, which) => {
        const model = models[which]!;
        const diagnosis = diagnose(
          texts.map((text, index) => ({ name: `paste ${index + 1}`, text })),
          model,
        );
        expect(diagnosis.items.length).toBeGreaterThanOrEqual(11);
        expect(diagnosis.inputs.every((input) => input.kind !== 'unknown' || (input.problem ?? '') !== '')).toBe(true);
        for (const item of diagnosis.items) {
          expect(['pass', 'fail', 'not-checked']).toContain(item.status);
          expect(item.status === 'fail').toBe(item.problems.length > 0);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('never returns a token that was pasted', () => {
    fc.assert(
      fc.property(mangled, fc.nat(), (text, at) => {
        const where = at % (text.length + 1);
        const pasted = `${text.slice(0, where)} Api-Token ${SAMPLE_TOKEN} ${text.slice(where)}`;
        const answer = JSON.stringify(diagnose([{ name: 'p', text: pasted }], standalone('saas')));
        expect(answer).not.toContain(SAMPLE_TOKEN.slice(7));
      }),
      { numRuns: runs(200) },
    );
  });
});
