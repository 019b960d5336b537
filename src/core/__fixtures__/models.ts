import { defaultModel, withDefaults } from '../defaults';
import { validateModel, type Model, type ModelInput } from '../model';

export const SAMPLE_TOKEN = `dt0c01.${'ABCDEFGHIJKLMNOPQRSTUVWX'}.${'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQR'}`;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

/** A valid model: the defaults plus the user's IDs, with `patch` laid over them. Throws on invalid input. */
export function model(patch: DeepPartial<ModelInput> = {}): Model {
  const base = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } }, defaultModel);
  const result = validateModel(withDefaults(patch, base));
  if (!result.ok) throw new Error(`fixture is invalid: ${JSON.stringify(result.issues)}`);
  return result.model;
}

export function operatorSaas(patch: DeepPartial<ModelInput> = {}): Model {
  return model({ mode: 'operator', ...patch });
}

export function standalone(kind: 'saas' | 'managed' | 'activegate', patch: DeepPartial<ModelInput> = {}): Model {
  const host = kind === 'saas' ? '' : kind === 'managed' ? 'dynatrace.example.com' : 'activegate.example.com';
  return model({
    mode: 'standalone',
    ...patch,
    dynatrace: { environmentKind: kind, host, ...patch.dynatrace },
    token: { value: SAMPLE_TOKEN, storage: 'inline', ...patch.token },
  });
}
