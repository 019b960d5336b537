import type { StepProps } from '../wizard/step-props';
import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { StepColumns } from '../components/StepColumns';
import { YamlPreview } from '../preview/YamlPreview';
import { PrivateCaFields, usePrivateCa } from './PrivateCaFields';

export function ServiceEntryStep({ generation }: StepProps) {
  const privateCa = usePrivateCa();
  const preview = (
    <PreviewGate generation={generation}>
      {(bundle) =>
        bundle.serviceEntry.needed ? (
          <>
            <p>
              Port 80 maps to the tenant’s HTTPS port and TLS is originated on port 80 only, so applications that call
              Dynatrace over HTTPS themselves keep working (the older port-443 snippet broke them).
            </p>
            {bundle.serviceEntry.scope.length > 0 && (
              <div className="notice" role="status" data-testid="private-ca-scope">
                <p>Who trusts your CA:</p>
                <ul>
                  {bundle.serviceEntry.scope.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            )}
            <YamlPreview
              fileName={bundle.serviceEntry.fileName}
              content={bundle.serviceEntry.text}
              stale={generation.stale}
            />
            <FindingList findings={bundle.findings.filter((finding) => finding.step === 'service-entry')} />
          </>
        ) : (
          <div className="notice success" role="status" data-testid="no-service-entry">
            <p>
              <strong>No action needed.</strong> {bundle.serviceEntry.reason}
            </p>
          </div>
        )
      }
    </PreviewGate>
  );
  return (
    <div className="step-body">
      {privateCa ? <StepColumns fields={<PrivateCaFields />} preview={preview} /> : preview}
    </div>
  );
}
