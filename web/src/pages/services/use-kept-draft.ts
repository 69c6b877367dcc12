import { useEffect, useState } from 'react';
import { readDraft, type LocalDraft } from '../../lib/offline-drafts.ts';

export type KeptDraft = { kind: 'loading' } | { kind: 'done'; draft: LocalDraft | null };

const NONE: KeptDraft = { kind: 'done', draft: null };

/**
 * The draft this device keeps under `key` for `owner` (written offline, maybe sent since), read
 * once; `done` with null when there is none or no key. Waits while the owner is not known yet.
 */
export const useKeptDraft = (owner: string | null, key: string | null): KeptDraft => {
  const [state, setState] = useState<KeptDraft>({ kind: 'loading' });
  useEffect(() => {
    if (!owner || !key) return undefined;
    let isCurrent = true;
    void readDraft(owner, key).then((draft) => {
      if (isCurrent) setState({ kind: 'done', draft: draft ?? null });
    });
    return () => {
      isCurrent = false;
    };
  }, [owner, key]);
  return key ? state : NONE;
};
