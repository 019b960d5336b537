import { monaco } from '../../../src/ui/preview/monaco';

monaco.editor.create(document.getElementById('editor')!, {
  value: 'extensionProviders:\n  - name: dynatrace-otel\n    opentelemetry:\n      port: 4318\n',
  language: 'yaml',
  readOnly: true,
  minimap: { enabled: false },
  editContext: false,
});
