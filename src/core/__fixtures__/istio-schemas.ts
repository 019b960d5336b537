import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { ServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry';
import { Telemetry } from '@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry';

/** Validates a parsed Kubernetes document against Istio's CRD schema; throws with the schema's message. */
export function validateIstioResource(doc: Record<string, any>): void {
  const key = `${doc.apiVersion}/${doc.kind}`;
  switch (key) {
    case 'networking.istio.io/v1/ServiceEntry':
      new ServiceEntry(doc as never).validate();
      return;
    case 'networking.istio.io/v1/DestinationRule':
      new DestinationRule(doc as never).validate();
      return;
    case 'telemetry.istio.io/v1/Telemetry':
      new Telemetry(doc as never).validate();
      return;
    default:
      throw new Error(`no schema for ${key}`);
  }
}
