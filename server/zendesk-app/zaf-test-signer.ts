import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/**
 * Tests only: signs sidebar tokens the way Zendesk does for an app with signed URLs (RS256 with the app's key,
 * the claims of developer.zendesk.com "JWT claims"), with a key pair made by jose for the test.
 */
export interface ZafTestSigner {
  publicKey: string;
  sign(options: {
    zendeskUserId: string;
    subdomain?: string;
    installationId?: string;
    /** Seconds from now; negative for a token that has already expired. */
    expiresIn?: number;
    issuedAt?: Date;
    claims?: JWTPayload;
  }): Promise<string>;
}

export async function createZafTestSigner(): Promise<ZafTestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKey: await exportSPKI(publicKey),
    async sign({ zendeskUserId, subdomain = 'acme', installationId = '4242', expiresIn = 300, issuedAt, claims }) {
      const iat = Math.floor((issuedAt ?? new Date()).getTime() / 1000);
      const account = `https://${subdomain}.zendesk.com`;
      // The standard claims first, so a test can replace any of them.
      return new SignJWT({
        iss: `${subdomain}.zendesk.com`,
        aud: `${account}/api/v2/apps/installations/${installationId}.json`,
        sub: `${account}/api/v2/users/${zendeskUserId}.json`,
        iat,
        nbf: iat,
        exp: iat + expiresIn,
        jti: randomUUID(),
        context: { product: 'support', location: 'ticket_sidebar' },
        qsh: randomUUID(),
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .sign(privateKey);
    },
  };
}
