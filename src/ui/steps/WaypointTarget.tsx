import { tracesAtWaypoints } from '../../core';
import { TextField, useWizardForm } from '../components/fields';

/** Telemetry step, tracing at waypoints: optionally target one waypoint Gateway instead of a namespace. */
export function WaypointTarget() {
  const { watch } = useWizardForm();
  const ambient = watch('istio.ambient');
  const ambientTracing = watch('istio.ambientTracing');
  if (!tracesAtWaypoints({ istio: { ambient, ambientTracing } })) return null;
  return (
    <fieldset className="field waypoint-target">
      <legend>Waypoint (optional)</legend>
      <p className="hint">
        Name a waypoint to trace only the requests it handles: the Telemetry then targets its Gateway (targetRefs) and
        lives in the waypoint’s namespace; the namespace above is not used. Leave empty to use the namespace above: the
        root namespace reaches every waypoint and gateway. istioctl waypoint list -A shows your waypoints.
      </p>
      <div className="field-row">
        <TextField name="telemetry.waypoint.name" label="Waypoint name" placeholder="waypoint" />
        <TextField name="telemetry.waypoint.namespace" label="Waypoint namespace" placeholder="shop" />
      </div>
    </fieldset>
  );
}
