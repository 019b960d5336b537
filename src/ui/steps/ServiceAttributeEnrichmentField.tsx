import { useWatch } from 'react-hook-form';
import { hasFeature, versionRefusal } from '../../core';
import { CheckboxField, useWizardForm } from '../components/fields';

/*
 * Istio 1.30's serviceAttributeEnrichment: OTEL_SEMANTIC_CONVENTIONS, offered from 1.30 on. What it changes is what
 * istio/istio 1.30.0 does with it: pilot/pkg/networking/core/tracing.go (otelServiceName, the environment detector)
 * and pkg/kube/inject/template.go (OTEL_RESOURCE_ATTRIBUTES in the sidecar injection template).
 */
export function ServiceAttributeEnrichmentField({ istioVersion }: { istioVersion: string }) {
  const { control } = useWizardForm();
  const checked = useWatch({ control, name: 'provider.serviceAttributeEnrichment' });
  const offered = hasFeature('serviceAttributeEnrichment', istioVersion);
  // Still shown when on for an older version, so the user can see why the setup is refused and turn it off.
  if (!offered && !checked) return null;
  const refusal = versionRefusal('serviceAttributeEnrichment', istioVersion);
  return (
    <>
      <CheckboxField
        name="provider.serviceAttributeEnrichment"
        label="Service attributes after the OpenTelemetry conventions (Istio 1.30+)"
        hint={
          <>
            Writes <code>serviceAttributeEnrichment: OTEL_SEMANTIC_CONVENTIONS</code>. Every proxy then names its spans’
            service (<code>service.name</code>) from the pod’s <code>resource.opentelemetry.io/service.name</code>{' '}
            annotation, else its <code>app.kubernetes.io/instance</code> or <code>app.kubernetes.io/name</code> label,
            else the workload’s or pod’s name, instead of Istio’s own service name, so the service names you see in
            Dynatrace can change. Sidecars injected after the change also carry <code>service.namespace</code>,{' '}
            <code>service.version</code> and <code>service.instance.id</code> (restart workloads to get them), and
            istiod adds the environment resource detector next to Dynatrace’s.
          </>
        }
      />
      {checked && refusal && (
        <p className="error-text" role="alert">
          {refusal} Turn it off for this version.
        </p>
      )}
    </>
  );
}
