/*
 * Figure 7: the verifier on the largest outputs people paste, a 2 MB istiod log and a proxy-config dump of 5,000
 * clusters, against the floor of merely splitting the log into lines / JSON.parse of the dump. Issue 23 asks for an
 * answer within 1 s. Run alone with `npx tsx bench/verify.ts`; npm run bench includes it. Nothing asserts a time.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnose, validateModel } from '../src/core/runtime';
import { OPERATOR_TYPICAL } from './fixtures';

const FIXTURES = resolve(import.meta.dirname, '../src/core/verify/__fixtures__');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** About 2 MB of a busy istiod's log: pushes for many proxies, with the lines the checker looks for among them. */
export function busyIstiodLog(bytes = 2 * 1024 * 1024): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const time = `2026-12-06T09:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:${String(Math.floor(i / 100) % 60).padStart(2, '0')}.${String((i * 7919) % 1000000).padStart(6, '0')}Z`;
    const pod = `app-${i % 400}-6f9d6b8c7-4xk2p.shop-${i % 20}`;
    const line =
      i % 500 === 7
        ? `${time}\twarn\tads\tADS:RDS: ACK ERROR ${pod}-${i} Internal:Only unique values for domains are permitted`
        : i % 3 === 0
          ? `${time}\tinfo\tads\tLDS: PUSH for node:${pod} resources:29 size:152.4kB`
          : i % 3 === 1
            ? `${time}\tinfo\tads\tEDS: PUSH request for node:${pod} resources:41 size:12.8kB empty:0 cached:41/41 filtered:0`
            : `${time}\tinfo\tads\tPush debounce stable[${i}] 2 for config ServiceEntry/shop-${i % 20}/ext: 100.4ms since last change, full=true`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** istioctl proxy-config cluster … -o json with `count` clusters, built from a real sidecar's clusters. */
export function largeClusterDump(count = 5000): string {
  const real = JSON.parse(readFileSync(join(FIXTURES, 'proxy-clusters.operator.pass.json'), 'utf8')) as Record<
    string,
    unknown
  >[];
  const outbound = real.filter((cluster) => String(cluster.name).startsWith('outbound|'));
  const clusters = Array.from({ length: count }, (_, i) => {
    const template = outbound[i % outbound.length]!;
    const name = `outbound|${8000 + (i % 100)}||svc-${i}.shop-${i % 20}.svc.cluster.local`;
    return JSON.parse(JSON.stringify(template).replaceAll(String(template.name), name)) as unknown;
  });
  clusters.push(...real);
  return `${JSON.stringify(clusters, null, 2)}\n`;
}

function time(work: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples.slice(1));
}

export function benchVerify() {
  const validation = validateModel(OPERATOR_TYPICAL);
  if (!validation.ok) throw new Error('bench model invalid');
  const model = validation.model;
  const log = busyIstiodLog();
  const dump = largeClusterDump();
  const check = (name: string, text: string) => {
    const diagnosis = diagnose([{ name, text }], model);
    if (diagnosis.inputs.some((input) => input.kind === 'unknown')) throw new Error(`${name} not read`);
    return diagnosis;
  };
  const logMs = time(() => check('istiod.log', log), 7);
  const logFloorMs = time(() => log.split('\n'), 7);
  const dumpMs = time(() => check('clusters.json', dump), 7);
  const dumpFloorMs = time(() => JSON.parse(dump), 7);
  return {
    logBytes: Buffer.byteLength(log),
    logMs: round(logMs),
    logFloorMs: round(logFloorMs),
    dumpBytes: Buffer.byteLength(dump),
    dumpClusters: 5000,
    dumpMs: round(dumpMs),
    dumpFloorMs: round(dumpFloorMs),
    budgetMs: 1000,
  };
}

if (process.argv[1]?.endsWith('verify.ts')) console.log(JSON.stringify(benchVerify(), null, 2));
