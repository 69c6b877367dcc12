import type { Queryable } from '../../../platform/db/pool.ts';
import { findProcedure } from '../procedures/index.ts';

/**
 * What a dossier needs to know of its procedure, read through the catalogue's use case
 * (`findProcedure`); this adapter is the one place that knows where procedures come from.
 */
export type ProcedureDocument = { code: string; name: string; required: boolean };
export type ProcedureForDossier = {
  code: string;
  /** The code in the national catalogue, when the catalogue records it. */
  nationalCode: string | null;
  name: string;
  field: string;
  level: 'province' | 'commune';
  /** A national agency code, or the catalogue's placeholder for commune-level procedures. */
  agencyCode: string;
  days: number | null;
  hours: number | null;
  restartOnSupplement: boolean;
  online: 'toan-trinh' | 'mot-phan';
  documents: ProcedureDocument[];
  /** The fee table; a line's `channel` (online, counter, any) says which filings owe it (fee-by-channel.ts). */
  fees: { name: string; amount: number; channel?: 'online' | 'counter' | 'any' }[];
  form: unknown;
  active: boolean;
  /** VNeID level a citizen needs to file it online (modules/identity); counter filing ignores it. */
  minIdentityLevel: number;
  updatedAt: Date;
};

export const loadProcedure = async (db: Queryable, code: string): Promise<ProcedureForDossier | undefined> => {
  const p = await findProcedure(db, code);
  if (!p) return undefined;
  return {
    code: p.code,
    nationalCode: p.nationalCode,
    name: p.name,
    field: p.field,
    level: p.level,
    agencyCode: p.agencyCode,
    days: p.days,
    hours: p.hours,
    restartOnSupplement: p.restartOnSupplement,
    online: p.online,
    documents: p.documents.map((d) => ({ code: d.code, name: d.name, required: d.required })),
    fees: p.fees.map((f) => ({ name: f.name, amount: f.amount, channel: f.channel })),
    form: p.form,
    active: p.active,
    minIdentityLevel: p.minIdentityLevel,
    updatedAt: new Date(p.updatedAt),
  };
};
