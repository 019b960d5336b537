import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { checkLog } from './check-logs';
import { verifyTargetOf } from './target';

/*
 * How a log's lines become problems, notes and counts. Lines in istio's text format ("<RFC3339 time>\t<level>\t[<scope>\t]
 * <msg>", istio/istio pkg/log/config.go defaultEncoderConfig, 1.22.0–1.30.3) and Envoy's through the istio-proxy
 * (tools/packaging/common/envoy_bootstrap.json text_format), messages from the sources cited in log-knowledge.ts:
 * pilot/pkg/networking/core/tracing.go "Not able to configure requested tracing provider %q: %v",
 * pkg/xds/server.go "ADS:%s: ACK ERROR %s %s:%s", pkg/config/mesh/watcher.go "failed to read mesh configuration, using
 * default: %v" and "mesh configuration updated to: %s", envoy http_trace_exporter.cc "OTLP HTTP exporter received a
 * non-success status code: {} while exporting the OTLP message", sampler_config_provider.cc "Stopped to query sampling
 * configuration from Dynatrace.".
 */

const operator = operatorSaas();
const saas = standalone('saas');
const istiod = (lines: string[], model = operator) => checkLog(lines, 'istiod', model, verifyTargetOf(model));
const proxy = (lines: string[], model = operator) => checkLog(lines, 'proxy', model, verifyTargetOf(model));

const notAble = (provider: string, time = '2026-11-26T10:00:12.118031Z') =>
  `${time}\twarn\tNot able to configure requested tracing provider "${provider}": could not find cluster for tracing provider "service:\\"dynakube-telemetry-ingest.dynatrace.svc.cluster.local\\" port:4318": could not find service dynakube-telemetry-ingest.dynatrace.svc.cluster.local in namespace dynatrace`;
const exportStatus = (status: number) =>
  `2026-11-26T10:03:07.551902Z\terror\tenvoy tracing external/envoy/source/extensions/tracers/opentelemetry/http_trace_exporter.cc:89\tOTLP HTTP exporter received a non-success status code: ${status} while exporting the OTLP message\tthread=21`;
const nack = (type: string) =>
  `2026-12-06T09:14:08.096984Z\twarn\tads\tADS:${type}: ACK ERROR productpage-v1-6f9d6b8c7-4xk2p.bookinfo-17 Internal:Error adding/updating listener(s) virtualOutbound: Didn't find a registered implementation for 'envoy.tracers.opentelemetry.samplers.dynatrace'`;
const meshDefault =
  '2026-12-06T09:14:08.096984Z\twarn\tfailed to read mesh configuration, using default: failed to convert to proto.: unknown field "extensionProvider" in istio.mesh.v1alpha1.MeshConfig';
const meshUpdated = '2026-12-06T09:14:20.742460Z\tinfo\tmesh configuration updated to: {';
const info = '2026-11-26T09:58:01.563981Z\tinfo\tads\tAll caches have been synced up in 452.1ms, marking server ready';
const unknownError = (n: number) =>
  `2026-11-26T10:00:13.44182${n}Z\terror\tklog\tfailed to list *v1.Namespace ${n}: the server has asked for the client to provide credentials`;

