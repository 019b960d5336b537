import type { EnvironmentKind } from './defaults';

/** How each kind of Dynatrace environment is named and what its address looks like: one table for every screen. */
export const ENVIRONMENT_KIND_LABELS: Record<EnvironmentKind, { label: string; address: string }> = {
  saas: { label: 'SaaS', address: 'https://<environment-id>.live.dynatrace.com' },
  managed: { label: 'Managed', address: 'https://<your-domain>/e/<environment-id>' },
  activegate: { label: 'Environment ActiveGate', address: 'https://<activegate-host>:9999/e/<environment-id>' },
};
