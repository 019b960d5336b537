import { applyMinimalEdit } from '../../../src/ui/preview/apply-minimal-edit';
import { monaco } from '../../../src/ui/preview/monaco';

const telemetry = (namespace: string) =>
  `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: dynatrace-tracing\n  namespace: ${namespace}\nspec:\n  tracing:\n    - providers:\n        - name: dynatrace-otel\n      randomSamplingPercentage: 1\n`;

const input = document.getElementById('value') as HTMLInputElement;
// The same options as the wizard's previews (src/ui/preview/MonacoView.tsx) that bear on editing and drawing.
const editor = monaco.editor.create(document.getElementById('preview')!, {
  value: telemetry(input.value),
  language: 'yaml',
  readOnly: true,
  domReadOnly: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  lineHeight: 19,
  fontSize: 13,
  renderLineHighlight: 'none',
  wordWrap: 'off',
  editContext: false,
});
input.addEventListener('input', () => {
  const model = editor.getModel();
  if (model && applyMinimalEdit(model, telemetry(input.value))) editor.render();
});