describe('checkLog: problems and how often they were seen', () => {
  it('one line seen twice is one problem counted ×2; the summary counts problems and non-empty lines', () => {
    const item = istiod([
      info,
      notAble('dynatrace-otel'),
      '',
      notAble('dynatrace-otel', '2026-11-26T10:00:12.118090Z'),
    ]);
    expect(item.id).toBe('istiod.log');
    expect(item.status).toBe('fail');
    expect(item.problems.map((problem) => problem.code)).toEqual(['istiod.provider-cluster-missing']);
    expect(item.problems[0]?.message).toMatch(/^2026-11-26T10:00:12\.118031Z\twarn\tNot able to configure/);
    expect(item.problems[0]?.message).toMatch(/ \(×2\)$/);
    expect(item.problems[0]?.fix).toBeDefined();
    expect(item.summary).toBe('1 known problem in 3 lines.');
    expect(item.notes).toEqual([]);
  });

  it('a line seen once carries no count; different details are different problems', () => {
    const item = proxy([exportStatus(401), exportStatus(503)], saas);
    expect(item.id).toBe('proxy.log');
    expect(item.problems.map((problem) => problem.code)).toEqual(['proxy.export-status', 'proxy.export-status']);
    expect(item.problems[0]?.message).toContain('status code: 401 while exporting');
    expect(item.problems[0]?.message).not.toContain('×');
    expect(item.problems[1]?.message).toContain('status code: 503 while exporting');
    expect(item.summary).toBe('2 known problems in 2 lines.');
  });

  it('a line matches its first pattern only: the missing cluster is not also reported as "not configured"', () => {
    const item = istiod([notAble('dynatrace-otel')]);
    expect(item.problems.map((problem) => problem.code)).toEqual(['istiod.provider-cluster-missing']);
    expect(item.notes).toEqual([]);
  });

  it('a line about another provider is a note naming that, never a problem', () => {
    const item = istiod([notAble('zipkin')]);
    expect(item.status).toBe('pass');
    expect(item.problems).toEqual([]);
    expect(item.notes).toEqual([
      {
        code: 'istiod.provider-cluster-missing.other-provider',
        message: expect.stringContaining('tracing provider "zipkin"'),
        cause: 'This line is about another provider, not the one the wizard set up.',
      },
    ]);
    expect(item.summary).toBe('No known problem in 1 line.');
  });

  it('a rejected route is expected (a note with its own reason); a rejected listener fails', () => {
    const routes = istiod([nack('RDS')]);
    expect(routes.status).toBe('pass');
    expect(routes.notes).toEqual([
      {
        code: 'istiod.proxy-rejected-config.expected',
        message: expect.stringContaining('ADS:RDS: ACK ERROR'),
        cause: 'Routes, endpoints or secrets were rejected, not listeners or clusters: the tracer is not in them.',
      },
    ]);
    const listeners = istiod([nack('LDS')]);
    expect(listeners.status).toBe('fail');
    expect(listeners.problems[0]?.code).toBe('istiod.proxy-rejected-config');
    expect(listeners.problems[0]?.cause).toMatch(
      /^the proxy productpage-v1-6f9d6b8c7-4xk2p\.bookinfo rejected the tracer/,
    );
  });

  it("the sampler's single stop in Operator mode is expected, with the default reason; in standalone SaaS it fails", () => {
    const stopped =
      '2026-11-26T10:02:50.402281Z\terror\tenvoy tracing external/envoy/source/extensions/tracers/opentelemetry/samplers/dynatrace/sampler_config_provider.cc:87\tStopped to query sampling configuration from Dynatrace.\tthread=14';
    const expected = proxy([stopped]);
    expect(expected.status).toBe('pass');
    expect(expected.notes).toEqual([
      {
        code: 'proxy.sampler-stopped.expected',
        message: expect.stringContaining('Stopped to query sampling configuration'),
        cause:
          'Expected in this setup: the sampler asks the collector, which has no sampling configuration, once, and keeps its fallback rate.',
      },
    ]);
    const failing = proxy([stopped], saas);
    expect(failing.status).toBe('fail');
    expect(failing.problems[0]?.code).toBe('proxy.sampler-stopped');
  });
});

