import type { Device, DeviceStatus } from '../../lib/schema/identity';
import type { DevicesTable } from '../db/schema';

/** A pending request nobody decided within a week expires; the browser then asks again. */
export const PENDING_DEVICE_TTL_MS = 7 * 24 * 3_600_000;

/** Stored status, with a pending row past its expiry shown as expired. */
export function deviceStatus(row: Pick<DevicesTable, 'status' | 'expires_at'>, now = new Date()): DeviceStatus {
  if (row.status === 'pending' && row.expires_at && row.expires_at <= now.toISOString()) return 'expired';
  return row.status;
}

export const deviceOut = (row: DevicesTable, knownUser: boolean, now = new Date()): Device => ({
  id: row.id,
  teamId: row.team_id,
  status: deviceStatus(row, now),
  method: row.method,
  email: row.email,
  name: row.name,
  helpdeskUserId: row.helpdesk_user_id,
  userId: row.user_id,
  knownUser,
  requestedAt: row.requested_at,
  requestedFrom: row.requested_from,
  expiresAt: row.status === 'pending' ? row.expires_at : null,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  reason: row.reason,
});
