import type { Model } from '../model';
import { asObject, textOf, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

/*
 * The DynaKube as the Operator reads it (Dynatrace/dynatrace-operator pkg/api/latest/dynakube, dynatrace.com/v1beta6):
 * spec.telemetryIngest {serviceName, protocols} turns the collector on, with OTLP when protocols is empty or lists otlp
 * (telemetryingest/props.go IsOTLPEnabled); the service is <name>-telemetry-ingest unless serviceName is set;
 * validation needs spec.templates.otelCollector.imageRef (pkg/api/validation/dynakube/telemetryservice.go);
 * spec.enableIstio; spec.metadataEnrichment.enabled.
 */

const DYNAKUBE = slotOf('dynatrace.dynakube');

export function checkDynakube(dynakube: Plain, model: Model, target: VerifyTarget): ChecklistItem {
  const metadata = asObject(dynakube.metadata) ?? {};
  const spec = asObject(dynakube.spec) ?? {};
  const name = textOf(metadata.name);
  const namespace = textOf(metadata.namespace);
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  if (model.mode !== 'operator') {
    notes.push({
      code: 'dynakube.standalone',
      message: 'Standalone mode does not use the DynaKube for traces; nothing here affects them.',
    });
    return checked(DYNAKUBE, model, target, { summary: `DynaKube ${name} (not used in standalone mode).`, notes });
  }
  if (name !== '' && name !== model.operator.dynakubeName) {
    problems.push({
      code: 'dynakube.other-name',
      message: `This DynaKube is ${name}; the configuration expects ${model.operator.dynakubeName}.`,
      cause:
        'The telemetry-ingest service is named after the DynaKube, so the provider points at a service that does not exist.',
      fix: `Set the DynaKube name to ${name} on step 2, then apply the regenerated files.`,
    });
  }
  if (namespace !== '' && namespace !== model.operator.namespace) {
    problems.push({
      code: 'dynakube.other-namespace',
      message: `This DynaKube is in ${namespace}; the configuration expects ${model.operator.namespace}.`,
      fix: `Set the Operator namespace to ${namespace} on step 2, then apply the regenerated files.`,
    });
  }
  const ingest = spec.telemetryIngest;
  const ingestSpec = asObject(ingest);
  if (ingest === undefined || ingest === null) {
    problems.push({
      code: 'dynakube.telemetry-ingest-off',
      message: 'spec.telemetryIngest is not set: there is no telemetry-ingest service to send spans to.',
      fix: 'Add spec.telemetryIngest: {protocols: [otlp]} and spec.templates.otelCollector.imageRef to the DynaKube.',
    });
  } else {
    const protocols = Array.isArray(ingestSpec?.protocols) ? ingestSpec.protocols.map(textOf) : [];
    if (protocols.length > 0 && !protocols.includes('otlp')) {
      problems.push({
        code: 'dynakube.no-otlp',
        message: `telemetryIngest.protocols is [${protocols.join(', ')}], without otlp.`,
        fix: 'Add otlp to spec.telemetryIngest.protocols.',
      });
    }
    const serviceName = textOf(ingestSpec?.serviceName);
    if (serviceName !== model.operator.serviceName) {
      problems.push({
        code: 'dynakube.service-name',
        message: `telemetryIngest.serviceName is ${serviceName || '(default: <dynakube>-telemetry-ingest)'}; the configuration expects ${model.operator.serviceName || 'the default'}.`,
        fix: `Set the telemetry-ingest service name on step 2 to ${serviceName || 'empty (the default)'}.`,
      });
    }
  }
  const imageRef = asObject(asObject(asObject(spec.templates)?.otelCollector)?.imageRef);
  if (ingest !== undefined && ingest !== null && !textOf(imageRef?.repository)) {
    problems.push({
      code: 'dynakube.no-collector-image',
      message: 'spec.templates.otelCollector.imageRef is not set; the Operator rejects telemetry ingest without it.',
      fix: 'Set spec.templates.otelCollector.imageRef.repository and tag (e.g. public.ecr.aws/dynatrace/dynatrace-otel-collector).',
    });
  }
  const enableIstio = spec.enableIstio === true;
  if (enableIstio !== model.operator.enableIstio) {
    problems.push({
      code: 'dynakube.enable-istio-differs',
      message: `enableIstio is ${enableIstio}; on step 1 you said ${model.operator.enableIstio}.`,
      fix: 'Change the answer on step 1 to match the DynaKube (it decides whether the Operator creates ServiceEntries for the tenant).',
    });
  }
  const enrichment = asObject(spec.metadataEnrichment);
  if (enrichment?.enabled === false) {
    notes.push({
      code: 'dynakube.no-metadata-enrichment',
      message: 'metadataEnrichment.enabled is false: spans arrive without Kubernetes metadata.',
    });
  }
  return checked(DYNAKUBE, model, target, {
    summary: `DynaKube ${namespace ? `${namespace}/` : ''}${name}${textOf(dynakube.apiVersion) ? ` (${textOf(dynakube.apiVersion)})` : ''}.`,
    problems,
    notes,
  });
}
