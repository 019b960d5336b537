import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { downloadAll, downloadText, expectStep, next, openWizard, SAMPLE_TOKEN, toMeshConfigStep } from './helpers';

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

test('merging into a commented IstioOperator with two other providers adds only the provider', async ({ page }) => {
  await toMeshConfigStep(page);
  await page.getByLabel('Helm values for the istiod chart').check();
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('merge-format')).toContainText('IstioOperator (spec.meshConfig)');
  await expect(page.getByLabel('istioctl with an IstioOperator file')).toBeChecked();
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  await expect(page.locator('[data-finding="other-tracing-jaeger"]')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  const merged = await downloadText(download);
  const doc = parse(merged);
  expect(doc.spec.meshConfig.extensionProviders.map((p: { name: string }) => p.name)).toEqual([
    'jaeger',
    'otel-als',
    'dynatrace-otel',
  ]);
  expect(doc.spec.meshConfig.extensionProviders[2].opentelemetry.dynatrace_sampler).toEqual({
    tenant: 'abc12345',
    cluster_id: -1743916452,
  });
  for (const comment of [
    '# Production mesh: owned by the platform team.',
    '# Jaeger, for the dev teams',
    '# access logs to the collector',
    '# end of providers',
    '# keep the name stable',
  ]) {
    expect(merged).toContain(comment);
  }
  expect(merged.startsWith(ISTIO_OPERATOR.split('            - name: jaeger')[0]!)).toBe(true);

  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Verify');
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).toBe(merged);
  expect(files['apply.sh']).toContain('istioctl install -f meshconfig.yaml');
});

test('garbage gets a message with line and column, and the pasted text stays untouched', async ({ page }) => {
  await toMeshConfigStep(page);
  const box = page.getByLabel('Your current mesh config');
  const garbage = 'meshConfig:\n  extensionProviders:\n  - name: x\n    zipkin: {service: a.b, port: 1\n\tbroken: [\n';
  await box.fill(garbage);
  await expect(page.getByTestId('merge-problem')).toContainText(/^Line \d+, column \d+: /);
  await expect(box).toHaveValue(garbage);
  await expect(box).toHaveAttribute('aria-invalid', 'true');

  await box.fill('kind: Deployment\napiVersion: apps/v1\n');
  await expect(page.getByTestId('merge-problem')).toContainText('Deployment, not a mesh config');
  await expect(page.getByTestId('merge-problem')).toHaveAttribute('data-problem', 'OTHER_KIND');
  await box.fill('a: 1\n---\nb: 2\n');
  await expect(page.getByTestId('merge-problem')).toHaveAttribute('data-problem', 'MULTIPLE_DOCUMENTS');
  // Nesting that would take the parser a minute is refused before it runs.
  await box.fill('['.repeat(100_000));
  await expect(page.getByTestId('merge-problem')).toHaveAttribute('data-problem', 'TOO_DEEP');
});

