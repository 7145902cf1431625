import { z } from 'zod';
import { Role } from './access';
import { PageQuery } from './page';

/**
 * How a browser proves whose it is before it gets an agent token (docs/admin/identity.md):
 * - `sso`: the agent signs in with the organisation's identity provider (OpenID Connect);
 * - `password`: the agent signs in once with their console password;
 * - `approval`: the browser asks for the email the helpdesk reported and a lead of the team (or an admin) approves.
 * An enrollment token alone only says "this browser belongs to team X"; it never names a person.
 */
export const IdentityMode = z.enum(['sso', 'password', 'approval']);
export type IdentityMode = z.infer<typeof IdentityMode>;

const EnrollmentToken = z.string().min(8).max(256);
/** 256 random bits the browser keeps; the server stores only its sha256. */
const DeviceSecret = z
  .string()
  .min(43)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url characters only');
/** RFC 7636 S256 challenge: base64url of a sha256, 43 characters. */
const CodeChallenge = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url SHA-256 (43 characters)');
const CodeVerifier = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'an RFC 7636 code verifier (43-128 characters)');

/** `POST /api/v1/enroll`: a pending device for the email the helpdesk reported, to be approved by a lead. */
export const EnrollRequest = z.object({
  enrollmentToken: EnrollmentToken,
  agent: z.object({
    email: z.email().max(320),
    name: z.string().min(1).max(200).optional(),
    /** The agent's user id in the helpdesk, e.g. Zendesk `users/me`, shown to the approver. */
    helpdeskUserId: z.string().max(128).optional(),
  }),
  deviceSecret: DeviceSecret,
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const DeviceStatus = z.enum(['pending', 'approved', 'rejected', 'revoked', 'expired']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const PendingEnrollment = z.object({
  status: z.literal('pending'),
  deviceId: z.string(),
  email: z.string(),
  teamId: z.string(),
  /** A pending request not decided by then expires; the browser asks again. */
  expiresAt: z.string(),
});
export type PendingEnrollment = z.infer<typeof PendingEnrollment>;

/** `POST /api/v1/enroll/claim`: the browser asks whether its device was approved, proving it with its secret. */
export const ClaimRequest = z.object({ deviceId: z.string().min(1).max(64), deviceSecret: DeviceSecret });

/** `POST /api/v1/enroll/password`: console password once, in the extension; mints this browser's token. */
export const PasswordEnrollRequest = z.object({
  enrollmentToken: EnrollmentToken,
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

/** `POST /api/v1/enroll/sso`: starts an OpenID Connect sign-in for this browser. */
export const SsoEnrollRequest = z.object({
  enrollmentToken: EnrollmentToken,
  /** `identity.getRedirectURL()` of the extension; only DeskLens's own extension ids are accepted. */
  redirectUri: z.url({ protocol: /^https$/ }).max(512),
  /** The browser's own PKCE challenge, so the code the backend hands back is useless to anyone else. */
  codeChallenge: CodeChallenge,
  /** false: the identity provider must not show anything (prompt=none); the browser tries silently first. */
  interactive: z.boolean(),
  /** Who the helpdesk says is signed in, passed to the identity provider as login_hint. */
  loginHint: z.email().max(320).optional(),
});
export const SsoEnrollStarted = z.object({
  requestId: z.string(),
  /** Open this with `identity.launchWebAuthFlow`: the backend's own URL, which redirects to the provider. */
  authorizationUrl: z.url(),
  expiresAt: z.string(),
});

/** `POST /api/v1/enroll/sso/token`: the code from the redirect, and the verifier only this browser has. */
export const SsoTokenRequest = z.object({
  requestId: z.string().min(1).max(64),
  code: z.string().min(20).max(128),
  codeVerifier: CodeVerifier,
});

/** `POST /api/v1/enroll/options`: which modes the organisation accepts for this enrollment token. */
export const EnrollOptionsRequest = z.object({ enrollmentToken: EnrollmentToken });
export const EnrollOptions = z.object({ preferredMode: IdentityMode, allowedModes: z.array(IdentityMode) });

/** Every successful enrollment answers this; the token is shown once. */
export const EnrollResponse = z.object({
  token: z.string(),
  agent: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  orgId: z.string(),
  teamId: z.string(),
  deviceId: z.string(),
  method: IdentityMode,
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain such as example.com');
const ClaimName = z.string().min(1).max(100);
/** A group, app role or other claim value → a team id or slug of the organisation. */
const ClaimMap = <V extends z.ZodType>(value: V) => z.record(z.string().min(1).max(256), value);

/**
 * The organisation's OpenID provider, as the admin registered DeskLens there (docs/admin/identity.md): DeskLens is
 * a confidential client using the authorization code flow with PKCE; the redirect URI to register is
 * `<PUBLIC_URL>/api/v1/sso/callback`.
 */
export const OidcSettingsInput = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(512),
  clientId: z.string().min(1).max(256),
  /** Write-only: answers say only whether one is stored. Leave it out to keep the stored one. */
  clientSecret: z.string().min(1).max(1024).optional(),
  /** Only emails at these domains may sign in (the provider may serve other organisations too, e.g. Google). */
  allowedDomains: z.array(Domain).min(1).max(50),
  scopes: z.array(z.string().min(1).max(100)).max(20).default(['openid', 'email', 'profile']),
  /** The claim that holds the email (Entra ID may need `preferred_username` or `upn`). */
  emailClaim: ClaimName.default('email'),
  /** A claim holding group or role names (a string or a list) and which DeskLens role each gives. */
  roleClaim: ClaimName.optional(),
  roleMap: ClaimMap(Role).optional(),
  /** A claim holding group names and which team (id or slug) each puts the user in. */
  teamClaim: ClaimName.optional(),
  teamMap: ClaimMap(z.string().min(1).max(64)).optional(),
  /** Create users the organisation does not know yet, as agents of the enrollment token's team (or mapped). */
  provisionUsers: z.boolean().default(true),
  /** Extension ids other than DeskLens's published ones (e.g. an Edge Add-ons listing) allowed as redirects. */
  extraExtensionIds: z
    .array(z.string().regex(/^[a-p]{32}$/, 'a Chromium extension id (32 letters a-p)'))
    .max(10)
    .default([]),
});
export type OidcSettingsInput = z.infer<typeof OidcSettingsInput>;
export type OidcSettings = Omit<OidcSettingsInput, 'clientSecret'>;

export const IdentitySettingsInput = z
  .object({
    preferredMode: IdentityMode,
    allowedModes: z.array(IdentityMode).min(1).max(3),
    oidc: OidcSettingsInput.nullable(),
  })
  .superRefine((settings, ctx) => {
    if (!settings.allowedModes.includes(settings.preferredMode))
      ctx.addIssue({ code: 'custom', path: ['preferredMode'], message: 'must be one of allowedModes' });
    if (settings.allowedModes.includes('sso') && !settings.oidc)
      ctx.addIssue({ code: 'custom', path: ['oidc'], message: 'required when sso is allowed' });
  });
export type IdentitySettingsInput = z.infer<typeof IdentitySettingsInput>;

export const IdentitySettings = z.object({
  preferredMode: IdentityMode,
  allowedModes: z.array(IdentityMode),
  oidc: OidcSettingsInput.omit({ clientSecret: true })
    .extend({ clientSecretSet: z.boolean(), redirectUri: z.string() })
    .nullable(),
  updatedAt: z.string().nullable(),
});

export const Device = z.object({
  id: z.string(),
  teamId: z.string(),
  status: DeviceStatus,
  method: IdentityMode,
  /** The email the browser claimed (approval) or the identity proven (sso, password). */
  email: z.string(),
  name: z.string().nullable(),
  helpdeskUserId: z.string().nullable(),
  userId: z.string().nullable(),
  /** Whether that email is already a user of the organisation (approving a new one creates an agent). */
  knownUser: z.boolean(),
  requestedAt: z.string(),
  requestedFrom: z.string().nullable(),
  expiresAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

export const DeviceQuery = z
  .object({
    status: DeviceStatus.optional(),
    teamId: z.string().min(1).max(64).optional(),
  })
  .extend(PageQuery.shape);
export const DeviceDecision = z.object({ reason: z.string().trim().max(500).optional() });

/** DeskLens's published extension ids, whose `identity.getRedirectURL()` the backend accepts as SSO redirects. */
export const DESKLENS_CHROME_EXTENSION_ID = 'goahlondhlgdmjjhmengplhcbjjlbcnd';
export const DESKLENS_GECKO_ID = 'desklens@desklens.app';

/** Where a browser stands in proving who uses it (the extension's popup and options show it). */
export const IdentityState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('bound'), method: IdentityMode, email: z.string(), since: z.string() }),
  z.object({ state: z.literal('pending_approval'), email: z.string(), since: z.string(), expiresAt: z.string() }),
  z.object({ state: z.literal('needs_sign_in'), mode: z.enum(['sso', 'password']), reason: z.string().optional() }),
  z.object({ state: z.literal('needs_email') }),
  z.object({ state: z.literal('refused'), reason: z.string() }),
  z.object({ state: z.literal('not_configured') }),
  z.object({ state: z.literal('error'), reason: z.string() }),
]);
export type IdentityState = z.infer<typeof IdentityState>;
