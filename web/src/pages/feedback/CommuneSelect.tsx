import { useI18n } from '../../i18n/index.tsx';
import { sortByText } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { SelectField } from '../services/FormControls.tsx';
import { FEEDBACK } from './endpoints.ts';

type Commune = { code: string; name: string };

type Props = { id: string; label: string; hint?: string; error?: string; value: string; placeholder?: string; isRequired?: boolean; onChange: (code: string) => void };

/** The province's communes and wards (2025 list), in Vietnamese alphabetical order. */
export const CommuneSelect = ({ id, label, hint, error, value, placeholder, isRequired = false, onChange }: Props) => {
  const { t, lang } = useI18n();
  const communes = useList<Commune>(FEEDBACK.communes);
  const options = communes.kind === 'ok' ? sortByText(communes.items, (c) => c.name, lang).map((c) => ({ value: c.code, label: c.name })) : [];
  return (
    <SelectField
      id={id}
      label={label}
      hint={hint}
      error={error}
      aria-required={isRequired || undefined}
      options={options}
      placeholder={communes.kind === 'loading' ? t('common.loading') : (placeholder ?? t('form.choose'))}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
};
