import { forgetAnswers, keptAnswersOwner, recallUser, rememberUser, setOfflineOwner } from './offline-answers.ts';
import { forgetDrafts, isOffline, sendPendingDrafts } from './offline-drafts.ts';

/**
 * What the session does for offline use (session.tsx calls these): a signed-in citizen's reads are
 * kept on the device and the citizen is remembered, so that the app opens signed in without a
 * network; their kept drafts are sent whenever the network is there; everything kept goes at
 * sign-out, or when the server answers that the session is over.
 */
type Someone = { id: string; roles: string[] };

/** Only citizens keep data on the device (see offline-answers.ts). */
export const keepsOfflineData = (user: Someone): boolean => user.roles.includes('citizen');

/**
 * After a sign-in or a `/me` answer: a different user than the one remembered first clears what
 * the last one left; a citizen's reads are then kept and the citizen remembered.
 */
export const adoptOfflineUser = async (user: Someone): Promise<void> => {
  const previous = keptAnswersOwner();
  if (previous !== null && previous !== user.id) {
    setOfflineOwner(undefined);
    await forgetAnswers();
  }
  if (!keepsOfflineData(user)) {
    setOfflineOwner(undefined);
    return;
  }
  setOfflineOwner(user.id);
  await rememberUser(user.id, user);
};

/** A page opened with no session: reads kept for a session that is over are of no use; they go. */
export const forgetStaleReads = async (): Promise<void> => {
  if (keptAnswersOwner() !== null) await forgetAnswers();
};

/** The citizen remembered on this device, for a start without a network. */
export const rememberedUser = async (): Promise<unknown> => {
  const owner = keptAnswersOwner();
  const user = owner ? ((await recallUser()) as Partial<Someone> | undefined) : undefined;
  return user?.id === owner ? user : undefined;
};

/** Deletes the kept reads and the remembered user (a session the server ended); drafts stay for their owner. */
export const forgetOfflineReads = async (): Promise<void> => {
  setOfflineOwner(undefined);
  await forgetAnswers();
};

/** At sign-out: deletes everything this device keeps, drafts included. */
export const forgetOfflineData = async (): Promise<void> => {
  await forgetOfflineReads();
  await forgetDrafts();
};

/**
 * While a citizen is signed in: sends their kept drafts now (when online) and each time the
 * network returns. Answers the function that stops listening.
 */
export const startDraftSync = (user: Someone): (() => void) => {
  if (!keepsOfflineData(user)) return () => undefined;
  const send = () => {
    if (!isOffline()) void sendPendingDrafts(user.id).catch(() => undefined);
  };
  send();
  window.addEventListener('online', send);
  return () => window.removeEventListener('online', send);
};

/** Before signing out: a last try at sending the kept drafts (they are deleted with the rest after). */
export const sendDraftsBeforeSignOut = async (user: Someone): Promise<void> => {
  if (keepsOfflineData(user) && !isOffline()) await sendPendingDrafts(user.id).catch(() => 0);
};
