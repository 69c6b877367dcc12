import { useI18n } from '../../i18n/index.tsx';
import type { StoredPaper } from './stored-papers.ts';

/**
 * "Or pick a paper from my document store": a paper digitised for an earlier dossier (or a result
 * issued electronically) attached instead of a new upload. Papers recorded for the same document
 * come first; the API accepts any file of the citizen's store.
 */
export const StoredPaperPicker = ({ id, code, papers, attachedIds, onPick }: { id: string; code: string; papers: StoredPaper[]; attachedIds: string[]; onPick: (p: StoredPaper) => void }) => {
  const { t } = useI18n();
  const offered = [...papers.filter((p) => p.documentCode === code), ...papers.filter((p) => p.documentCode !== code)].filter((p) => !attachedIds.includes(p.fileId));
  if (offered.length === 0) return null;
  const selectId = `${id}-stored`;
  return (
    <div className="field">
      <label htmlFor={selectId}>{t('store.useStored')}</label>
      <select
        id={selectId}
        value=""
        onChange={(e) => {
          const paper = offered.find((p) => p.id === e.currentTarget.value);
          if (paper) onPick(paper);
        }}
      >
        <option value="">{t('store.pickNone')}</option>
        {offered.map((p) => (
          <option key={p.id} value={p.id}>
            {p.dossierCode ? `${p.name} (${p.dossierCode})` : p.name}
          </option>
        ))}
      </select>
    </div>
  );
};
