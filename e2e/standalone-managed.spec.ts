import { expect, test } from './fixtures';
import { parse, parseAllDocuments } from 'yaml';
import { defaultModel } from '../src/core';
import { downloadAll, expectStep, next, previewText, SAMPLE_TOKEN, openWizard } from './helpers';

test('standalone on Managed with the token in the mesh config (Istio 1.24)', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.24.3');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await expect(page.getByText('Standalone mode has no Kubernetes metadata')).toBeVisible();
  await next(page);

  await expectStep(page, 'Configuration');
  await page.getByLabel('Managed', { exact: true }).check();
  await page.getByLabel('Environment ID').fill('xyz98765');
  await page.getByLabel('Managed cluster host').fill('dynatrace.corp.example');
  await page.getByLabel('Dynatrace cluster ID').fill('123456');
  await expect(page.getByLabel('In a Kubernetes Secret that istiod reads (Istio 1.26+)')).toBeDisabled();
  await expect(page.getByLabel('Recommended for Istio 1.24.3 (now: the mesh config)')).toBeChecked();
  await expect(page.getByText('never leaves this page')).toBeVisible();
  const token = page.getByLabel('API token');
  await expect(token).toHaveAttribute('type', 'password');
  await token.fill(SAMPLE_TOKEN);
  await next(page);

  await expectStep(page, 'Mesh config');
  await expect(page.getByText('This file contains your API token')).toBeVisible();
  const shown = await previewText(page, 'meshconfig.yaml');
  expect(shown).not.toContain(SAMPLE_TOKEN);
  expect(shown).toContain('path: /e/xyz98765/api/v2/otlp/v1/traces');
  await next(page);

  await expectStep(page, 'Service entry');
  const entry = await previewText(page, 'dt-serviceentry.yaml');
  expect(entry).toContain('dynatrace.corp.example');
  await next(page);
  await next(page);

  await expectStep(page, 'Verify');
  await expect(page.getByText('meshconfig.yaml contains your API token')).toBeVisible();
  const files = await downloadAll(page);
  expect(Object.keys(files).sort()).toEqual([
    'README.md',
    'apply.sh',
    'collect.sh',
    'dt-serviceentry.yaml',
    'dt-telemetry.yaml',
    'meshconfig.yaml',
  ]);
  const otel = parse(files['meshconfig.yaml']!).spec.meshConfig.extensionProviders[0].opentelemetry;
  expect(otel.service).toBe('istio-system/dynatrace.corp.example');
  expect(otel.http.headers).toEqual([{ name: 'Authorization', value: `Api-Token ${SAMPLE_TOKEN}` }]);
  expect(otel.dynatrace_sampler).toMatchObject({ tenant: 'xyz98765', cluster_id: 123456 });
  expect(otel.dynatrace_sampler.http_service.http.path).toBe('/e/xyz98765/api/v2/samplingConfiguration');
  const [serviceEntry, rule] = parseAllDocuments(files['dt-serviceentry.yaml']!).map((doc) => doc.toJS());
  expect(serviceEntry.spec.hosts).toEqual(['dynatrace.corp.example']);
  expect(rule.spec.host).toBe('dynatrace.corp.example');
  for (const name of ['apply.sh', 'dt-serviceentry.yaml', 'dt-telemetry.yaml'])
    expect(files[name]).not.toContain(SAMPLE_TOKEN);
});

test('standalone on the default Istio (1.26 or later) keeps the token out of every file by default', async ({
  page,
}) => {
  await openWizard(page, './');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-5');
  await expect(
    page.getByLabel(`Recommended for Istio ${defaultModel.istio.version} (now: a Kubernetes Secret)`),
  ).toBeChecked();
  await expect(page.getByLabel('API token')).toHaveCount(0);
  for (let i = 0; i < 4; i++) await next(page);
  await expectStep(page, 'Verify');
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).toContain('env_name: DYNATRACE_API_TOKEN');
  expect(files['apply.sh']).toContain('create secret generic dynatrace-otel-token');
});
