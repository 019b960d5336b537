import {
  AMBIENT_COMMANDS,
  DYNATRACE_AMBIENT_STATEMENT,
  DYNATRACE_ISTIO_GUIDE,
  WAYPOINT_REQUIREMENTS,
} from '../../core';
import { Command, RadioGroup, useWizardForm } from '../components/fields';

/** Step 1, ambient mode checked: what to trace, with Dynatrace's statement, and the waypoint path's requirements. */
export function AmbientChoice() {
  const { watch } = useWizardForm();
  const ambient = watch('istio.ambient');
  const choice = watch('istio.ambientTracing');
  if (!ambient) return null;
  return (
    <div className="ambient-choice">
      <blockquote className="dynatrace-statement" cite={DYNATRACE_ISTIO_GUIDE}>
        <p>{DYNATRACE_AMBIENT_STATEMENT}</p>
        <footer>
          Dynatrace,{' '}
          <a href={DYNATRACE_ISTIO_GUIDE} target="_blank" rel="noreferrer noopener">
            Configure OpenTelemetry tracing with Istio
          </a>
        </footer>
      </blockquote>
      <RadioGroup
        name="istio.ambientTracing"
        legend="What should be traced?"
        choices={[
          {
            value: 'sidecar',
            label: 'Switch the workloads to trace to sidecar mode (recommended)',
            hint: 'End-to-end traces with workload metadata, as Dynatrace supports them. The wizard stops here until those namespaces use sidecars.',
          },
          {
            value: 'waypoints',
            label: 'Trace at waypoints and gateways only (not supported by Dynatrace)',
            hint: 'Spans come from the waypoint that handles a request and from gateways, not from the workloads; names and metadata on them describe the waypoint or the destination service. Requests that pass through no waypoint are not traced.',
          },
        ]}
      />
      <p className="hint">
        Mixed mesh? Namespaces in sidecar mode are traced fully either way. See which namespace runs in which mode:
      </p>
      <Command command={AMBIENT_COMMANDS.namespaceModes} what="the command that shows each namespace’s mode" />
      {choice === 'waypoints' && (
        <section className="waypoint-requirements" aria-labelledby="waypoint-requirements-title">
          <h4 id="waypoint-requirements-title">Requirements for tracing at waypoints</h4>
          <ul className="command-steps">
            {WAYPOINT_REQUIREMENTS.map((requirement) => (
              <li key={requirement.id} data-requirement={requirement.id}>
                <strong>{requirement.title}.</strong> {requirement.detail}
                <Command command={requirement.command} what={`the command for: ${requirement.title}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
