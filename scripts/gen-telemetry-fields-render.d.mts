/** The raw extract scripts/gen-telemetry-fields.mjs writes, and the pure renderer the tests call. */

export interface TelemetryFieldsRaw {
  about: string;
  sources: {
    fields: { repository: string; path: string; crd: string; tags: Record<string, string> };
    targetRefKinds: { repository: string; path: string; tags: Record<string, string> };
  };
  fields: { path: string; firstSeen: string; lastSeen?: string }[];
  targetRefKinds: { group: string; kind: string; firstSeen: string; lastSeen?: string }[];
}

export function renderTelemetryFields(raw: TelemetryFieldsRaw): string;
