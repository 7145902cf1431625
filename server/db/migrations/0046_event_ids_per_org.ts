import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Each table keyed by an event's id, with the column that holds it. */
const KEYED_BY_EVENT = [
  { table: 'events', column: 'id' },
  { table: 'feedback', column: 'event_id' },
  { table: 'sla_outcomes', column: 'event_id' },
  { table: 'script_usage', column: 'event_id' },
] as const;

/**
 * An event's id is unique within its organisation, not across every organisation on the server. SLA outcome ids are
 * derived from the helpdesk host, ticket and metric by a public rule (so every browser of one org reports an outcome
 * once); with one key for the whole server, an agent of another org could compute those ids and store them first,
 * and the real outcomes would then be answered "duplicate" and lost. Keyed by (org, id), one org's ids never touch
 * another's.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      for (const { table, column } of KEYED_BY_EVENT) {
        const constraint = await sql<{ name: string }>`
          select constraint_name as name from information_schema.table_constraints
          where table_schema = current_schema() and table_name = ${table} and constraint_type = 'PRIMARY KEY'`.execute(
          db,
        );
        const name = constraint.rows[0]?.name;
        if (!name) throw new Error(`Table ${table} has no primary key to replace`);
        await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}, add primary key ("org_id", ${sql.ref(column)})`.execute(
          db,
        );
      }
      return;
    }
    // SQLite cannot change a table's primary key: each table is rebuilt (its definition with the new key, its rows
    // copied, its indexes recreated from their own definitions) in one transaction, so a failure leaves it as it was.
    await db.transaction().execute(async (trx) => {
      for (const { table, column } of KEYED_BY_EVENT) await rekeySqliteTable(trx, table, column);
    });
  },
};

async function rekeySqliteTable(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  const definitions = await sql<{ type: string; sql: string | null }>`
    select type, sql from sqlite_master where tbl_name = ${table} and type in ('table', 'index')`.execute(db);
  const create = definitions.rows.find((row) => row.type === 'table')?.sql ?? '';
  // SQLite keeps a table's definition as it was written; any spelling of the key a query builder may have used.
  const keyedColumn = new RegExp(`"${column}"\\s+text\\s+primary\\s+key`, 'i');
  const named = new RegExp(`^CREATE TABLE\\s+"?${table}"?\\s*\\(`, 'i');
  if (!keyedColumn.test(create) || !named.test(create))
    throw new Error(`Table ${table} is not keyed by ${column} alone as migration 0001 made it: ${create}`);
  const rebuilt = `${table}__per_org`;
  const definition = create
    .replace(named, `CREATE TABLE "${rebuilt}" (`)
    .replace(keyedColumn, `"${column}" text not null`)
    .replace(/\)\s*$/, `, primary key ("org_id", "${column}"))`);
  // Automatic indexes (the old key's) have no definition: the new table makes its own.
  const indexes = definitions.rows.flatMap((row) => (row.type === 'index' && row.sql ? [row.sql] : []));
  await sql.raw(definition).execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const index of indexes) await sql.raw(index).execute(db);
}

export default migration;
