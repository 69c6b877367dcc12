import { Field } from '../../components/Field.tsx';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { formatNumber, type Lang } from '../../lib/format.ts';
import { CheckboxField, SelectField, TextAreaField } from './FormControls.tsx';
import type { FieldProblem, FormField, FormItem, FormValues } from './schema-form.ts';

/** The input id of a form field (`data.mother.fullName` → `field-data-mother-fullName`). */
export const inputIdOf = (key: string) => `field-data-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A field's label with its required mark spelled out (read by screen readers too). */
export const labelOf = (t: Translate, field: Pick<FormField, 'label' | 'required'>) => (field.required ? t('form.requiredLabel', { label: field.label }) : field.label);

export const problemText = (t: Translate, lang: Lang, problem: FieldProblem): string => {
  switch (problem.kind) {
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
      return t(`form.error.${problem.kind}`, { limit: formatNumber(problem.limit, lang) });
    default:
      return t(`form.error.${problem.kind}`);
  }
};

type Props = {
  items: FormItem[];
  values: FormValues;
  /** Errors by field key: our own check's, or the server's message. */
  errors: Record<string, string>;
  onChange: (key: string, value: string | boolean) => void;
};

const FieldInput = ({ field, value, error, onChange }: { field: FormField; value: string | boolean | undefined; error?: string; onChange: Props['onChange'] }) => {
  const { t } = useI18n();
  const id = inputIdOf(field.key);
  const label = labelOf(t, field);
  const text = typeof value === 'string' ? value : '';
  const common = { id, name: `data.${field.key}`, label, hint: field.hint, error, 'aria-required': field.required || undefined };
  switch (field.kind) {
    case 'boolean':
      return <CheckboxField id={id} label={label} hint={field.hint} error={error} checked={value === true} required={field.required || field.mustBeTrue} onChange={(checked) => onChange(field.key, checked)} />;
    case 'select':
      return <SelectField {...common} options={field.options ?? []} placeholder={t('form.choose')} value={text} onChange={(e) => onChange(field.key, e.target.value)} />;
    case 'textarea':
      return <TextAreaField {...common} value={text} maxLength={field.maxLength} onChange={(e) => onChange(field.key, e.target.value)} />;
    case 'number':
    case 'integer':
      return <Field {...common} type="text" inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'} value={text} onChange={(e) => onChange(field.key, e.target.value)} />;
    default:
      return (
        <Field
          {...common}
          type={field.kind === 'text' ? 'text' : field.kind}
          autoComplete={field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : 'off'}
          value={text}
          maxLength={field.maxLength}
          onChange={(e) => onChange(field.key, e.target.value)}
        />
      );
  }
};

/** The inputs of a procedure's form; one nested level becomes a fieldset with its legend. */
export const SchemaFields = ({ items, values, errors, onChange }: Props) => (
  <>
    {items.map((item) =>
      'group' in item ? (
        <fieldset key={item.group.key} className="form-group">
          <legend>{item.group.label}</legend>
          {item.group.hint ? <p className="hint">{item.group.hint}</p> : null}
          {item.group.fields.map((field) => (
            <FieldInput key={field.key} field={field} value={values[field.key]} error={errors[field.key]} onChange={onChange} />
          ))}
        </fieldset>
      ) : (
        <FieldInput key={item.field.key} field={item.field} value={values[item.field.key]} error={errors[item.field.key]} onChange={onChange} />
      ),
    )}
  </>
);
