// `npm run mutate [-- module[:lines]… [stryker flags…]]`: mutation testing, one module at a time, each against its own
// tests (the test files beside it plus the related ones listed below), so a run fits a small, shared machine.
// Without a module it measures every module in MEASURED. Flags (anything starting with --) go to Stryker as they are,
// e.g. `--incremental` to re-test only what changed since the last run of that module.
// Prints each module's score as MUTATION.md counts it: killed / (killed + survived + timed out + not covered).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The modules MUTATION.md reports on, measured when no module is named. */
const MEASURED = [
  'src/core/endpoints.ts',
  'src/core/share-link.ts',
  'src/core/merge/read-existing.ts',
  'src/core/merge/upsert-list-item.ts',
  'src/core/merge/merge-provider.ts',
  'src/core/merge/telemetry/tracing-edit.ts',
  'src/core/merge/telemetry/apply-tracing-edits.ts',
  'src/core/merge/telemetry/merge-telemetry.ts',
  'src/core/merge/telemetry/read-telemetries.ts',
  'src/core/merge/telemetry/telemetry-traps.ts',
  'src/core/map/tracing-map.ts',
  'src/core/verify/check-analyze.ts',
  'src/core/verify/check-logs.ts',
  'src/core/verify/check-dynakube.ts',
  'src/core/verify/check-mesh-config.ts',
  'src/core/verify/check-proxy.ts',
  'src/core/verify/check-telemetry.ts',
  'src/core/istiod/tracing-rules.ts',
  'src/core/istiod/telemetry-attachment.ts',
  'src/core/istiod/telemetry-order.ts',
  'src/core/istiod/mesh-providers.ts',
  'src/core/istiod/merge-target.ts',
  'src/core/istiod/scope-proxy.ts',
  'src/core/istiod/istiod-version.ts',
  'src/core/setup/resolved-setup.ts',
  'src/core/findings.ts',
  'src/core/verify/trace-path.ts',
];

/**
 * The verify checks: the corpus of real-format cluster outputs (run through `npm run verify`'s entry) and the tests
 * that assert a check's result through `diagnose`.
 */
const VERIFY_CHECK_TESTS = [
  'src/cli/verify-corpus.test.ts',
  'src/core/verify/checks.test.ts',
  'src/core/verify/diagnose.test.ts',
];

// The Telemetry merge's tests (merge-telemetry.test.ts, merge-telemetry.*.test.ts): its helpers are stated through it.
const TELEMETRY_MERGE_TESTS = testsBeside('src/core/merge/telemetry/merge-telemetry.ts');

// The istiod rules' behaviour is stated by istiod's own test tables (upstream-cases) and the rules' tests.
const ISTIOD_RULES_TESTS = ['src/core/istiod/tracing-rules.test.ts', 'src/core/istiod/upstream-cases.test.ts'];

/** Tests elsewhere that state a module's behaviour, run in addition to the ones beside it. */
const RELATED_TESTS = {
  'src/core/verify/check-analyze.ts': VERIFY_CHECK_TESTS,
  'src/core/verify/check-logs.ts': VERIFY_CHECK_TESTS,
  'src/core/verify/check-dynakube.ts': VERIFY_CHECK_TESTS,
  'src/core/verify/check-mesh-config.ts': VERIFY_CHECK_TESTS,
  'src/core/verify/check-proxy.ts': VERIFY_CHECK_TESTS,
  'src/core/verify/check-telemetry.ts': VERIFY_CHECK_TESTS,
  'src/core/endpoints.ts': ['src/core/form-fills.test.ts'],
  'src/core/merge/read-existing.ts': ['src/core/merge/hardening.test.ts'],
  'src/core/merge/merge-provider.ts': [
    'src/core/merge/adversarial.test.ts',
    'src/core/merge/hardening.test.ts',
    'src/core/merge/merge-sail.test.ts',
    'src/core/merge/merge.properties.test.ts',
  ],
  'src/core/merge/telemetry/tracing-edit.ts': TELEMETRY_MERGE_TESTS,
  'src/core/merge/telemetry/apply-tracing-edits.ts': TELEMETRY_MERGE_TESTS,
  'src/core/merge/telemetry/read-telemetries.ts': TELEMETRY_MERGE_TESTS,
  'src/core/merge/telemetry/telemetry-traps.ts': TELEMETRY_MERGE_TESTS,
  'src/core/istiod/tracing-rules.ts': ISTIOD_RULES_TESTS,
  'src/core/istiod/telemetry-attachment.ts': ISTIOD_RULES_TESTS,
  'src/core/istiod/telemetry-order.ts': ISTIOD_RULES_TESTS,
  'src/core/istiod/mesh-providers.ts': [...ISTIOD_RULES_TESTS, 'src/core/merge/merge-provider.duplicates.test.ts'],
  'src/core/istiod/istiod-version.ts': ISTIOD_RULES_TESTS,
  'src/core/istiod/merge-target.ts': ['src/core/merge/telemetry/merge-telemetry.rules.test.ts'],
  // The wizard's findings: the ambient, TLS, install-path and real-mesh tests assert them too.
  'src/core/findings.ts': [
    'src/core/ambient-findings.test.ts',
    'src/core/generate/tenant-tls.test.ts',
    'src/core/generate/install-paths.test.ts',
    'src/core/real-meshes.test.ts',
  ],
  'src/core/verify/trace-path.ts': ['src/core/verify/draft-trace-path.test.ts', ...VERIFY_CHECK_TESTS],
  'src/core/istiod/scope-proxy.ts': [
    'src/core/merge/telemetry/merge-telemetry.rules.test.ts',
    'src/core/verify/check-telemetry.test.ts',
  ],
};