describe('checkLog: a later line that says the cause is gone', () => {
  it('"mesh configuration updated" after the unread mesh config turns it into a resolved note', () => {
    const item = istiod([meshDefault, meshDefault, info, meshUpdated]);
    expect(item.status).toBe('pass');
    expect(item.problems).toEqual([]);
    expect(item.notes).toHaveLength(1);
    expect(item.notes[0]).toMatchObject({
      code: 'istiod.mesh-config-unread.resolved',
      cause:
        'istiod read a mesh config after this line ("mesh configuration updated to"): the problem was fixed since.',
    });
    expect(item.notes[0]?.message).toMatch(/using default: .* \(×2\)$/);
    expect(item.summary).toBe('No known problem in 4 lines.');
  });

  it('the unread mesh config after the update still fails, and so does one with no update at all', () => {
    const broken = istiod([meshUpdated, meshDefault]);
    expect(broken.status).toBe('fail');
    expect(broken.problems.map((problem) => problem.code)).toEqual(['istiod.mesh-config-unread']);
    expect(broken.problems[0]?.cause).toMatch(/so it runs on the default mesh config/);
    const again = istiod([meshDefault, meshUpdated, meshDefault]);
    expect(again.status).toBe('fail');
    // On the first line (index 0), with nothing after it.
    const alone = istiod([meshDefault]);
    expect(alone.status).toBe('fail');
    expect(alone.notes).toEqual([]);
  });

  it('an update line resolves only the mesh config problem, not others in the same log', () => {
    const item = istiod([notAble('dynatrace-otel'), meshUpdated]);
    expect(item.status).toBe('fail');
    expect(item.problems.map((problem) => problem.code)).toEqual(['istiod.provider-cluster-missing']);
    expect(item.notes).toEqual([]);
  });
});

describe('checkLog: error lines no pattern knows are listed, never dropped', () => {
  it('one unknown error line is a note quoting it', () => {
    const item = istiod([info, unknownError(1)]);
    expect(item.status).toBe('pass');
    expect(item.notes).toEqual([
      {
        code: 'log.unrecognised',
        message: `1 error line not recognised: ${unknownError(1)}`,
      },
    ]);
  });

  it('lists at most eight and says there are more; warnings and known error lines are not listed', () => {
    const errors = Array.from({ length: 9 }, (_, n) => unknownError(n));
    const item = istiod([...errors, exportStatus(401), info.replace('\tinfo\t', '\twarn\t')], saas);
    const note = item.notes.find((candidate) => candidate.code === 'log.unrecognised');
    expect(note?.message).toBe(`9 error lines not recognised: ${errors.slice(0, 8).join(' | ')} …`);
    const eight = istiod(errors.slice(0, 8)).notes[0]?.message;
    expect(eight).toBe(`8 error lines not recognised: ${errors.slice(0, 8).join(' | ')}`);
  });

  it('Envoy default-format error lines count too; info lines never do', () => {
    const envoy = '[2026-12-06 09:14:09.234][14][error][config] [source/common/foo.cc:12] something unknown broke';
    expect(proxy([envoy]).notes.map((note) => note.code)).toEqual(['log.unrecognised']);
    expect(proxy([info]).notes).toEqual([]);
  });

  it('cuts a long known line at 400 characters and a long unknown one at 300', () => {
    const long = `${exportStatus(401)} ${'x'.repeat(600)}`;
    expect(proxy([long], saas).problems[0]?.message).toHaveLength(400);
    const unknown = `${unknownError(1)} ${'y'.repeat(600)}`;
    expect(istiod([unknown]).notes[0]?.message).toBe(`1 error line not recognised: ${unknown.slice(0, 300)}`);
  });

  it('a multi-line entry (read-log.ts joins its continuation lines with "\\n") is quoted on one line', () => {
    // pkg/xds/server.go: a NACK's Envoy reason may span lines; a multierror lists its errors one per line.
    const multi = `${nack('LDS')}\n\t* second reason`;
    expect(istiod([multi]).problems[0]?.message).toMatch(/samplers\.dynatrace' second reason$/);
    const unknown = `${unknownError(1)}\n  caused by: x`;
    expect(istiod([unknown]).notes[0]?.message).toBe(`1 error line not recognised: ${unknownError(1)} caused by: x`);
  });

  it('an empty log has no problem and says so', () => {
    expect(istiod([])).toMatchObject({ status: 'pass', summary: 'No known problem in 0 lines.', notes: [] });
    // Lines of spaces or tabs are not counted.
    expect(istiod([info, '   ', '\t']).summary).toBe('No known problem in 1 line.');
  });
});
