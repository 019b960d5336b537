import { expect, test } from './fixtures';
import { parseAllDocuments } from 'yaml';
import { expectStep, next, openWizard, previewText, SAMPLE_TOKEN } from './helpers';

test('a private CA: the file goes to the namespaces named on step 4, or a ConfigMap on Istio 1.26+', async ({
  page,
}) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.28.1');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);

  await expectStep(page, 'Configuration');
  await page.getByLabel('Managed', { exact: true }).check();
  await page.getByLabel('Environment ID').fill('xyz98765');
  await page.getByLabel('Managed cluster host').fill('dynatrace.corp.example');
  await page.getByLabel('Dynatrace cluster ID').fill('123456');
  await page.getByLabel('Trust my CA certificate').check();
  await page.getByLabel('In the mesh config').check();
  await page.getByLabel('API token').fill(SAMPLE_TOKEN);
  await next(page);
  await next(page);

  await expectStep(page, 'Service entry');
  // Mesh-wide Telemetry and a file: the namespaces that mount it must be named.
  await expect(page.getByText('List the namespaces whose pods get the CA file mounted').first()).toBeVisible();
  await page.getByLabel('Namespaces whose pods mount the CA file').fill('shop, payments');
  const text = await previewText(page, 'dt-serviceentry.yaml');
  const rules = parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter((doc) => doc.kind === 'DestinationRule');
  expect(rules.map((rule) => rule.metadata.namespace)).toEqual(['shop', 'payments']);
  // Monaco renders the lines in view only: the exact file is checked by the golden tests.
  await expect(page.getByTestId('private-ca-scope')).toContainText('shop/dynatrace-dr-otel: the sidecars in shop.');
  await expect(page.getByTestId('private-ca-scope')).toContainText('send nothing there');

  await page.getByLabel('From a ConfigMap that istiod reads (Istio 1.26+)').check();
  await expect(page.getByTestId('private-ca-scope')).toContainText(
    'istio-system/dynatrace-dr-otel: every proxy of the mesh',
  );
  await expect(page.getByTestId('private-ca-scope')).toContainText('does not describe it');
});

test('the ConfigMap is not offered before Istio 1.26', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.25.2');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);
  await page.getByLabel('Managed', { exact: true }).check();
  await page.getByLabel('Environment ID').fill('xyz98765');
  await page.getByLabel('Managed cluster host').fill('dynatrace.corp.example');
  await page.getByLabel('Dynatrace cluster ID').fill('123456');
  await page.getByLabel('Trust my CA certificate').check();
  await page.getByLabel('API token').fill(SAMPLE_TOKEN);
  await next(page);
  await next(page);
  await expectStep(page, 'Service entry');
  await expect(page.getByLabel('From a ConfigMap that istiod reads (Istio 1.26+)')).toBeDisabled();
});
