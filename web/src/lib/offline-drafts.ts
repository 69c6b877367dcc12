import { api, ApiError, NETWORK_PROBLEM_TYPE } from './api.ts';
import { ENDPOINTS } from './endpoints.ts';
import { deleteRecord, deleteRecordsOf, readRecord, recordsOf, writeRecord, type OwnedRecord } from './offline-db.ts';

/**
 * Dossier drafts kept on the device while there is no network ("Đã lưu trên máy, sẽ gửi khi có
 * mạng"), and sent when it returns. A draft not yet on the server is created with the
 * Idempotency-Key it was given when first kept, so sending it twice (two tabs, a lost answer)
 * still makes one dossier; a draft already on the server is replaced whole (PATCH), which is
 * idempotent by itself. Once sent, the record keeps only the server's id (`sentAs`), so that an
 * address holding the local key still finds the draft.
 */
export type DraftBody = { data: Record<string, unknown>; documents: { code: string; fileId: string }[]; communeCode?: string };

export type LocalDraft = OwnedRecord & {
  procedureCode: string;
  procedureName?: string;
  /** The dossier's id on the server, when the draft was saved there before. */
  serverId: string | null;
  idempotencyKey: string;
  body: DraftBody | null;
  savedAt: string;
  /** Set once sent: the server's id of the dossier. */
  sentAs?: string;
};

/** The key of a draft that has no server id yet (the address carries it: `?local=`). */
export const localKeyOf = (idempotencyKey: string) => `local-${idempotencyKey}`;

export const isNetworkError = (error: unknown): boolean => error instanceof ApiError && error.problem.type === NETWORK_PROBLEM_TYPE;

/** Whether nothing can reach the server now: the browser says offline. */
export const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

export const keepDraft = (draft: LocalDraft): Promise<boolean> => writeRecord('drafts', draft);

export const readDraft = async (owner: string, key: string): Promise<LocalDraft | undefined> => {
  const draft = await readRecord<LocalDraft>('drafts', key);
  return draft?.owner === owner ? draft : undefined;
};

/** The drafts of `owner` still waiting to be sent, newest first. */
export const pendingDrafts = async (owner: string): Promise<LocalDraft[]> =>
  (await recordsOf<LocalDraft>('drafts', owner)).filter((d) => d.body && !d.sentAs).sort((a, b) => b.savedAt.localeCompare(a.savedAt));

export const forgetDrafts = (owner?: string): Promise<void> => deleteRecordsOf('drafts', owner);

/** Drafts an open form is sending itself: the background sender leaves them alone. */
const claimed = new Set<string>();
export const claimDraft = (key: string) => {
  claimed.add(key);
  return () => {
    claimed.delete(key);
  };
};

/**
 * Records that the draft kept under `key` is now on the server as `id`: a record keyed by the
 * server id has nothing left to say; one under a local key keeps the way to the dossier.
 */
export const markDraftSent = async (key: string, id: string): Promise<void> => {
  if (key === id) {
    await deleteRecord('drafts', key);
    return;
  }
  const draft = await readRecord<LocalDraft>('drafts', key);
  if (draft) await keepDraft({ ...draft, body: null, serverId: id, sentAs: id });
};

/** Deletes one kept draft (filed from the form, so nothing is left to send). */
export const dropDraft = (key: string): Promise<void> => deleteRecord('drafts', key);

/**
 * Sends one kept draft (create with its Idempotency-Key, or replace) and records that it was sent;
 * answers the dossier's id. Throws the API's error; a draft the server no longer takes (filed
 * meanwhile: 409, gone: 404) is dropped from the device before the error is thrown.
 */
export const sendDraft = async (draft: LocalDraft): Promise<string> => {
  if (!draft.body) throw new Error('sendDraft: nothing to send');
  let id: string;
  try {
    if (draft.serverId) {
      await api(ENDPOINTS.dossier(draft.serverId), { method: 'PATCH', body: draft.body });
      id = draft.serverId;
    } else {
      const created = await api<{ id: string }>(ENDPOINTS.dossiers, {
        method: 'POST',
        body: { procedureCode: draft.procedureCode, ...draft.body, submit: false },
        headers: { 'Idempotency-Key': draft.idempotencyKey },
      });
      id = created.id;
    }
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) await deleteRecord('drafts', draft.key);
    throw error;
  }
  await markDraftSent(draft.key, id);
  return id;
};

let sending: Promise<number> | undefined;

/**
 * Sends every waiting draft of `owner` that no open form has claimed; answers how many were sent.
 * One run at a time; a draft that fails stays for the next run (unless the server refused it for
 * good, see `sendDraft`); the first network failure ends the run.
 */
export const sendPendingDrafts = (owner: string): Promise<number> =>
  (sending ??= (async () => {
    let sent = 0;
    try {
      for (const draft of await pendingDrafts(owner)) {
        if (claimed.has(draft.key)) continue;
        try {
          await sendDraft(draft);
          sent += 1;
        } catch (error) {
          if (isNetworkError(error)) break;
        }
      }
    } finally {
      sending = undefined;
    }
    return sent;
  })());
