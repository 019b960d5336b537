import { useFieldArray, useFormState, get } from 'react-hook-form';
import { customTagTypesFor, VERSION_GATES, type CustomTagType } from '../../core';
import { TextField, useWizardForm } from '../components/fields';

const KIND_LABELS: Record<CustomTagType, string> = {
  literal: 'Fixed value',
  environment: 'Environment variable of the proxy',
  header: 'Request header',
  formatter: 'Access-log format string',
};

const VALUE_LABELS: Record<CustomTagType, { label: string; placeholder: string }> = {
  literal: { label: 'value', placeholder: 'prod-eu-1' },
  environment: { label: 'variable', placeholder: 'POD_NAME' },
  header: { label: 'header', placeholder: 'x-request-id' },
  formatter: { label: 'format', placeholder: '%REQUESTED_SERVER_NAME%' },
};

/** spec.tracing[].customTags: one row per tag, kinds limited to what the chosen Istio version has. */
export function CustomTagsField() {
  const { control, watch, register } = useWizardForm();
  const { fields, append, remove } = useFieldArray({ control, name: 'telemetry.customTags' });
  const { errors } = useFormState({ control, name: 'telemetry.customTags' });
  const version = watch('istio.version');
  const tags = watch('telemetry.customTags');
  const kinds = customTagTypesFor(version);
  return (
    <fieldset className="field custom-tags">
      <legend>Custom tags on every span (optional)</legend>
      <p className="hint">
        Added by the proxies to each span they report. A tag set in a more specific Telemetry replaces these entirely;
        istiod does not merge tags.
        {!kinds.includes('formatter') &&
          ` Tags from an access-log format string need Istio 1.${VERSION_GATES.customTagFormatter.minor} or later.`}
      </p>
      {fields.map((field, index) => {
        const type: CustomTagType = tags[index]?.type ?? 'literal';
        const typeError: { message?: string } | undefined = get(errors, `telemetry.customTags.${index}.type`);
        const selectId = `field-telemetry-customTags-${index}-type`;
        const valueLabel = VALUE_LABELS[type] ?? VALUE_LABELS.literal;
        return (
          <div key={field.id} className="field-row tag-row">
            <TextField
              name={`telemetry.customTags.${index}.name`}
              label={`Tag ${index + 1} name`}
              placeholder="cluster"
            />
            <div className={`field${typeError ? ' has-error' : ''}`}>
              <label htmlFor={selectId}>{`Tag ${index + 1} source`}</label>
              <select
                id={selectId}
                aria-invalid={typeError ? true : undefined}
                {...register(`telemetry.customTags.${index}.type`)}
              >
                {[...new Set([...kinds, type])].map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABELS[kind] ?? kind}
                  </option>
                ))}
              </select>
              {typeError?.message && (
                <p className="error-text" role="alert">
                  {typeError.message}
                </p>
              )}
            </div>
            <TextField
              name={`telemetry.customTags.${index}.value`}
              label={`Tag ${index + 1} ${valueLabel.label}`}
              placeholder={valueLabel.placeholder}
            />
            {(type === 'environment' || type === 'header') && (
              <TextField
                name={`telemetry.customTags.${index}.defaultValue`}
                label={`Tag ${index + 1} default`}
                placeholder="unknown"
                hint="Used when it is missing (optional)."
              />
            )}
            <button
              type="button"
              className="button small"
              onClick={() => remove(index)}
              aria-label={`Remove tag ${index + 1}`}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button small"
        onClick={() => append({ name: '', type: 'literal', value: '', defaultValue: '' })}
      >
        Add tag
      </button>
    </fieldset>
  );
}
