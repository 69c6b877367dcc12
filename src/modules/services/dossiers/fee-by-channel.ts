import type { DossierChannel } from './dossier-store.ts';
import type { ProcedureForDossier } from './procedure-source.ts';

/**
 * Fees that differ by channel (online filing is often cheaper): each line of a procedure's fee
 * table says which filings owe it — `online` (this site and the national portal), `counter`
 * (filed in person), `any` or unset (both). A dossier owes the lines of its channel.
 */
export type FeeLine = { name: string; amount: number };

export const feeChannelOf = (channel: DossierChannel): 'online' | 'counter' => (channel === 'counter' ? 'counter' : 'online');

export const feeLinesFor = (fees: ProcedureForDossier['fees'], channel: DossierChannel): FeeLine[] =>
  fees
    .filter((f) => f.amount > 0 && (f.channel === undefined || f.channel === 'any' || f.channel === feeChannelOf(channel)))
    .map((f) => ({ name: f.name, amount: f.amount }));

/** What a dossier filed through `channel` owes by the fee table (0 when nothing). */
export const feeAmountFor = (fees: ProcedureForDossier['fees'], channel: DossierChannel): number =>
  feeLinesFor(fees, channel).reduce((sum, f) => sum + f.amount, 0);
