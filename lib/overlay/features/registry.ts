import { feedback } from './feedback';
import { health } from './health';
import { scriptSearch } from './script-search';
import { scripts } from './scripts';
import { slaClocks } from './sla-clocks';
import { tierBadge } from './tier-badge';
import type { AnyFeature } from './types';

/**
 * Every overlay feature, in the order their views appear within each place (bar: badge, then score; details:
 * score details, search, suggestions). Both hosts run this list; ./registry.test.ts checks each entry.
 */
export const FEATURES: readonly AnyFeature[] = [tierBadge, slaClocks, feedback, scriptSearch, scripts, health];
