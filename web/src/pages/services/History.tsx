import { useI18n } from '../../i18n/index.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { actionLabel, statusLabel } from './labels.ts';
import type { DossierEvent, ProcedureDocument } from './types.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The checklist of a supplement request, as document names. */
export const checklistOf = (event: DossierEvent | undefined, documents: ProcedureDocument[] = []): string[] => {
  const list = event?.data?.checklist;
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const code = typeof item === 'string' ? item : typeof item === 'object' && item ? String((item as { code?: unknown }).code ?? '') : '';
    return documents.find((d) => d.code === code)?.name ?? (typeof item === 'object' && item ? String((item as { name?: unknown }).name ?? code) : code);
  });
};

/** Every step of a dossier, oldest first: who did what and when, with the reason and new dates. */
export const History = ({ events, documents }: { events: DossierEvent[]; documents?: ProcedureDocument[] }) => {
  const { t, lang } = useI18n();
  if (events.length === 0) return <p>{t('history.none')}</p>;
  return (
    <ol className="history">
      {events.map((e, i) => {
        const data = e.data ?? {};
        const reason = text(data.reason);
        const note = text(data.note);
        const checklist = checklistOf(e, documents);
        const amount = typeof data.amount === 'number' && Number.isInteger(data.amount) ? data.amount : undefined;
        const statusChanged = e.toStatus !== undefined && e.toStatus !== null && e.toStatus !== e.fromStatus;
        return (
          <li key={e.seq ?? i}>
            <p className="history-head">
              <strong>{actionLabel(t, e.action)}</strong> <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            </p>
            {e.actorName ? <p>{t('history.by', { name: e.actorName })}</p> : null}
            {statusChanged ? <p>{t('history.status', { status: statusLabel(t, e.toStatus) })}</p> : null}
            {reason ? <p>{t('history.reason', { reason })}</p> : null}
            {checklist.length > 0 ? (
              <>
                <p>{t('history.checklist')}</p>
                <ul className="plain-list">
                  {checklist.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {note ? <p>{t('history.note', { note })}</p> : null}
            {isDate(data.newDueAt) ? <p>{t('history.newDueAt', { date: formatDate(data.newDueAt, lang) })}</p> : null}
            {amount !== undefined ? <p>{t('history.amount', { amount: formatMoney(amount, lang) })}</p> : null}
            {text(e.comment) && e.comment !== reason ? <p>{t('history.comment', { comment: e.comment! })}</p> : null}
          </li>
        );
      })}
    </ol>
  );
};
