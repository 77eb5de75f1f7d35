/**
 * `seedDatabase`: a generated district loaded into a migrated database. Used by `npm run cli -- seed`,
 * the benchmark and the tests (tier XS).
 */
import type { Database } from '../platform/db/database.js';
import { loadRows, type LoadStats } from './batch-loader.js';
import { generateDistrict } from './district.generator.js';
import { TIERS, type TierName } from './tiers.js';

export { TIERS, isTierName, type TierName } from './tiers.js';

export const DEFAULT_SEED = 20_260_817;

export interface SeedOptions {
  tier: TierName;
  seed?: number;
}

export async function seedDatabase(db: Database, options: SeedOptions): Promise<LoadStats> {
  if ('postgresOnly' in TIERS[options.tier] && db.kind !== 'postgres') throw new Error(`tier ${options.tier} needs PostgreSQL (set DATABASE_URL)`);
  return loadRows(db, generateDistrict({ tier: options.tier, seed: options.seed ?? DEFAULT_SEED }));
}
