import type { DeskLensEvent } from '../../lib/schema/events';

/** How far ahead of the server's clock an agent's clock may run (time zones are in the instant; this is drift). */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
/** DeskLens did not exist before; an earlier date is a broken clock or a forged event. */
export const EARLIEST_EVENT = '2000-01-01T00:00:00.000Z';

/**
 * Events whose time cannot be true, named as a 400 names fields (`events.3.occurredAt`), so the extension
 * quarantines those alone. A score dated ahead would count as the newest for its ticket for good, hiding every
 * real score after it; one dated before 2000 lands in periods no dashboard reads the same way.
 */
export function implausibleTimes(events: DeskLensEvent[], now: number): { path: string; message: string }[] {
  const latest = now + MAX_CLOCK_AHEAD_MS;
  const earliest = Date.parse(EARLIEST_EVENT);
  return events.flatMap((event, index) => {
    const at = Date.parse(event.occurredAt);
    const path = `events.${index}.occurredAt`;
    if (at > latest)
      return [
        {
          path,
          message: `${event.occurredAt} is more than a day ahead of the server's clock (${new Date(now).toISOString()}); check the clock of the agent's computer`,
        },
      ];
    if (at < earliest) return [{ path, message: `${event.occurredAt} is before ${EARLIEST_EVENT}` }];
    return [];
  });
}
