/**
 * CLR 2.0 signing and verification core (pure functions; no HTTP, no database).
 * See each module's header for details:
 *   keys.ts            generateSigningKey, createSigner, didWebId, didWebDocument, …
 *   sign.ts            signCredential (DataIntegrityProof / eddsa-rdfc-2022)
 *   verify.ts          verifyCredential, validateClrCredential
 *   document-loader.ts offline documentLoader (shipped contexts + did:key), UnknownContextError
 */
export * from './document-loader.js';
export * from './keys.js';
export * from './sign.js';
export * from './verify.js';