test('a 5 MB paste is refused with its size, and the box keeps what it had', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toMeshConfigStep(page);
  const box = page.getByLabel('Your current mesh config');
  await box.fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');

  // Pasted as a user does: the text on the clipboard, then Ctrl+V over the whole box.
  const huge = `meshConfig:\n${'  # padding padding padding padding padding padding padding\n'.repeat(90_000)}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), huge);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByTestId('input-refused')).toContainText(
    /^Not pasted, your box is unchanged\. This is 5\.\d MB/,
  );
  await expect(box).toHaveValue(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');

  // The page goes on as before: the next edit is read and clears the message. (How long the refusal takes and the
  // longest main-thread task it causes are figures in npm run bench, not assertions here.)
  await box.fill('kind: Deployment\napiVersion: apps/v1\n');
  await expect(page.getByTestId('input-refused')).toHaveCount(0);
  await expect(page.getByTestId('merge-problem')).toContainText('Deployment, not a mesh config');
});

test('a 1 MB paste is summarised in place of the box, merged in full, and put into the box on request', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toMeshConfigStep(page);
  await page.getByLabel('Your current mesh config').fill('# an earlier draft\n');

  // A megabyte of config that the worker reads quickly on a busy machine: most of it comments, which the merge keeps.
  const padding = '# kept from the platform team: padding padding padding padding padding padding\n'.repeat(13_500);
  const large = ISTIO_OPERATOR + padding;
  const lines = (ISTIO_OPERATOR.split('\n').length - 1 + 13_500).toLocaleString('en-US');
  const megabytes = (Buffer.byteLength(large) / 1024 / 1024).toFixed(1);
  await page.evaluate((text) => navigator.clipboard.writeText(text), large);
  await page.getByLabel('Your current mesh config').focus();
  await page.keyboard.press('ControlOrMeta+V');

  // The summary takes the box's place and name, and keeps the focus; the earlier text was replaced, and it says so.
  const summary = page.getByRole('group', { name: 'Your current mesh config' });
  await expect(summary).toContainText(
    `Your config: ${megabytes} MB, ${lines} lines — shown in full in the diff below.`,
  );
  await expect(summary).toContainText('It replaced what the box held');
  await expect(summary).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Your current mesh config' })).toHaveCount(0);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed', { timeout: 30_000 });

  // By keyboard: from the summary to "Show in the box", which puts all of it into the box and focuses it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Show in the box' })).toBeFocused();
  await page.keyboard.press('Enter');
  const box = page.getByRole('textbox', { name: 'Your current mesh config' });
  await expect(box).toBeFocused();
  const shown = await box.inputValue();
  expect(shown.length).toBe(large.length);
  expect(shown === large).toBe(true);

  // The merge used every line pasted, and nothing of the replaced text.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  const merged = await downloadText(download);
  expect(merged.startsWith(ISTIO_OPERATOR.split('            - name: jaeger')[0]!)).toBe(true);
  expect(merged.endsWith(padding)).toBe(true);
  expect(merged).toContain('dynatrace-otel');
  expect(merged).not.toContain('an earlier draft');

  // Typing in it keeps it in the box; Clear empties it.
  await box.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('# end\n');
  expect(await box.inputValue()).toBe(large + '# end\n');
  await expect(page.getByTestId('large-text-summary')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(box).toHaveValue('');
  await expect(page.getByTestId('large-text-summary')).toHaveCount(0);
});

test('a config with many tracing providers lists the first 50 findings, and all of them on request', async ({
  page,
}) => {
  await toMeshConfigStep(page);
  const providers = Array.from(
    { length: 60 },
    (_, i) =>
      `    - name: zipkin-${i}\n      zipkin:\n        service: zipkin.tracing.svc.cluster.local\n        port: 9411\n`,
  ).join('');
  await page.getByLabel('Your current mesh config').fill(`meshConfig:\n  extensionProviders:\n${providers}`);
  const found = page.getByRole('region', { name: 'Found in your config' });
  await expect(found.locator('[data-finding^="other-tracing-"]')).toHaveCount(50);
  await expect(found).toContainText('The first 50 of 60 are shown.');
  await found.getByRole('button', { name: 'Show all 60' }).click();
  await expect(found.locator('[data-finding^="other-tracing-"]')).toHaveCount(60);
  await expect(found.locator('[data-finding="other-tracing-zipkin-59"]')).toBeVisible();
});

test('the Dynatrace Hub snippet fills the configuration', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.24');
  await next(page);
  const snippet = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  meshConfig:
    extensionProviders:
    - name: dynatrace-otel
      opentelemetry:
        port: 80
        service: "istio-system/xyz98765.live.dynatrace.com"
        http:
          path: "/api/v2/otlp/v1/traces"
          timeout: 10s
          headers:
          - name: "Authorization"
            value: "Api-Token ${SAMPLE_TOKEN}"
        resource_detectors:
          dynatrace: {}
        dynatrace_sampler:
          tenant: "xyz98765"
          cluster_id: -42
`;
  await page.getByLabel('Paste the snippet from Dynatrace Hub (optional, fills the fields below)').fill(snippet);
  await expect(
    page.getByText('Filled in from the snippet: environment ID, cluster ID, endpoint, API token.'),
  ).toBeVisible();
  await expect(page.getByLabel('Environment ID')).toHaveValue('xyz98765');
  await expect(page.getByLabel('Dynatrace cluster ID')).toHaveValue('-42');
  await expect(page.getByLabel('API token')).toHaveValue(SAMPLE_TOKEN);
  await next(page);
  await expectStep(page, 'Mesh config');
});
