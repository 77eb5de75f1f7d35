/**
 * Access tokens: EdDSA JWTs signed with the current 'jwt' server key and verified locally (any process
 * sharing the database can verify; each process keeps what it verified until the token expires). Optionally, tokens of an external OpenID
 * provider (Cognito, Keycloak) are accepted too, verified against its JWKS.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, generateKeyPair, exportJWK, importJWK, createRemoteJWKSet, decodeProtectedHeader, type JWK, type JWTPayload } from 'jose';
import type { Database } from '../db/database.js';
import { currentKey, keyById, rotateKey, type StoredKey } from './keys.js';
import type { ScopeCatalog } from './scopes.js';

const PURPOSE = 'jwt';
const ALG = 'EdDSA';

async function generateJwtKey() {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  return { algorithm: ALG, privateKey: await exportJWK(privateKey), publicKey: await exportJWK(publicKey) };
}

export interface Principal {
  clientId: string;
  /** Canonical scope names. */
  scopes: ReadonlySet<string>;
}

/** Verified tokens kept per process: a client sends the same token for its whole lifetime. */
const VERIFIED_CACHE_SIZE = 10_000;

/** What issuing and verifying tokens needs; the application's config provides it. */
export interface TokenOptions {
  readonly tokenIssuer: string;
  readonly tokenTtlSeconds: number;
  /** Also accept tokens of an external OpenID provider, verified against its JWKS. */
  readonly externalJwksUrl?: string;
  readonly externalIssuer?: string;
  readonly externalAudience?: string;
}

export class TokenService {
  private signing?: { kid: string; key: CryptoKey | Uint8Array };
  private readonly verifying = new Map<string, CryptoKey | Uint8Array>();
  // An Ed25519 verification costs more than the rest of a small GET's own work (measured: ≈ 12 % of the
  // server's CPU under /users/{id}); a token's signature and claims cannot change, only its expiry passes.
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();
  private readonly external?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly db: Database,
    private readonly options: TokenOptions,
    private readonly scopes: ScopeCatalog,
  ) {
    if (options.externalJwksUrl) this.external = createRemoteJWKSet(new URL(options.externalJwksUrl));
  }

  async issue(clientId: string, scope: string): Promise<string> {
    if (!this.signing) {
      const key = await currentKey(this.db, PURPOSE, generateJwtKey);
      this.signing = { kid: key.kid, key: await importJWK(key.privateKey as JWK, ALG) };
    }
    return new SignJWT({ scope, client_id: clientId })
      .setProtectedHeader({ alg: ALG, kid: this.signing.kid, typ: 'JWT' })
      .setIssuer(this.options.tokenIssuer)
      .setSubject(clientId)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${this.options.tokenTtlSeconds}s`)
      .sign(this.signing.key);
  }

  /** Starts signing with a fresh key; tokens signed with the old one stay valid until they expire. */
  async rotate(): Promise<StoredKey> {
    const key = await rotateKey(this.db, PURPOSE, generateJwtKey);
    this.signing = undefined;
    return key;
  }

  private async verificationKey(kid: string): Promise<CryptoKey | Uint8Array | undefined> {
    const cached = this.verifying.get(kid);
    if (cached) return cached;
    const stored = await keyById(this.db, kid);
    if (!stored || stored.purpose !== PURPOSE) return undefined;
    const key = await importJWK(stored.publicKey as JWK, ALG);
    this.verifying.set(kid, key);
    return key;
  }

  /** The principal a bearer token stands for, or undefined when it is not valid here. */
  async verify(token: string): Promise<Principal | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known.principal;
      this.verified.delete(token);
      return undefined;
    }
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return undefined;
    }
    try {
      let payload: JWTPayload;
      const own = header.kid ? await this.verificationKey(header.kid) : undefined;
      if (own) {
        // A token without `exp` would be valid forever: refused.
        ({ payload } = await jwtVerify(token, own, { issuer: this.options.tokenIssuer, algorithms: [ALG], requiredClaims: ['exp'] }));
      } else if (this.external) {
        ({ payload } = await jwtVerify(token, this.external, {
          issuer: this.options.externalIssuer,
          audience: this.options.externalAudience,
          requiredClaims: ['exp'],
        }));
      } else {
        return undefined;
      }
      const principal = { clientId: String(payload.client_id ?? payload.sub ?? ''), scopes: scopesOf(payload, this.scopes) };
      if (typeof payload.exp === 'number') this.remember(token, principal, payload.exp * 1000);
      return principal;
    } catch {
      return undefined;
    }
  }

  private remember(token: string, principal: Principal, expiresAt: number) {
    // Oldest first out (a Map iterates in insertion order): bounded memory whatever clients send.
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, expiresAt });
  }
}

/** Scopes from `scope` (space-separated, RFC 8693) or `scp` (array, some providers). */
function scopesOf(payload: JWTPayload, catalog: ScopeCatalog): Set<string> {
  const raw = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? (payload.scp as string[]) : [];
  return new Set(raw.filter(Boolean).map((uri) => catalog.canonical(uri)));
}
