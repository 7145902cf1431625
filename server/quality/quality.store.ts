import type { Kysely } from 'kysely';
import { DEFAULT_QUALITY_SETTINGS, QualitySettings } from '../../lib/schema/quality';
import type { Database } from '../db/schema';

/** The organisation's quality settings; the defaults where none are stored or the stored value no longer parses. */
export async function readQualitySettings(db: Kysely<Database>, orgId: string): Promise<QualitySettings> {
  const row = await db.selectFrom('quality_settings').select('settings').where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return DEFAULT_QUALITY_SETTINGS;
  const parsed = QualitySettings.safeParse({ ...DEFAULT_QUALITY_SETTINGS, ...JSON.parse(row.settings) });
  return parsed.success ? parsed.data : DEFAULT_QUALITY_SETTINGS;
}
