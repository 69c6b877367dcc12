import type { Db } from '../db/pool.ts';
import { resolveYear, type ResolvedYear } from './holidays.ts';
import { loadEditedTables, type StoredYearTable } from './store.ts';
import { WorkingCalendar } from './working-time.ts';

/**
 * The province's working calendar as the app uses it: the shipped tables and rules, overridden
 * by administrators' edited year tables from the database. Edits are few, so they are held in
 * memory; an edit on this instance refreshes at once, and every instance re-reads the edited
 * tables at most `refreshMs` after a change made elsewhere (several app instances share one DB).
 */
export class CalendarService {
  private edited = new Map<number, StoredYearTable>();
  private calendar = new WorkingCalendar({ resolver: (year) => this.resolve(year) });
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly refreshMs = 30_000,
  ) {}

  /** The days off and make-up days of a year: the edited table, else the shipped one, else the rules. */
  resolve(year: number): ResolvedYear {
    const table = this.edited.get(year);
    return table ? resolveYear(year, { table }) : resolveYear(year);
  }

  editedTable(year: number): StoredYearTable | undefined {
    return this.edited.get(year);
  }

  /**
   * The current working calendar. Only the first call waits for the edited tables; after that,
   * tables older than `refreshMs` are re-read in the background and this answers at once, so that
   * a caller inside a transaction (holding a pool connection) never waits for a second connection
   * from the same pool: under load that wait could take every connection and never end.
   */
  async current(): Promise<WorkingCalendar> {
    if (this.loadedAt === 0) await this.reload();
    else if (Date.now() - this.loadedAt > this.refreshMs) void this.reload().catch(() => undefined);
    return this.calendar;
  }

  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        this.edited = await loadEditedTables(this.db);
        this.calendar.invalidate();
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    await this.loading;
  }
}
