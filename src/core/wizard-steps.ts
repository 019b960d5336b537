import type { ModelInput } from './model';

/*
 * The wizard's steps, declared once: findings, share links, drafts and the UI all speak this list.
 * Order matters: it is the order the wizard walks, and share links store a step by its index here.
 */
export const WIZARD_STEPS = [
  'requirements',
  'configuration',
  'mesh-config',
  'service-entry',
  'telemetry',
  'verify',
] as const;

export type WizardStep = (typeof WIZARD_STEPS)[number];

export function isWizardStep(value: unknown): value is WizardStep {
  return (WIZARD_STEPS as readonly unknown[]).includes(value);
}

/** Where a step sits in the walk, from 0. */
export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

/** Every field of the model as a dotted path (`dynatrace.clusterId`); a list (the selector) is one field. */
export type ModelField = FieldsOf<ModelInput>;

type FieldsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? `${Prefix}${K}`
    : NonNullable<T[K]> extends object
      ? FieldsOf<NonNullable<T[K]>, `${Prefix}${K}.`>
      : `${Prefix}${K}`;
}[keyof T & string];

/*
 * The step that asks for each field. `satisfies` makes this exhaustive: a model field missing here, or a name
 * that is not a model field, is a type error. To add a field to the model, add its line here.
 */
const STEP_OF_FIELD = {
  mode: 'requirements',
  'istio.version': 'requirements',
  'istio.ambient': 'requirements',
  'istio.ambientTracing': 'requirements',
  'istio.rootNamespace': 'configuration',
  'operator.dynakubeName': 'configuration',
  'operator.namespace': 'configuration',
  'operator.serviceName': 'configuration',
  'operator.telemetryIngestEnabled': 'requirements',
  'operator.enableIstio': 'requirements',
  'dynatrace.environmentKind': 'configuration',
  'dynatrace.environmentId': 'configuration',
  'dynatrace.host': 'configuration',
  'dynatrace.port': 'configuration',
  'dynatrace.clusterId': 'configuration',
  'token.value': 'configuration',
  'token.storage': 'configuration',
  'token.envName': 'configuration',
  'token.secretName': 'configuration',
  'provider.name': 'configuration',
  'provider.timeout': 'configuration',
  'provider.resourceDetector': 'configuration',
  'provider.sampler': 'configuration',
  'provider.rootSpansPerMinute': 'configuration',
  'provider.samplerFromTenant': 'configuration',
  'provider.serviceAttributeEnrichment': 'configuration',
  'telemetry.namespace': 'telemetry',
  'telemetry.selector': 'telemetry',
  'telemetry.samplingPercentage': 'telemetry',
  'telemetry.waypoint.name': 'telemetry',
  'telemetry.waypoint.namespace': 'telemetry',
  'output.meshConfigFormat': 'mesh-config',
  'istio.istiodNamespace': 'configuration',
  'istio.revision': 'configuration',
  'istio.clusterDomain': 'configuration',
  'dynatrace.tls': 'configuration',
  'dynatrace.caCertificates': 'configuration',
  'telemetry.customTags': 'telemetry',
  'istio.sailName': 'mesh-config',
  'istio.kubernetesVersion': 'configuration',
  'istio.nativeSidecars': 'configuration',
  'dynatrace.caDelivery': 'service-entry',
  'dynatrace.caNamespaces': 'service-entry',
  'dynatrace.caSelector': 'service-entry',
  'dynatrace.caGatewayNamespace': 'service-entry',
  'dynatrace.caGatewaySelector': 'service-entry',
} as const satisfies Record<ModelField, WizardStep>;

export const MODEL_FIELDS = Object.keys(STEP_OF_FIELD) as readonly ModelField[];

export function stepOfField(field: ModelField): WizardStep {
  return STEP_OF_FIELD[field];
}

/**
 * The step of a validation issue's path: a field (`dynatrace.host`) or a place inside one
 * (`telemetry.selector.0.key`). Undefined only for a path outside the model, which validateModel never
 * reports (tested): there is no step to guess.
 */
export function stepOfIssuePath(path: string): WizardStep | undefined {
  const keys = path.split('.');
  for (let length = keys.length; length > 0; length--) {
    const prefix = keys.slice(0, length).join('.');
    if (Object.hasOwn(STEP_OF_FIELD, prefix)) return STEP_OF_FIELD[prefix as ModelField];
  }
  // A group inside a section (telemetry.waypoint) belongs to a step when all its fields do; a whole section
  // (dynatrace) stays unplaced, as before.
  const steps = new Set(MODEL_FIELDS.filter((field) => field.startsWith(`${path}.`)).map(stepOfField));
  return steps.size === 1 && path.includes('.') ? [...steps][0] : undefined;
}
