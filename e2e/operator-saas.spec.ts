import { expect, test } from './fixtures';
import { mkdirSync } from 'node:fs';
import { parse } from 'yaml';
import {
  downloadAll,
  expectStep,
  forbidForeignRequests,
  next,
  previewText,
  waitForMonaco,
  openWizard,
} from './helpers';

test('a new user goes from nothing to the Operator/SaaS files and checks', async ({ page }) => {
  const foreign = await forbidForeignRequests(page);
  // The README's screenshots are tracked files: they are rewritten only on request (npm run screenshots), so a
  // test run leaves the checkout as it was.
  const shots = process.env.UPDATE_SCREENSHOTS ? (process.env.SCREENSHOT_DIR ?? 'docs/screenshots') : undefined;
  if (shots) mkdirSync(shots, { recursive: true });
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  await openWizard(page, './');
  await expectStep(page, 'Requirements');
  await page
    .getByLabel('Paste the output of istioctl version (optional)')
    .fill('client version: 1.28.1\ncontrol plane version: 1.27.2\ndata plane version: 1.27.2 (8 proxies)');
  await expect(page.getByLabel('Istio version')).toHaveValue('1.27.2');
  await expect(page.getByLabel('Through Dynatrace Operator (recommended)')).toBeChecked();
  await shot('1-requirements');
  await next(page);

  await expectStep(page, 'Configuration');
  await page
    .getByLabel('Environment URL (optional, fills the fields below)')
    .fill('https://abc12345.live.dynatrace.com/');
  await expect(page.getByLabel('Environment ID')).toHaveValue('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-1743916452');
  await page.getByLabel('DynaKube name', { exact: true }).fill('prod-dk');
  await shot('2-configuration');
  await next(page);

  await expectStep(page, 'Mesh config');
  await waitForMonaco(page, 'meshconfig.yaml');
  const mesh = await previewText(page, 'meshconfig.yaml');
  expect(mesh).toContain('service: prod-dk-telemetry-ingest.dynatrace.svc.cluster.local');
  expect(mesh).toContain('cluster_id: -1743916452');
  await shot('3-mesh-config');
  await page.getByLabel('Helm values for the istiod chart').check();
  await expect.poll(() => previewText(page, 'meshconfig.yaml')).toMatch(/^meshConfig:/);
  await next(page);

  await expectStep(page, 'Service entry');
  await expect(page.getByTestId('no-service-entry')).toContainText('No action needed');
  await shot('4-service-entry');
  await next(page);

  await expectStep(page, 'Telemetry');
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('name: dynatrace-otel');
  await shot('5-telemetry');
  await next(page);

  await expectStep(page, 'Verify');
  await expect(page.getByText('istiod configured the tracer')).toBeVisible();
  await shot('6-verify');
  const files = await downloadAll(page);
  expect(Object.keys(files).sort()).toEqual([
    'README.md',
    'apply.sh',
    'collect.sh',
    'dt-telemetry.yaml',
    'meshconfig.yaml',
  ]);
  const values = parse(files['meshconfig.yaml']!);
  expect(values.meshConfig.extensionProviders[0]).toEqual({
    name: 'dynatrace-otel',
    opentelemetry: {
      port: 4318,
      service: 'prod-dk-telemetry-ingest.dynatrace.svc.cluster.local',
      http: { path: '/v1/traces', timeout: '10s' },
      resource_detectors: { dynatrace: {} },
      dynatrace_sampler: { tenant: 'abc12345', cluster_id: -1743916452 },
    },
  });
  expect(parse(files['dt-telemetry.yaml']!).spec.tracing[0].providers[0].name).toBe('dynatrace-otel');
  // Pinned to the chart the release already runs (helm-upgrade.ts), never the newest in the repository.
  expect(files['apply.sh']).toContain(
    'helm upgrade istiod istio/istiod -n istio-system --version "$ISTIOD_CHART_VERSION" --reuse-values -f meshconfig.yaml',
  );
  expect(files['apply.sh']).toContain("helm list -n istio-system -f '^istiod$' -o json");
  expect(foreign).toEqual([]);
});
