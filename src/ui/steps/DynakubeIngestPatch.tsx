import { useWatch } from 'react-hook-form';
import { dynakubeTelemetryIngestPatch } from '../../core/runtime';
import { Command, useWizardForm } from '../components/fields';

/**
 * Beside the finding "telemetry ingest is off": the DynaKube merge patch that turns it on, and the command that applies
 * it. Loaded only when that finding shows: the first screen does not carry the YAML library for it.
 */
export default function DynakubeIngestPatch() {
  const { control } = useWizardForm();
  const [dynakubeName, namespace, serviceName] = useWatch({
    control,
    name: ['operator.dynakubeName', 'operator.namespace', 'operator.serviceName'],
  });
  const patch = dynakubeTelemetryIngestPatch({ dynakubeName, namespace, serviceName });
  return (
    <section className="card" aria-labelledby="dynakube-patch-title" data-testid="dynakube-patch">
      <h3 id="dynakube-patch-title">Turn telemetry ingest on: a patch for your DynaKube</h3>
      <p className="hint">
        Save it as <code>{patch.fileName}</code> and apply it; nothing else in your DynaKube changes.
      </p>
      <Command command={patch.text.trimEnd()} what="the DynaKube patch" />
      <Command command={patch.command} what="the command that applies the DynaKube patch" />
      <p className="hint">{patch.alsoNeeded}</p>
    </section>
  );
}
