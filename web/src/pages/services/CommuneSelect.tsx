import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { sortByText } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { SelectField } from './FormControls.tsx';

type CommuneCommittee = { id: string; name: string; communeCode: string | null };

/**
 * For a commune-level procedure: which commune People's Committee handles the dossier. Since
 * July 2025 a citizen may file at any commune of the province, so every one is offered.
 */
export const CommuneSelect = ({ value, error, onChange }: { value: string; error?: string; onChange: (code: string) => void }) => {
  const { t, lang } = useI18n();
  const committees = useList<CommuneCommittee>(ENDPOINTS.communeCommittees, 'agencies');
  const options =
    committees.kind === 'ok'
      ? sortByText(
          committees.items.filter((c) => c.communeCode),
          (c) => c.name,
          lang,
        ).map((c) => ({ value: c.communeCode!, label: c.name }))
      : [];
  return (
    <SelectField
      id="field-communeCode"
      name="communeCode"
      label={t('form.requiredLabel', { label: t('apply.commune') })}
      hint={t('apply.communeHint')}
      error={error}
      aria-required
      options={options}
      placeholder={committees.kind === 'loading' ? t('common.loading') : t('form.choose')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
};
