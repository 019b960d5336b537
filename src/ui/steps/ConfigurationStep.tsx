import { useEffect, useState } from 'react';
import { get, useFormState, useWatch, type FieldPath } from 'react-hook-form';
import {
  ENVIRONMENT_KINDS,
  ENVIRONMENT_KIND_LABELS,
  FIND_ISTIOD_COMMAND,
  defaultModel,
  fillsFromEnvironmentUrl,
  fillsFromHubSnippet,
  type FieldFill,
  type ModelInput,
  defaultTokenStorage,
  effectiveTokenStorage,
  isAtLeast,
  needsToken,
  parseEnvironmentUrl,
  parseIstioVersion,
  requiredTokenScopes,
} from '../../core';
import { readHubSnippet } from '../../core/runtime';
import { ServiceAttributeEnrichmentField } from './ServiceAttributeEnrichmentField';
import type { StepProps } from '../wizard/step-props';
import { FindingList } from '../components/FindingList';
import { REDACTED_MARK, redactToken } from '../lib/redact';
import { CheckboxField, RadioGroup, TextField, useWizardForm } from '../components/fields';

// Only what this step's layout depends on: a keystroke elsewhere does not re-render the step.
const WATCHED = [
  'dynatrace.environmentKind',
  'mode',
  'istio.version',
  'token.storage',
  'operator.dynakubeName',
  'provider.sampler',
  'provider.samplerFromTenant',
  'dynatrace.environmentId',
  'dynatrace.tls',
] as const;

// The fields under "Advanced options": it opens by itself when one of them holds an error or a changed value.
const ADVANCED = [
  'provider.name',
  'provider.timeout',
  'provider.resourceDetector',
  'provider.sampler',
  'provider.rootSpansPerMinute',
  'provider.samplerFromTenant',
  'provider.serviceAttributeEnrichment',
  'istio.rootNamespace',
  'istio.istiodNamespace',
  'istio.revision',
  'istio.clusterDomain',
  'istio.kubernetesVersion',
  'istio.nativeSidecars',
] as const;

function useAdvancedOptionsOpen({ advancedOptionsOpen, setAdvancedOptionsOpen }: StepProps['layout']) {
  const { control } = useWizardForm();
  const values = useWatch({ control, name: ADVANCED });
  const { errors } = useFormState({ control, name: ADVANCED });
  const hasError = ADVANCED.some((name) => get(errors, name) !== undefined);
  const changed = ADVANCED.some((name, index) => values[index] !== get(defaultModel, name));
  useEffect(() => {
    if (hasError) setAdvancedOptionsOpen(true);
  }, [hasError, setAdvancedOptionsOpen]);
  return { open: advancedOptionsOpen ?? (hasError || changed), setOpen: setAdvancedOptionsOpen };
}

