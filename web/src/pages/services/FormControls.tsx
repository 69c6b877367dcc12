import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * The controls `<Field>` (inputs) does not cover — a select, a long text, a checkbox — laid out the
 * same way: label, hint, then the error above the control, tied to it by aria-describedby.
 */
type Described = { id: string; label: ReactNode; hint?: string; error?: string };

const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const Notes = ({ id, hint, error }: Omit<Described, 'label'>) => (
  <>
    {hint ? (
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    ) : null}
    {error ? (
      <p id={`${id}-error`} className="field-error">
        {error}
      </p>
    ) : null}
  </>
);

export const SelectField = ({ id, label, hint, error, options, placeholder, ...select }: Described & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder: string }) => (
  <div className={error ? 'field field-invalid' : 'field'}>
    <label htmlFor={id}>{label}</label>
    <Notes id={id} hint={hint} error={error} />
    <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

export const TextAreaField = ({ id, label, hint, error, ...area }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <div className={error ? 'field field-invalid' : 'field'}>
    <label htmlFor={id}>{label}</label>
    <Notes id={id} hint={hint} error={error} />
    <textarea id={id} rows={4} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...area} />
  </div>
);

export const CheckboxField = ({ id, label, hint, error, checked, onChange, required }: Described & { checked: boolean; onChange: (checked: boolean) => void; required?: boolean }) => (
  <div className={error ? 'field field-invalid' : 'field'}>
    <Notes id={id} hint={hint} error={error} />
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  </div>
);
