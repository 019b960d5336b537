import { useFieldArray, useWatch, type FieldPath } from 'react-hook-form';
import { CONFIGMAP_UNDOCUMENTED, configMapCredentialSupported, needsToken, type ModelInput } from '../../core';
import { RadioGroup, TextField, useWizardForm } from '../components/fields';

const WATCHED = [
  'mode',
  'dynatrace.environmentKind',
  'dynatrace.tls',
  'dynatrace.caDelivery',
  'istio.version',
  'istio.ambient',
  'istio.ambientTracing',
  'provider.sampler',
  'provider.samplerFromTenant',
] as const;

/** True when the proxies reach a Managed cluster or ActiveGate that the user's own CA signed. */
export function usePrivateCa(): boolean {
  const { control } = useWizardForm();
  const [mode, kind, tls, , , , , sampler, samplerFromTenant] = useWatch({ control, name: WATCHED });
  return kind !== 'saas' && tls === 'ca-certificates' && needsToken({ mode, provider: { sampler, samplerFromTenant } });
}

/** Which proxies get the private CA, and how: the file per namespace, the ConfigMap (1.26+), the gateway. */
export function PrivateCaFields() {
  const { control } = useWizardForm();
  const [, , , delivery, version, ambient, ambientTracing] = useWatch({ control, name: WATCHED });
  const configMapOk = configMapCredentialSupported(version);
  const atWaypoints = ambient && ambientTracing === 'waypoints';
  return (
    <section className="card" aria-labelledby="private-ca-heading">
      <h3 id="private-ca-heading">Your CA certificate: which proxies get it</h3>
      <RadioGroup
        name="dynatrace.caDelivery"
        legend="How do the proxies get your CA?"
        choices={[
          {
            value: 'configmap',
            label: 'From a ConfigMap that istiod reads (Istio 1.26+)',
            hint: configMapOk
              ? `No file to mount, no namespace to list: every sidecar, gateway and waypoint verifies with it. ${CONFIGMAP_UNDOCUMENTED}`
              : `Needs Istio 1.26.0 or later; you have ${version || '(version not set)'}.`,
            disabled: !configMapOk,
          },
          {
            value: 'file',
            label: 'A file mounted into the sidecars of the namespaces you name',
            hint: 'One DestinationRule per namespace (exportTo "."), none in the root namespace: sidecars elsewhere send nothing to the endpoint. An ingress gateway or waypoint gets a Secret instead.',
          },
        ]}
      />
      {delivery === 'file' && (
        <>
          {!atWaypoints && (
            <TextField
              name="dynatrace.caNamespaces"
              label="Namespaces whose pods mount the CA file"
              placeholder="shop, payments"
              hint="Separated by commas or spaces. Empty: the Telemetry’s namespace (unless it is mesh-wide). A namespace added later needs the file and a rule of its own: add it here and apply again."
            />
          )}
          <LabelList
            name="dynatrace.caSelector"
            legend="Only pods with these labels in those namespaces (optional)"
            what="Pod label"
            placeholder={{ key: 'app', value: 'checkout' }}
          />
          <TextField
            name="dynatrace.caGatewayNamespace"
            label="Traces start at an ingress gateway: its namespace (optional)"
            placeholder="istio-ingress"
            hint="Gateways cannot mount the file: the gateway gets a Secret (key cacert) in its namespace, named in credentialName by a DestinationRule that selects it."
          />
          <LabelList
            name="dynatrace.caGatewaySelector"
            legend="The gateway pods’ labels"
            what="Gateway label"
            placeholder={{ key: 'istio', value: 'ingressgateway' }}
          />
        </>
      )}
    </section>
  );
}

type LabelListName = 'dynatrace.caSelector' | 'dynatrace.caGatewaySelector';

function LabelList({
  name,
  legend,
  what,
  placeholder,
}: {
  name: LabelListName;
  legend: string;
  what: string;
  placeholder: { key: string; value: string };
}) {
  const { control } = useWizardForm();
  const { fields, append, remove } = useFieldArray({ control, name });
  return (
    <fieldset className="field selector">
      <legend>{legend}</legend>
      {fields.map((field, index) => (
        <div key={field.id} className="field-row label-row">
          <TextField
            name={`${name}.${index}.key` as FieldPath<ModelInput>}
            label={`${what} ${index + 1} key`}
            placeholder={placeholder.key}
          />
          <TextField
            name={`${name}.${index}.value` as FieldPath<ModelInput>}
            label={`${what} ${index + 1} value`}
            placeholder={placeholder.value}
          />
          <button
            type="button"
            className="button small"
            onClick={() => remove(index)}
            aria-label={`Remove ${what.toLowerCase()} ${index + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => append({ key: '', value: '' })}>
        Add {what.toLowerCase()}
      </button>
    </fieldset>
  );
}
