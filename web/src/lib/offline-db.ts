/**
 * The app's IndexedDB database, for what a citizen may read or write without a network: the last
 * answers of their own pages (`answers`) and the drafts kept on the device until they can be sent
 * (`drafts`). Every record names its `owner` (a user id), so one user's records are never read
 * for another and all of them go at sign-out. Where IndexedDB is missing or refused (some private
 * modes), reads find nothing and writes are dropped: the app works as before, online only.
 */
export type StoreName = 'answers' | 'drafts';
export type OwnedRecord = { key: string; owner: string };

const NAME = 'tinhso-offline';
const VERSION = 1;
const STORES: StoreName[] = ['answers', 'drafts'];

let opening: Promise<IDBDatabase | null> | undefined;

const openDb = (): Promise<IDBDatabase | null> =>
  (opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(NAME, VERSION);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name, { keyPath: 'key' }).createIndex('owner', 'owner');
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  }));

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

/** Runs `work` on one store; resolves `fallback` when there is no database or the request fails. */
const withStore = async <T>(name: StoreName, mode: IDBTransactionMode, fallback: T, work: (store: IDBObjectStore) => Promise<T>): Promise<T> => {
  const db = await openDb();
  if (!db) return fallback;
  try {
    const tx = db.transaction(name, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = await work(tx.objectStore(name));
    await committed;
    return result;
  } catch {
    return fallback;
  }
};

export const readRecord = <T extends OwnedRecord>(name: StoreName, key: string): Promise<T | undefined> =>
  withStore(name, 'readonly', undefined, (store) => done(store.get(key) as IDBRequest<T | undefined>));

/** Writes (or replaces) a record; false when it could not be kept. */
export const writeRecord = <T extends OwnedRecord>(name: StoreName, record: T): Promise<boolean> =>
  withStore(name, 'readwrite', false, async (store) => {
    await done(store.put(record));
    return true;
  });

export const deleteRecord = (name: StoreName, key: string): Promise<void> =>
  withStore(name, 'readwrite', undefined, async (store) => {
    await done(store.delete(key));
  });

export const recordsOf = <T extends OwnedRecord>(name: StoreName, owner: string): Promise<T[]> =>
  withStore(name, 'readonly', [] as T[], (store) => done(store.index('owner').getAll(owner) as IDBRequest<T[]>));

/** Deletes the records of `owner`, or of everyone when no owner is given. */
export const deleteRecordsOf = (name: StoreName, owner?: string): Promise<void> =>
  withStore(name, 'readwrite', undefined, async (store) => {
    if (owner === undefined) {
      await done(store.clear());
      return;
    }
    const keys = await done(store.index('owner').getAllKeys(owner));
    await Promise.all(keys.map((key) => done(store.delete(key))));
  });
