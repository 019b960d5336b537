import { model as baseModel } from '../../__fixtures__/models';
import type { Model } from '../../model';
import { checkTelemetry, type MeshFacts } from '../check-telemetry';
import type { TelemetryResource } from '../recognise';
import { verifyTargetOf } from '../target';

/* Telemetries as `kubectl get telemetry -A -o yaml` lists them, and the Telemetry check's items, for its tests. */

/** A Telemetry resource; without a creationTimestamp (a pasted manifest) unless given. */
export const T = (namespace: string, name: string, spec: Record<string, unknown>, created = ''): TelemetryResource => ({
  namespace,
  name,
  creationTimestamp: created,
  spec,
});
/** A tracing entry naming `provider`, with any other fields of the entry. */
export const tracing = (provider: string, extra: Record<string, unknown> = {}) => ({
  tracing: [{ providers: [{ name: provider }], ...extra }],
});
export const DAY1 = '2026-11-01T00:00:00Z';
export const DAY2 = '2026-11-02T00:00:00Z';

/** The wizard's scopes: mesh-wide (its default), the namespace shop, and app=cart in shop. */
export const meshWide = baseModel();
export const inShop = baseModel({ telemetry: { namespace: 'shop' } });
export const cart = baseModel({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });

/** The check's three items for the Telemetries, the model's scope and the mesh facts. */
export function check(telemetries: TelemetryResource[], model: Model = meshWide, mesh: MeshFacts = {}) {
  const items = checkTelemetry(telemetries, model, verifyTargetOf(model), mesh);
  const byId = (id: string) => items.find((item) => item.id === id)!;
  return {
    references: byId('telemetry.references-provider'),
    applies: byId('telemetry.applies'),
    conflicts: byId('telemetry.conflicts'),
  };
}
export const noteCodes = (item: { notes: { code: string }[] }) => item.notes.map((note) => note.code);
