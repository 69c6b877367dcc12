import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { fieldsOf, formItemsOf, valuesOf } from './schema-form.ts';
import { StatusBadge } from './StatusBadge.tsx';
import type { Dossier, ProcedureDetail } from './types.ts';
import { useResource } from './use-resource.ts';

/** Status, code, agency and dates of a dossier. */
export const DossierFacts = ({ dossier }: { dossier: Dossier }) => {
  const { t, lang } = useI18n();
  const rows: [string, string | null | undefined][] = [
    [t('dossier.code'), dossier.code],
    [t('trackPage.agency'), dossier.agency.name],
    [t('dossier.owner'), dossier.owner.fullName],
    [t('dossier.assignee'), dossier.assignee?.fullName],
    [t('receipt.submittedAt'), dossier.submittedAt ? formatDateTime(dossier.submittedAt, lang) : null],
    [t('trackPage.receivedAt'), dossier.receivedAt ? formatDateTime(dossier.receivedAt, lang) : null],
    [t('trackPage.dueAt'), dossier.dueAt ? formatDate(dossier.dueAt, lang) : null],
    [t('dossier.originalDueAt'), dossier.originalDueAt && dossier.originalDueAt !== dossier.dueAt ? formatDate(dossier.originalDueAt, lang) : null],
    [t('dossier.fee'), dossier.fee ? formatMoney(dossier.fee.amount, lang) : null],
  ];
  return (
    <dl className="facts panel">
      <dt>{t('trackPage.status')}</dt>
      <dd>
        <StatusBadge status={dossier.status} />
      </dd>
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <FactRow key={label} label={label} value={value!} />
        ))}
    </dl>
  );
};

const FactRow = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

type FileMeta = { originalName: string; size: number };

/** A download link named after the file (its metadata), or "Tải về" until that is known. */
export const FileLink = ({ fileId }: { fileId: string }) => {
  const { t } = useI18n();
  const [meta] = useResource<FileMeta>(`${ENDPOINTS.fileDownload(fileId)}/meta`);
  return (
    <a href={ENDPOINTS.fileDownload(fileId)} download>
      {meta.kind === 'ok' ? meta.value.originalName : t('dossier.download')}
    </a>
  );
};

/** What the citizen filled in, with the form's own labels, and the attached files. */
export const DossierContent = ({ dossier, procedure }: { dossier: Dossier; procedure: ProcedureDetail | null }) => {
  const { t } = useI18n();
  const fields = useMemo(() => fieldsOf(formItemsOf(procedure?.form)), [procedure]);
  const values = valuesOf(fields, dossier.data);
  const shown = fields.filter((f) => values[f.key] !== '' && values[f.key] !== false);
  const optionLabel = (key: string, value: string) => fields.find((f) => f.key === key)?.options?.find((o) => o.value === value)?.label ?? value;
  const docName = (code: string) => procedure?.documents.find((d) => d.code === code)?.name ?? code;
  return (
    <>
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('apply.data')}</h2>
        {shown.length === 0 ? (
          <p>{t('dossier.noData')}</p>
        ) : (
          <dl className="facts">
            {shown.map((f) => (
              <FactRow key={f.key} label={f.label} value={values[f.key] === true ? t('dossier.yes') : optionLabel(f.key, String(values[f.key]))} />
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('apply.documents')}</h2>
        {dossier.documents.length === 0 ? (
          <p>{t('dossier.noDocuments')}</p>
        ) : (
          <ul className="plain-list">
            {dossier.documents.map((d) => (
              <li key={`${d.code}-${d.fileId}`}>
                {docName(d.code)}:{' '}
                <FileLink fileId={d.fileId} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
};
