import { shellQuote } from '../generate/verification';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import type { InputKind } from './types';
import type { VerifyTarget } from './target';

/** The command whose output each kind of input is; the checklist offers it for "not checked yet". */
export function commandFor(kind: InputKind, model: Model, target: VerifyTarget): string {
  const setup = resolveSetup(model);
  const ns = shellQuote(target.istiodNamespace);
  // The proxy the checks read: a traced workload's sidecar, or the waypoint when tracing at waypoints (its
  // container is istio-proxy too: istio-discovery files/waypoint.yaml, same at 1.22.0 and 1.28.0).
  const proxy = setup.dataPlane.proxyUnderTest;
  const app = proxy.namespace === '<namespace>' ? proxy.namespace : shellQuote(proxy.namespace);
  const istiod = setup.controlPlane.istiodResource;
  switch (kind) {
    case 'mesh-config':
      return `kubectl -n ${ns} get configmap ${shellQuote(target.meshConfigMapName)} -o yaml`;
    case 'telemetry':
      return 'kubectl get telemetry -A -o yaml';
    case 'istiod-log':
      return `kubectl -n ${ns} logs ${istiod} --since=30m`;
    case 'proxy-clusters':
      return `istioctl proxy-config cluster ${proxy.target} -n ${app} -o json`;
    case 'proxy-listeners':
      return `istioctl proxy-config listener ${proxy.target} -n ${app} -o json`;
    case 'proxy-log':
      return `kubectl -n ${app} logs ${proxy.target} -c istio-proxy --since=30m`;
    case 'dynakube':
      return `kubectl -n ${shellQuote(model.operator.namespace)} get dynakube ${shellQuote(model.operator.dynakubeName)} -o yaml`;
    case 'analyze':
      // analyze reads the mesh config from ConfigMap istio in -i (default istio-system; facts §12).
      return `istioctl analyze -A -i ${ns}`;
  }
}
