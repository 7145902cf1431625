import { OpenAPIHono } from '@hono/zod-openapi';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { newToken, storeToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { NEWEST_FIRST, paginate } from '../pagination';
import { validationHook } from '../validation';
import { issueToken, listTokens, revokeToken } from './routes';
import { TOKEN_COLUMNS, tokenOut } from './rows';

export const tokensRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
tokensRouter.use('/api/v1/tokens', authenticate, requireRole('admin'));
tokensRouter.use('/api/v1/tokens/*', authenticate, requireRole('admin'));

tokensRouter.openapi(listTokens, async (c) => {
  const { rows, next } = await paginate(
    c.var.db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('org_id', '=', c.var.principal.orgId),
    NEWEST_FIRST,
    c.req.valid('query'),
  );
  return c.json({ tokens: rows.map(tokenOut), next }, 200);
});

tokensRouter.openapi(issueToken, async (c) => {
  const input = c.req.valid('json');
  const p = c.var.principal;
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now())
    return apiError(c, 400, 'invalid_request', 'Invalid body', [
      { path: 'expiresAt', message: 'Must be in the future' },
    ]);
  let userId: string | null = null;
  let teamId: string | null = null;
  if (input.kind === 'agent') {
    if (!input.userId)
      return apiError(c, 400, 'invalid_request', 'Invalid body', [
        { path: 'userId', message: 'Required for an API token' },
      ]);
    const user = await c.var.db
      .selectFrom('users')
      .select(['id', 'team_id', 'deactivated_at'])
      .where('id', '=', input.userId)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!user) return apiError(c, 404, 'not_found', `No user ${input.userId} in your organisation.`);
    // Sign-in refuses a deactivated user's tokens: one issued now would be shown once, listed as live, never work.
    if (user.deactivated_at)
      return apiError(
        c,
        409,
        'user_deactivated',
        `User ${input.userId} is deactivated; reactivate them before issuing a token.`,
      );
    userId = user.id;
    teamId = user.team_id;
  } else {
    if (!input.teamId)
      return apiError(c, 400, 'invalid_request', 'Invalid body', [
        { path: 'teamId', message: 'Required for an enrollment token' },
      ]);
    const team = await c.var.db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.teamId)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!team) return apiError(c, 404, 'not_found', `No team ${input.teamId} in your organisation.`);
    teamId = team.id;
  }
  const token = newToken(input.kind);
  const createdAt = new Date();
  const row = {
    org_id: p.orgId,
    user_id: userId,
    team_id: teamId,
    kind: input.kind,
    label: input.label,
    expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
  };
  const id = await c.var.db.transaction().execute(async (trx) => {
    const tokenId = await storeToken(trx, token, row, createdAt);
    await recordAudit(trx, p, {
      action: 'token.issue',
      targetType: 'token',
      targetId: tokenId,
      details: { kind: input.kind, userId, teamId, label: input.label, expiresAt: row.expires_at },
    });
    return tokenId;
  });
  return c.json({ ...tokenOut({ id, ...row, created_at: createdAt.toISOString(), revoked_at: null }), token }, 201);
});

tokensRouter.openapi(revokeToken, async (c) => {
  const { id } = c.req.valid('param');
  const p = c.var.principal;
  const revoked = await c.var.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('api_tokens')
      .select(TOKEN_COLUMNS)
      .where('id', '=', id)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!row) return undefined;
    const revokedAt = row.revoked_at ?? new Date().toISOString();
    await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    // The browser that held it must prove who it is again; asking for approval starts a new request.
    await trx
      .updateTable('devices')
      .set({ status: 'revoked', decided_by: p.userId, decided_at: revokedAt, reason: 'token revoked' })
      .where('token_id', '=', id)
      .where('status', '=', 'approved')
      .execute();
    await recordAudit(trx, p, {
      action: 'token.revoke',
      targetType: 'token',
      targetId: id,
      details: { label: row.label },
    });
    return { ...row, revoked_at: revokedAt };
  });
  if (!revoked) return apiError(c, 404, 'not_found', `No token ${id} in your organisation.`);
  return c.json(tokenOut(revoked), 200);
});
