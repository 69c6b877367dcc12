import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, NETWORK_PROBLEM_TYPE, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { claimDraft, dropDraft, isNetworkError, isOffline, keepDraft, localKeyOf, markDraftSent, type DraftBody, type LocalDraft } from '../../lib/offline-drafts.ts';
import { newIdempotencyKey } from './idempotency.ts';
import type { Filed } from './types.ts';

/** What a draft holds: the procedure's form data, the attached files, the chosen commune. */
export type DraftPayload = DraftBody;

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** Kept on the device (no network): sent when the network returns. */
  | { kind: 'local'; at: Date }
  | { kind: 'failed'; problem: Problem };

export type DraftOptions = {
  /** The signed-in citizen: drafts kept on the device are theirs. */
  owner: string;
  procedureName?: string;
  /** A draft kept on this device that the page opened with (it wins over the server's copy). */
  local: LocalDraft | null;
  onCreated: (id: string) => void;
  /** The first time a draft with no server id yet is kept on the device, under `key`. */
  onKeptLocally: (key: string) => void;
};

const DELAY_MS = 1200;
/** Online but the server cannot be reached: try again after this long. */
const RETRY_MS = 15_000;

/**
 * Auto-saves a dossier draft: the first change creates it (`POST /api/dossiers`, submit false,
 * with one Idempotency-Key so a retry makes no second draft), later ones update it
 * (`PATCH /api/dossiers/{id}`), each after a short pause in typing; one save at a time.
 * Without a network the draft is kept on the device (IndexedDB, lib/offline-drafts.ts) and sent,
 * with the same Idempotency-Key, as soon as the network returns.
 * `flush()` saves what is pending now and answers the draft's id (before submitting).
 */
export const useDraft = (procedureCode: string, initialId: string | null, payload: DraftPayload, options: DraftOptions) => {
  const { local } = options;
  const [status, setStatus] = useState<DraftStatus>(() => (local?.body ? { kind: 'local', at: new Date(local.savedAt) } : { kind: 'idle' }));
  const id = useRef<string | null>(initialId ?? local?.serverId ?? null);
  const latest = useRef(payload);
  // A new form holds its defaults: no draft is made until the citizen changes something.
  const initialJson = useRef(JSON.stringify(payload));
  const savedJson = useRef<string | null>(id.current || local?.body ? initialJson.current : null);
  /** The key of the record on this device whose content the server does not have yet. */
  const keptKey = useRef<string | null>(local?.body ? local.key : null);
  const running = useRef<Promise<void> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const createKey = useRef(local?.idempotencyKey ?? newIdempotencyKey());
  const opts = useRef(options);
  latest.current = payload;
  opts.current = options;

  const keepLocally = useCallback(
    async (body: DraftPayload, json: string) => {
      const key = id.current ?? keptKey.current ?? localKeyOf(createKey.current);
      const { owner, procedureName, onKeptLocally } = opts.current;
      const at = new Date();
      const isKept = await keepDraft({ key, owner, procedureCode, procedureName, serverId: id.current, idempotencyKey: createKey.current, body, savedAt: at.toISOString() });
      if (!isKept) {
        // No storage on this device either: what was typed is still on the page.
        setStatus({ kind: 'failed', problem: { type: NETWORK_PROBLEM_TYPE, title: 'Network error', status: 0 } });
        return;
      }
      if (!id.current && keptKey.current !== key) onKeptLocally(key);
      keptKey.current = key;
      savedJson.current = json;
      setStatus({ kind: 'local', at });
    },
    [procedureCode],
  );

  const saveNow = useCallback(async (): Promise<void> => {
    while (running.current) await running.current.catch(() => undefined);
    const body = latest.current;
    const json = JSON.stringify(body);
    const isBehind = keptKey.current !== null;
    if (!isBehind && (json === savedJson.current || (!id.current && json === initialJson.current))) return;
    const work = (async () => {
      if (isOffline()) {
        await keepLocally(body, json);
        return;
      }
      setStatus({ kind: 'saving' });
      try {
        if (id.current) {
          await api(ENDPOINTS.dossier(id.current), { method: 'PATCH', body });
        } else {
          const draft = await api<Filed>(ENDPOINTS.dossiers, {
            method: 'POST',
            body: { procedureCode, ...body, submit: false },
            headers: { 'Idempotency-Key': createKey.current },
          });
          id.current = draft.id;
          opts.current.onCreated(draft.id);
        }
        savedJson.current = json;
        if (keptKey.current) await markDraftSent(keptKey.current, id.current);
        keptKey.current = null;
        setStatus({ kind: 'saved', at: new Date() });
      } catch (error) {
        if (isNetworkError(error)) {
          await keepLocally(body, json);
          if (!isOffline()) timer.current = window.setTimeout(() => void saveNow().catch(() => undefined), RETRY_MS);
          return;
        }
        if (error instanceof ApiError) setStatus({ kind: 'failed', problem: error.problem });
        throw error;
      }
    })();
    running.current = work;
    try {
      await work;
    } finally {
      running.current = null;
    }
  }, [procedureCode, keepLocally]);

  const json = JSON.stringify(payload);
  useEffect(() => {
    if (json === savedJson.current) return undefined;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow().catch(() => undefined), DELAY_MS);
    return () => window.clearTimeout(timer.current);
  }, [json, saveNow]);

  // What is kept on the device goes to the server now (when online) and whenever the network returns.
  useEffect(() => {
    const sendKept = () => {
      if (keptKey.current && !isOffline()) void saveNow().catch(() => undefined);
    };
    sendKept();
    window.addEventListener('online', sendKept);
    return () => window.removeEventListener('online', sendKept);
  }, [saveNow]);

  // While this form is open it sends its own kept draft; the background sender leaves it alone.
  const keys = [keptKey.current, id.current, local?.key].filter((k): k is string => k !== null && k !== undefined);
  const keyList = keys.join(' ');
  useEffect(() => {
    const releases = keyList.split(' ').filter(Boolean).map(claimDraft);
    return () => releases.forEach((release) => release());
  }, [keyList]);

  /** Saves any pending change now; the draft's id, or null when nothing was ever saved. */
  const flush = useCallback(async (): Promise<string | null> => {
    window.clearTimeout(timer.current);
    await saveNow();
    return id.current;
  }, [saveNow]);

  /** After filing: nothing kept on the device is to be sent any more. */
  const forgetKept = useCallback(async () => {
    const key = keptKey.current;
    keptKey.current = null;
    if (key) await dropDraft(key);
  }, []);

  return { status, flush, forgetKept, draftId: id.current };
};
