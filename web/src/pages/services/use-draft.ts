import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { newIdempotencyKey } from './idempotency.ts';
import type { Filed } from './types.ts';

/** What a draft holds: the procedure's form data, the attached files, the chosen commune. */
export type DraftPayload = { data: Record<string, unknown>; documents: { code: string; fileId: string }[]; communeCode?: string };

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; problem: Problem };

const DELAY_MS = 1200;

/**
 * Auto-saves a dossier draft: the first change creates it (`POST /api/dossiers`, submit false,
 * with one Idempotency-Key so a retry makes no second draft), later ones update it
 * (`PATCH /api/dossiers/{id}`), each after a short pause in typing; one save at a time.
 * `flush()` saves what is pending now and answers the draft's id (before submitting).
 */
export const useDraft = (procedureCode: string, initialId: string | null, payload: DraftPayload, onCreated: (id: string) => void) => {
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const id = useRef<string | null>(initialId);
  const latest = useRef(payload);
  // A new form holds its defaults: no draft is made until the citizen changes something.
  const initialJson = useRef(JSON.stringify(payload));
  const savedJson = useRef<string | null>(initialId ? initialJson.current : null);
  const running = useRef<Promise<void> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const createKey = useRef(newIdempotencyKey());
  const created = useRef(onCreated);
  latest.current = payload;
  created.current = onCreated;

  const saveNow = useCallback(async (): Promise<void> => {
    while (running.current) await running.current.catch(() => undefined);
    const body = latest.current;
    const json = JSON.stringify(body);
    if (json === savedJson.current || (!id.current && json === initialJson.current)) return;
    setStatus({ kind: 'saving' });
    const work = (async () => {
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
          created.current(draft.id);
        }
        savedJson.current = json;
        setStatus({ kind: 'saved', at: new Date() });
      } catch (error) {
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
  }, [procedureCode]);

  const json = JSON.stringify(payload);
  useEffect(() => {
    if (json === savedJson.current) return undefined;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow().catch(() => undefined), DELAY_MS);
    return () => window.clearTimeout(timer.current);
  }, [json, saveNow]);

  /** Saves any pending change now; the draft's id, or null when nothing was ever saved. */
  const flush = useCallback(async (): Promise<string | null> => {
    window.clearTimeout(timer.current);
    await saveNow();
    return id.current;
  }, [saveNow]);

  return { status, flush, draftId: id.current };
};
