import { z } from 'zod';
import { PageQuery, pageOf } from './page';

/** Who can do what; the same four roles everywhere (PRODUCT.md, "Who uses it"). */
export const Role = z.enum(['agent', 'lead', 'trainer', 'admin']);
export type Role = z.infer<typeof Role>;

export const SignIn = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
  /** Only needed when the same email belongs to users of several organisations. */
  orgId: z.string().min(1).max(64).optional(),
});

export const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: Role, teamId: z.string().nullable() }),
  orgId: z.string(),
  /** Teams whose figures this user may read. */
  teamIds: z.array(z.string()),
  allTeams: z.boolean(),
  via: z.enum(['token', 'session']),
});

const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

export const TeamInput = z.object({ name: z.string().trim().min(1).max(200), slug: Slug });
export const TeamPatch = z.object({ name: z.string().trim().min(1).max(200) });
export const Team = z.object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: z.string() });

const Password = z.string().min(12, 'at least 12 characters').max(1024);

/** `POST /api/v1/me/password`: a console user changes their own password. */
export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password });

export const UserInput = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: Role,
  teamId: z.string().min(1).max(64).nullable().default(null),
  /** Only for users who sign in to the console; agents using only the extension need none. */
  password: Password.optional(),
});
export const UserPatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: Role,
    teamId: z.string().min(1).max(64).nullable(),
    password: Password,
    /** true: the user's tokens and sessions stop working and they cannot sign in. */
    deactivated: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Change at least one field');
export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  teamId: z.string().nullable(),
  deactivated: z.boolean(),
  createdAt: z.string(),
  /** Leads only, in `GET /api/v1/users`: the teams they were given to lead (`PUT /api/v1/users/{id}/lead-teams`). */
  leadTeamIds: z.array(z.string()).optional(),
});

export const LeadTeams = z.object({ teamIds: z.array(z.string().min(1).max(64)).max(200) });

export const TokenInput = z.object({
  /** Agent (API) tokens belong to a user; enrollment tokens to a team. */
  kind: z.enum(['agent', 'enrollment']),
  userId: z.string().min(1).max(64).optional(),
  teamId: z.string().min(1).max(64).optional(),
  label: z.string().trim().min(1).max(200),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export const TokenInfo = z.object({
  id: z.string(),
  kind: z.enum(['agent', 'enrollment']),
  userId: z.string().nullable(),
  teamId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** The only answer that ever contains the token itself. */
export const IssuedToken = TokenInfo.extend({ token: z.string() });

export const AuditQuery = z
  .object({
    action: z.string().max(100).optional(),
    actorId: z.string().max(64).optional(),
    targetType: z.string().max(64).optional(),
    targetId: z.string().max(128).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .extend(PageQuery.shape);
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  /** A user id, or `enrollment-token:<id>` for a browser that has not proven who it is yet. */
  actorId: z.string(),
  actorRole: z.enum([...Role.options, 'enrollment']),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditPage = pageOf('entries', AuditEntry);
