import { shellQuote } from '../generate/verification';
import type { Model } from '../model';
import type { InputKind } from './types';
import type { VerifyTarget } from './target';

/** The command whose output each kind of input is; the checklist offers it for "not checked yet". */
export function commandFor(kind: InputKind, model: Model, target: VerifyTarget): string {
  const ns = shellQuote(target.istiodNamespace);
  // Mesh-wide, any traced workload will do; otherwise one in the Telemetry's namespace.
  const app =
    model.telemetry.namespace === model.istio.rootNamespace ? '<namespace>' : shellQuote(model.telemetry.namespace);
  const istiod = target.revision === '' ? 'deploy/istiod' : `deploy/istiod-${shellQuote(target.revision)}`;
  switch (kind) {
    case 'mesh-config':
      return `kubectl -n ${ns} get configmap ${shellQuote(target.meshConfigMapName)} -o yaml`;
    case 'telemetry':
      return 'kubectl get telemetry -A -o yaml';
    case 'istiod-log':
      return `kubectl -n ${ns} logs ${istiod} --since=30m`;
    case 'proxy-clusters':
      return `istioctl proxy-config cluster deploy/<your-app> -n ${app} -o json`;
    case 'proxy-listeners':
      return `istioctl proxy-config listener deploy/<your-app> -n ${app} -o json`;
    case 'proxy-log':
      return `kubectl -n ${app} logs deploy/<your-app> -c istio-proxy --since=30m`;
    case 'dynakube':
      return `kubectl -n ${shellQuote(model.operator.namespace)} get dynakube ${shellQuote(model.operator.dynakubeName)} -o yaml`;
    case 'analyze':
      return 'istioctl analyze -A';
  }
}
