/**
 * Reads the columns of every table from the SQL migrations (CREATE TABLE and ALTER TABLE … ADD
 * COLUMN), so the register test can list the tables that hold personal data without a database.
 * A small reader for our own migrations, not a SQL parser: function bodies ($$ … $$) and comments
 * are dropped first.
 */
export type TableColumns = Map<string, Map<string, string>>;

const stripNoise = (sql: string) =>
  sql
    .replace(/\$\$[\s\S]*?\$\$/g, '')
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '');

/** Splits on commas outside parentheses. */
const topLevelParts = (body: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  return [...parts, current].map((p) => p.trim()).filter(Boolean);
};

const NOT_COLUMNS = /^(constraint|primary|unique|check|foreign|exclude|like)\b/i;

const addColumn = (tables: TableColumns, table: string, column: string, type: string) => {
  const columns = tables.get(table) ?? new Map<string, string>();
  columns.set(column.toLowerCase().replaceAll('"', ''), type.toLowerCase());
  tables.set(table, columns);
};

export const scanColumns = (sqlFiles: readonly string[]): TableColumns => {
  const tables: TableColumns = new Map();
  for (const raw of sqlFiles) {
    const sql = stripNoise(raw);
    for (const m of sql.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_.]*)\s*\(/gi)) {
      const table = m[1]!.toLowerCase();
      let depth = 1;
      let i = m.index + m[0].length;
      const start = i;
      for (; i < sql.length && depth > 0; i += 1) {
        if (sql[i] === '(') depth += 1;
        if (sql[i] === ')') depth -= 1;
      }
      if (!tables.has(table)) tables.set(table, new Map());
      for (const part of topLevelParts(sql.slice(start, i - 1))) {
        if (NOT_COLUMNS.test(part)) continue;
        const [column, type = ''] = part.split(/\s+/);
        if (column) addColumn(tables, table, column, type);
      }
    }
    for (const stmt of sql.split(';')) {
      const alter = /alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?([a-z_][a-z0-9_.]*)\s+([\s\S]*)/i.exec(stmt.trim());
      if (!alter) continue;
      for (const part of topLevelParts(alter[2]!)) {
        const add = /^add\s+column\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)\s+(\S+)/i.exec(part);
        if (add) addColumn(tables, alter[1]!.toLowerCase(), add[1]!, add[2]!);
      }
    }
  }
  return tables;
};

/**
 * Columns that identify a person or hold what they wrote: names, contacts, ID numbers, addresses,
 * network traces, and the links to a user (user_id, owner_id…) that make a row theirs.
 */
export const PERSONAL_COLUMN =
  /^(full_name|.*phone.*|.*email.*|.*id_number.*|.*address.*|contact|destination|date_of_birth|birth_date|ip|user_agent|actor_name|actor_id|user_id|owner_id|owner_user_id|reporter_id)$/;

/** Tables with at least one personal column (boolean flags such as `daily_email` do not count). */
export const tablesWithPersonalData = (tables: TableColumns): Map<string, string[]> => {
  const found = new Map<string, string[]>();
  for (const [table, columns] of tables) {
    const personal = [...columns].filter(([name, type]) => PERSONAL_COLUMN.test(name) && type !== 'boolean').map(([name]) => name);
    if (personal.length > 0) found.set(table, personal);
  }
  return found;
};
