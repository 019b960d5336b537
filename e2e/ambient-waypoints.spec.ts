import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { parse } from 'yaml';
import { downloadAll, expectStep, next, openWizard, previewText } from './helpers';

const AMBIENT = 'The workloads to trace run in ambient mode (no sidecars)';
const WAYPOINTS = 'Trace at waypoints and gateways only (not supported by Dynatrace)';

test('an ambient user chooses to trace at waypoints and downloads a waypoint Telemetry with waypoint checks', async ({
  page,
}) => {
  await openWizard(page, './');
  await page.getByLabel(AMBIENT).check();

  // The guide's advice stays the default, and Dynatrace's own words are quoted with a link to them.
  await expect(page.getByText('no end-to-end tracing for ambient mode')).toBeVisible();
  await expect(page.getByLabel('Switch the workloads to trace to sidecar mode (recommended)')).toBeChecked();
  const statement = page.locator('blockquote.dynatrace-statement');
  await expect(statement).toContainText('there is no solution for end-to-end tracing in Istio ambient mode');
  await expect(statement.getByRole('link', { name: 'Configure OpenTelemetry tracing with Istio' })).toHaveAttribute(
    'href',
    'https://docs.dynatrace.com/docs/ingest-from/opentelemetry/integrations/istio',
  );
  const nextButton = page.getByRole('button', { name: /^Next:/ });
  await expect(nextButton).toHaveAttribute('aria-disabled', 'true');

  await page.getByLabel(WAYPOINTS).check();
  await expect(page.getByText('no end-to-end tracing for ambient mode')).toHaveCount(0);
  await expect(nextButton).not.toHaveAttribute('aria-disabled', 'true');
  const requirements = page.getByRole('region', { name: 'Requirements for tracing at waypoints' });
  await expect(requirements.getByLabel('the command for: See the waypoints you have', { exact: true })).toHaveText(
    'istioctl waypoint list -A',
  );
  await expect(requirements.getByLabel('the command for: Gateway API CRDs installed', { exact: true })).toHaveText(
    'kubectl get crd gateways.gateway.networking.k8s.io',
  );
  await expect(page.locator('[data-finding="ambient-mode"]')).toContainText('does not support');
  expect((await new AxeBuilder({ page }).include('.ambient-choice').analyze()).violations).toEqual([]);

  await next(page);
  await expectStep(page, 'Configuration');
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-1743916452');
  await next(page);
  await expectStep(page, 'Mesh config');
  await next(page);
  await expectStep(page, 'Service entry');
  await next(page);
  await expectStep(page, 'Telemetry');

  await page.getByLabel('Waypoint name', { exact: true }).fill('waypoint');
  await page.getByLabel('Waypoint namespace').fill('shop');
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('kind: Gateway');
  expect(await previewText(page, 'dt-telemetry.yaml')).toContain('namespace: shop');

  await next(page);
  await expectStep(page, 'Verify');
  // The proxy checks read the waypoint, not a workload: the command to paste names it.
  await expect(
    page
      .getByRole('region', { name: 'Proxy' })
      .getByText('istioctl proxy-config listener deploy/waypoint -n shop -o json', { exact: true }),
  ).toBeVisible();
  await page.getByText(/^Troubleshooting: \d+ symptoms/).click();
  await expect(page.getByRole('row', { name: /istio#61154/ })).toBeVisible();

  const files = await downloadAll(page);
  const telemetry = parse(files['dt-telemetry.yaml']!);
  expect(telemetry.metadata.namespace).toBe('shop');
  expect(telemetry.spec.targetRefs).toEqual([
    { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' },
  ]);
  expect(files['apply.sh']).toContain('kubectl apply -n shop -f dt-telemetry.yaml');
});
