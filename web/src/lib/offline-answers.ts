import { deleteRecord, deleteRecordsOf, readRecord, writeRecord, type OwnedRecord } from './offline-db.ts';

/**
 * The citizen's pages readable offline: the last answer of each API read listed in `KEPT`, stored
 * per user on the device and given back by `api()` when the network is down. Only citizens' own
 * records are kept (an officer's queue holds other people's data and stays online-only); the
 * signed-in citizen is remembered so that the app opens signed in offline; all of it is deleted at
 * sign-out and when the server says the session is over.
 */
type Answer = OwnedRecord & { path: string; body: unknown; at: number };
type RememberedUser = OwnedRecord & { user: unknown; at: number };

/** API reads kept for offline reading: the citizen's dossiers, a dossier, its receipt, a procedure, the commune list. */
const KEPT = [
  /^\/api\/dossiers\?mine=true(&|$)/,
  /^\/api\/dossiers\/[0-9a-f-]{36}(\/receipt)?$/i,
  /^\/api\/procedures\/[^/?#]+$/,
  /^\/api\/agencies\?kind=commune_committee$/,
];
const USER_KEY = 'session-user';
/**
 * In localStorage, the id of the user whose answers are kept: read without opening the database
 * (a guest's page load, deciding at sign-in whether to clear another user's answers).
 */
const MARK = 'tinhso.offlineOwner';

const setMark = (userId: string | null) => {
  try {
    if (userId) window.localStorage.setItem(MARK, userId);
    else window.localStorage.removeItem(MARK);
  } catch {
    // storage refused: nothing is kept either
  }
};

/** The user whose answers this device may hold (their session may be over), or null. */
export const keptAnswersOwner = (): string | null => {
  try {
    return window.localStorage.getItem(MARK);
  } catch {
    return null;
  }
};

export const isKeptOffline = (path: string): boolean => KEPT.some((pattern) => pattern.test(path));

/** Whose answers are kept: set by the session for a signed-in citizen, cleared otherwise. */
let owner: string | undefined;
export const setOfflineOwner = (userId: string | undefined) => {
  owner = userId;
};

export const rememberAnswer = async (path: string, body: unknown): Promise<void> => {
  if (!owner || !isKeptOffline(path)) return;
  await writeRecord<Answer>('answers', { key: `${owner} ${path}`, owner, path, body, at: Date.now() });
};

/** The last answer kept for `path` for the signed-in citizen, if any. */
export const recallAnswer = async (path: string): Promise<unknown> => {
  if (!owner || !isKeptOffline(path)) return undefined;
  return (await readRecord<Answer>('answers', `${owner} ${path}`))?.body;
};

/** Remembers who is signed in, so that a page opened offline knows them. */
export const rememberUser = async (userId: string, user: unknown): Promise<void> => {
  setMark(userId);
  await writeRecord<RememberedUser>('answers', { key: USER_KEY, owner: userId, user, at: Date.now() });
};

export const recallUser = async (): Promise<unknown> => (await readRecord<RememberedUser>('answers', USER_KEY))?.user;

/** Deletes the kept answers of `userId` (or of everyone) and the remembered user. */
export const forgetAnswers = async (userId?: string): Promise<void> => {
  await deleteRecord('answers', USER_KEY);
  await deleteRecordsOf('answers', userId);
  if (userId === undefined || userId === keptAnswersOwner()) setMark(null);
};