export function ConfigurationStep({ generation, layout }: StepProps) {
  const advanced = useAdvancedOptionsOpen(layout);
  const { control, setValue } = useWizardForm();
  const [kind, mode, istioVersion, tokenStorage, dynakubeName, sampler, samplerFromTenant, environmentId, tls] =
    useWatch({ control, name: WATCHED });
  const [url, setUrl] = useState('');
  const [urlMessage, setUrlMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [showToken, setShowToken] = useState(false);
  const version = parseIstioVersion(istioVersion);
  const envSupported = version !== undefined && isAtLeast(version, 1, 26);
  const tokenNeeded = needsToken({ mode, provider: { sampler, samplerFromTenant } });
  const scopes = requiredTokenScopes({ mode, provider: { sampler, samplerFromTenant } });
  const storage = effectiveTokenStorage(tokenStorage, istioVersion);
  const recommended = defaultTokenStorage(istioVersion);
  const findings = generation.bundle?.findings.filter((finding) => finding.step === 'configuration') ?? [];

  const [snippet, setSnippet] = useState('');
  const [snippetMessage, setSnippetMessage] = useState<{ ok: boolean; text: string } | undefined>();

  function apply(fills: FieldFill[]) {
    const options = { shouldValidate: true, shouldDirty: true } as const;
    for (const { path, value } of fills) setValue(path as FieldPath<ModelInput>, value, options);
  }

  function readSnippet(text: string) {
    setSnippet(text);
    if (text.trim() === '') return setSnippetMessage(undefined);
    const result = readHubSnippet(text);
    if (!result.ok) return setSnippetMessage({ ok: false, text: result.message });
    const token = result.values.token;
    // Once read, the token is not left on screen in clear text (issue 26): the box keeps the snippet with the token
    // masked. An edit of that text reads the mask, never a token: the field keeps the one read first.
    const masked = token !== undefined && text.includes(REDACTED_MARK);
    apply(fillsFromHubSnippet(result.values).filter((fill) => !(masked && fill.path === 'token.value')));
    if (token && !masked) setSnippet(redactToken(text, token));
    const tokenNote =
      result.values.token && storage === 'istiod-env'
        ? ' The token is kept for the “in the mesh config” option; with the Secret it stays out of the files.'
        : '';
    setSnippetMessage({ ok: true, text: `Filled in from the snippet: ${result.found.join(', ')}.${tokenNote}` });
  }

  function readUrl(text: string) {
    setUrl(text);
    if (text.trim() === '') return setUrlMessage(undefined);
    const parsed = parseEnvironmentUrl(text);
    if (!parsed) {
      setUrlMessage({
        ok: false,
        text: 'Not a Dynatrace environment URL: expected https://<id>.live.dynatrace.com or https://<host>/e/<id>.',
      });
      return;
    }
    apply(fillsFromEnvironmentUrl(parsed));
    setUrlMessage({
      ok: true,
      text: `Filled in: ${ENVIRONMENT_KIND_LABELS[parsed.environmentKind].label}, environment ${parsed.environmentId}.`,
    });
  }

  return (
    <div className="step-body">
      <section className="card">
        <h3>Dynatrace environment</h3>
        <div className="field">
          <label htmlFor="hub-snippet">Paste the snippet from Dynatrace Hub (optional, fills the fields below)</label>
          <textarea
            id="hub-snippet"
            rows={3}
            value={snippet}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="hub-snippet-result"
            placeholder="Dynatrace Hub → Istio Service Mesh → Set up: the mesh configuration snippet"
            onChange={(event) => readSnippet(event.target.value)}
          />
          <p id="hub-snippet-result" role="status" className={snippetMessage?.ok === false ? 'error-text' : 'hint'}>
            {snippetMessage?.text ?? ''}
          </p>
        </div>
        <div className="field">
          <label htmlFor="environment-url">Environment URL (optional, fills the fields below)</label>
          <input
            id="environment-url"
            type="url"
            value={url}
            spellCheck={false}
            autoComplete="off"
            placeholder="https://abc12345.live.dynatrace.com"
            aria-describedby="environment-url-result"
            onChange={(event) => readUrl(event.target.value)}
          />
          <p id="environment-url-result" role="status" className={urlMessage?.ok === false ? 'error-text' : 'hint'}>
            {urlMessage?.text ?? ''}
          </p>
        </div>
        <RadioGroup
          name="dynatrace.environmentKind"
          legend="Environment type"
          choices={ENVIRONMENT_KINDS.map((value) => ({
            value,
            label: ENVIRONMENT_KIND_LABELS[value].label,
            hint: ENVIRONMENT_KIND_LABELS[value].address,
          }))}
        />
        <TextField
          name="dynatrace.environmentId"
          label="Environment ID"
          placeholder="abc12345"
          hint="Also the sampler’s tenant. In SaaS it is the first part of your environment’s address."
        />
        <EnvironmentIdFromUrl value={environmentId} onExtract={readUrl} />
        {kind !== 'saas' && (
          <div className="field-row">
            <TextField
              name="dynatrace.host"
              label={kind === 'managed' ? 'Managed cluster host' : 'ActiveGate host'}
              placeholder={kind === 'managed' ? 'dynatrace.example.com' : 'activegate.example.com'}
            />
            <TextField
              name="dynatrace.port"
              label="HTTPS port"
              inputMode="numeric"
              placeholder={kind === 'managed' ? '443' : '9999'}
              hint="Leave empty for the default."
            />
          </div>
        )}
        {kind !== 'saas' && (
          <>
            <RadioGroup
              name="dynatrace.tls"
              legend={`How should the sidecars verify the ${kind === 'managed' ? 'Managed cluster' : 'ActiveGate'}’s certificate?`}
              choices={[
                {
                  value: 'public',
                  label: 'It is publicly trusted',
                  hint: 'Signed by a CA the proxies already trust (their system CAs).',
                },
                {
                  value: 'ca-certificates',
                  label: 'Trust my CA certificate',
                  hint: 'Self-signed or private CA: step 4 asks which proxies get it (a file mounted into the sidecars of the namespaces you name, a Secret for a gateway, or on Istio 1.26+ a ConfigMap).',
                },
                {
                  value: 'insecure-skip-verify',
                  label: 'Do not verify it (INSECURE, last resort)',
                  hint: 'insecureSkipVerify: any certificate is accepted, so anyone who can intercept the traffic can read your token and spans.',
                },
              ]}
            />
            {tls === 'ca-certificates' && (
              <TextField
                name="dynatrace.caCertificates"
                label="CA file path inside the sidecar"
                hint="Where the CA certificate is mounted in istio-proxy, when it comes as a file (step 4); the Verify step shows how to mount it."
              />
            )}
          </>
        )}
        <TextField
          name="dynatrace.clusterId"
          label={sampler ? 'Dynatrace cluster ID' : 'Dynatrace cluster ID (optional)'}
          inputMode="numeric"
          placeholder="-1743916452"
          hint={<ClusterIdHint sampler={sampler} mode={mode} />}
        />
      </section>

      {mode === 'operator' && (
        <section className="card">
          <h3>Dynatrace Operator</h3>
          <div className="field-row">
            <TextField name="operator.dynakubeName" label="DynaKube name" placeholder="dynakube" />
            <TextField name="operator.namespace" label="DynaKube namespace" placeholder="dynatrace" />
          </div>
          <TextField
            name="operator.serviceName"
            label="Custom telemetry-ingest service name (optional)"
            placeholder={`${dynakubeName || 'dynakube'}-telemetry-ingest`}
            hint={
              <>
                Only if your DynaKube sets <code>spec.telemetryIngest.serviceName</code>.
              </>
            }
          />
        </section>
      )}

      {tokenNeeded && (
        <section className="card">
          <h3>API token</h3>
          <p className="hint">
            Needs the scope{scopes.length === 1 ? '' : 's'}{' '}
            {scopes.map((scope, index) => (
              <span key={scope}>
                {index > 0 && ' and '}
                <code>{scope}</code>
              </span>
            ))}
            . The token never leaves this page: it is not saved, not put in links and not sent anywhere.
          </p>
          <RadioGroup
            name="token.storage"
            legend="Where should the token live?"
            choices={[
              {
                value: 'auto',
                label: `Recommended for Istio ${istioVersion || '(version not set)'} (now: ${recommended === 'istiod-env' ? 'a Kubernetes Secret' : 'the mesh config'})`,
                hint: 'Follows the Istio version: the Secret from 1.26, the mesh config before. Choose one below to keep it whatever the version.',
              },
              {
                value: 'istiod-env',
                label: 'In a Kubernetes Secret that istiod reads (Istio 1.26+)',
                hint: envSupported
                  ? 'The mesh config names an environment variable instead of holding the token: safe to commit to Git.'
                  : `Needs Istio 1.26 or later; you have ${istioVersion}.`,
                disabled: !envSupported,
              },
              {
                value: 'inline',
                label: 'In the mesh config',
                hint: 'The token is written into meshconfig.yaml in clear text.',
              },
            ]}
          />
          {storage === 'inline' ? (
            <TextField
              name="token.value"
              label="API token"
              type={showToken ? 'text' : 'password'}
              placeholder="dt0c01.…"
              autoComplete="off"
            >
              <button
                type="button"
                className="button small"
                aria-pressed={showToken}
                onClick={() => setShowToken((shown) => !shown)}
              >
                {showToken ? 'Hide' : 'Show'}
              </button>
            </TextField>
          ) : (
            <div className="field-row">
              <TextField name="token.envName" label="istiod environment variable" />
              <TextField name="token.secretName" label="Secret name" />
            </div>
          )}
        </section>
      )}

      <details
        className="card advanced"
        open={advanced.open}
        onToggle={(event) => {
          if (event.currentTarget.open !== advanced.open) advanced.setOpen(event.currentTarget.open);
        }}
      >
        <summary>Advanced options</summary>
        <TextField
          name="provider.name"
          label="Extension provider name"
          hint="The Telemetry resource refers to the provider by this name."
        />
        <TextField
          name="provider.timeout"
          label="Export timeout"
          hint="A duration as istiod reads it, e.g. 10s, 500ms or 1m30s."
        />
        <CheckboxField
          name="provider.resourceDetector"
          label="Dynatrace resource detector"
          hint="Adds host and process attributes from Dynatrace enrichment files."
        />
        <ServiceAttributeEnrichmentField istioVersion={istioVersion} />
        <CheckboxField
          name="provider.sampler"
          label="Dynatrace sampler"
          hint="Adaptive traffic management: samples a steady number of root spans per minute."
        />
        {sampler && (
          <>
            <TextField
              name="provider.rootSpansPerMinute"
              label="Fallback root spans per minute (optional)"
              inputMode="numeric"
              placeholder="1000"
              hint="Used when the sampler cannot read its rate from Dynatrace. Empty means 1000."
            />
            {mode === 'operator' && (
              <CheckboxField
                name="provider.samplerFromTenant"
                label="Sampler fetches its rate from the tenant"
                hint="Adds the tenant endpoint, a ServiceEntry and a token with adaptiveTrafficManagement.read, as Dynatrace’s newer guide does."
              />
            )}
          </>
        )}
        <TextField
          name="istio.rootNamespace"
          label="Istio root namespace"
          hint="meshConfig.rootNamespace: where mesh-wide resources (Telemetry, ServiceEntry) live; usually istio-system."
        />
        <div className="field-row">
          <TextField
            name="istio.istiodNamespace"
            label="istiod namespace"
            hint={
              <>
                Where istiod runs: its mesh ConfigMap and the token Secret go there. The NAMESPACE column of{' '}
                <code>{FIND_ISTIOD_COMMAND}</code>.
              </>
            }
          />
          <TextField
            name="istio.revision"
            label="istiod revision (optional)"
            placeholder="e.g. 1-24-3"
            hint={
              <>
                The REV column of the same command; leave empty when it is empty or “default”. Sets the ConfigMap{' '}
                <code>istio-&lt;revision&gt;</code> and deployment <code>istiod-&lt;revision&gt;</code>.
              </>
            }
          />
        </div>
        <TextField
          name="istio.clusterDomain"
          label="Cluster domain"
          hint={
            <>
              Kubernetes service hosts end in <code>.svc.&lt;cluster domain&gt;</code>; istiod needs the exact host.
              Usually cluster.local (see the search line of <code>/etc/resolv.conf</code> in any pod). Istio’s{' '}
              <code>global.proxy.clusterDomain</code>.
            </>
          }
        />
        <TextField
          name="istio.kubernetesVersion"
          label="Kubernetes version (optional)"
          placeholder="e.g. 1.33, or paste kubectl version"
          hint="From 1.33, Istio 1.27+ runs istio-proxy as a native sidecar, which Dynatrace metadata enrichment does not reach."
        />
        <RadioGroup
          name="istio.nativeSidecars"
          legend="Native sidecars"
          choices={[
            { value: 'keep', label: 'Leave as Istio decides', hint: 'No change.' },
            {
              value: 'off-istiod',
              label: 'Off in istiod',
              hint: 'istiod env ENABLE_NATIVE_SIDECARS=false: pods injected afterwards get a regular istio-proxy container.',
            },
            {
              value: 'off-workloads',
              label: 'Off per workload',
              hint: 'Pod annotation sidecar.istio.io/nativeSidecar: "false" on the traced workloads.',
            },
          ]}
        />
      </details>

      <FindingList findings={findings} />
    </div>
  );
}

/**
 * A URL pasted into the Environment ID field: offer the ID it holds right there, and point to the
 * Environment URL box, which reads everything a URL says.
 */
function EnvironmentIdFromUrl({ value, onExtract }: { value: string; onExtract: (url: string) => void }) {
  if (!/[/:.]/.test(value)) return null;
  const parsed = parseEnvironmentUrl(value);
  return (
    <div className="field-help" data-testid="environment-id-from-url">
      {parsed ? (
        <p>
          This looks like your environment’s URL.{' '}
          <button type="button" className="button small" onClick={() => onExtract(value)}>
            Use environment ID {parsed.environmentId} from it
          </button>{' '}
          (fills in the Environment URL box above, which sets the environment type and host too).
        </p>
      ) : (
        <p>
          Paste your environment’s whole URL into the <strong>Environment URL</strong> box above instead: it takes the
          ID out of it.{' '}
          <button
            type="button"
            className="button small"
            onClick={() => document.getElementById('environment-url')?.focus()}
          >
            Go to the Environment URL box
          </button>
        </p>
      )}
    </div>
  );
}

/** Where the cluster ID is found, first the Hub snippet; the API needs a token an Operator user otherwise never needs. */
function ClusterIdHint({ sampler, mode }: { sampler: boolean; mode: ModelInput['mode'] }) {
  if (!sampler) return <>Not needed: only the Dynatrace sampler uses it, and the sampler is off.</>;
  return (
    <>
      The <code>cluster_id</code> in the Dynatrace Hub snippet (paste it above): a signed 32-bit number, often negative.
      Only the Dynatrace sampler uses it
      {mode === 'standalone' ? (
        <>
          ; the API also tells it: <code>GET /api/v1/config/clusterid</code> (token scope DataExport).
        </>
      ) : (
        <>; without the snippet, turn the sampler off (further down) and leave this empty.</>
      )}
    </>
  );
}
