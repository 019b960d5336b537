import type { ReactNode } from 'react';
import { get, useFormContext, useFormState, type FieldPath } from 'react-hook-form';
import { textOf, type Model, type ModelInput } from '../../core';
import { CopyButton } from './CopyButton';

type Name = FieldPath<ModelInput>;

export function useWizardForm() {
  return useFormContext<ModelInput, unknown, Model>();
}

function useFieldError(name: Name): string | undefined {
  const { errors } = useFormState<ModelInput>({ name });
  const error: { message?: string } | undefined = get(errors, name);
  return error?.message;
}

const idFor = (name: string) => `field-${name.replace(/\./g, '-')}`;

interface TextFieldProps {
  name: Name;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'decimal';
  type?: 'text' | 'password';
  autoComplete?: string;
  children?: ReactNode;
}

/** A labelled text input with its hint and, as the user types, its error right below it. */
export function TextField({
  name,
  label,
  hint,
  placeholder,
  inputMode = 'text',
  type = 'text',
  autoComplete = 'off',
  children,
}: TextFieldProps) {
  const { register, getValues } = useWizardForm();
  const error = useFieldError(name);
  const id = idFor(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        {/* The box lets the input lay itself out alone (styles.css, .input-box): a flex item cannot. */}
        <div className="input-box">
          <input
            id={id}
            type={type}
            inputMode={inputMode}
            placeholder={placeholder}
            autoComplete={autoComplete}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            // Also in the prerendered HTML, before any script runs.
            defaultValue={textOf(getValues(name))}
            {...register(name)}
          />
        </div>
        {children}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function CheckboxField({ name, label, hint }: { name: Name; label: ReactNode; hint?: ReactNode }) {
  const { register, getValues } = useWizardForm();
  const id = idFor(name);
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        defaultChecked={getValues(name) === true}
        {...register(name)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

export function RadioGroup({
  name,
  legend,
  choices,
  hint,
}: {
  name: Name;
  legend: string;
  choices: Choice[];
  hint?: ReactNode;
}) {
  const { register, getValues } = useWizardForm();
  const error = useFieldError(name);
  const id = idFor(name);
  return (
    <fieldset
      className={`field radio-group${error ? ' has-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {choices.map((choice) => (
        <div key={choice.value} className="radio">
          <input
            id={`${id}-${choice.value}`}
            type="radio"
            value={choice.value}
            disabled={choice.disabled}
            defaultChecked={getValues(name) === choice.value}
            aria-describedby={choice.hint ? `${id}-${choice.value}-hint` : undefined}
            {...register(name)}
          />
          <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
          {choice.hint && (
            <p id={`${id}-${choice.value}-hint`} className="hint">
              {choice.hint}
            </p>
          )}
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A shell command with its copy button. */
export function Command({ command, what }: { command: string; what: string }) {
  return (
    <div className="command">
      <pre tabIndex={0} aria-label={what}>
        <code>{command}</code>
      </pre>
      <CopyButton text={command} what={what} />
    </div>
  );
}