/** `dir/name.ts` → `dir/name.test.ts` and `dir/name.*.test.ts`, the tests beside it. */
function testsBeside(module) {
  const dir = dirname(module);
  const name = basename(module).replace(/\.tsx?$/, '');
  return readdirSync(join(root, dir))
    .filter((file) =>
      new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.[^.]+)*\\.test\\.tsx?$`).test(file),
    )
    .map((file) => join(dir, file));
}

function testsFor(module) {
  const tests = [...new Set([...testsBeside(module), ...(RELATED_TESTS[module] ?? [])])];
  for (const test of tests) if (!existsSync(join(root, test))) throw new Error(`${module}: no test file ${test}`);
  return tests;
}

function score(reportFile, module) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const counts = {};
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (relative(root, resolve(root, file)) !== module) continue;
    for (const { status } of mutants) counts[status] = (counts[status] ?? 0) + 1;
  }
  const killed = counts.Killed ?? 0;
  const notKilled = (counts.Survived ?? 0) + (counts.Timeout ?? 0) + (counts.NoCoverage ?? 0);
  const percent = killed + notKilled === 0 ? 100 : (100 * killed) / (killed + notKilled);
  return { percent, counts };
}

const args = process.argv.slice(2);
// A module is a .ts path (with an optional line range); everything else is Stryker's, in order (`--checkers ""`).
const isModule = (arg) => /\.tsx?(:[\d:-]+)?$/.test(arg) && !arg.startsWith('-');
const flags = args.filter((arg) => !isModule(arg));
const targets = args.filter(isModule);
const modules = targets.length > 0 ? targets : MEASURED;

// Other work shares the CPU: Stryker and the test runners it starts inherit a lower priority.
try {
  setPriority(10);
} catch {
  // not permitted here: run at normal priority
}

const results = [];
for (const target of modules) {
  // `file.ts:10-40` mutates only those lines (Stryker's mutation range); the tests are the file's.
  const module = relative(root, resolve(root, target.replace(/:[\d:-]+$/, '')));
  if (!existsSync(join(root, module))) {
    console.error(`mutate: no such module ${module}`);
    process.exit(2);
  }
  const tests = testsFor(module);
  if (tests.length === 0) {
    console.error(`mutate: ${module} has no tests beside it and none listed in scripts/mutate.mjs`);
    process.exit(2);
  }
  const reportName = module
    .replace(/^src\//, '')
    .replace(/\.tsx?$/, '')
    .replaceAll('/', '-');
  console.log(`\nmutate: ${target}\n  tests: ${tests.join(', ')}\n`);
  // The type checker sees the module and its tests (and what they import), not the files that import the module:
  // a mutant is then re-checked in seconds instead of re-checking half the core. Written for this run only.
  const tsconfig = `tsconfig.mutate.${reportName}.json`;
  writeFileSync(
    join(root, tsconfig),
    `${JSON.stringify({ extends: './tsconfig.mutate.json', include: [], files: [module, ...tests] })}\n`,
  );
  const stryker = join(root, 'node_modules', '.bin', 'stryker');
  let run;
  try {
    run = spawnSync(
      stryker,
      ['run', 'stryker.config.mjs', '--mutate', target, '--testFiles', tests.join(','), ...flags],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          MUTATE_REPORT_NAME: reportName,
          MUTATE_TSCONFIG: tsconfig,
          // Every mutant re-runs the tests: property tests draw at most this many cases (src/test-setup/runs.ts).
          FC_RUNS_CAP: process.env.FC_RUNS_CAP ?? '50',
        },
      },
    );
  } finally {
    rmSync(join(root, tsconfig), { force: true });
  }
  if (run.status !== 0) {
    console.error(`mutate: Stryker failed on ${target} (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
  const reportFile = join(root, 'reports', 'mutation', `${reportName}.json`);
  results.push({
    target,
    report: relative(root, reportFile).replace(/\.json$/, '.html'),
    ...score(reportFile, module),
  });
}

console.log('\nmutate: score = killed / (killed + survived + timed out + no coverage)');
for (const { target, report, percent, counts } of results) {
  const detail = Object.entries(counts)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  console.log(`  ${percent.toFixed(1).padStart(5)} %  ${target}  (${detail})  ${report}`);
}
