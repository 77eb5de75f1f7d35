// Minimal typings for the Digital Bazaar signing stack, which ships plain JS.
// Only the members src/credentials uses are declared.

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Signer {
    id: string;
    algorithm: 'Ed25519';
    sign(args: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519Verifier {
    id: string;
    algorithm: 'Ed25519';
    verify(args: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): Ed25519Signer;
    verifier(): Ed25519Verifier;
  }
  export function generate(opts?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize: (...args: unknown[]) => Promise<string>;
    createVerifier: (...args: unknown[]) => Promise<unknown>;
  };
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: {
      signer?: { id: string; algorithm: string; sign(args: { data: Uint8Array }): Promise<Uint8Array> };
      date?: string | Date | number | null;
      cryptosuite: unknown;
      legacyContext?: boolean;
    });
  }
}

declare module 'jsonld-signatures' {
  export interface ProofResult {
    proof: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    purposeResult?: { valid: boolean; controller?: { id?: string }; error?: Error };
    error?: Error;
  }
  export interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    error?: Error & { errors?: Error[] };
  }
  type Loader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  class ProofPurpose {
    constructor(opts?: Record<string, unknown>);
  }
  const jsigs: {
    sign<T extends object>(
      document: T,
      opts: { suite: unknown; purpose: unknown; documentLoader: Loader; addSuiteContext?: boolean },
    ): Promise<T & { proof: unknown }>;
    verify(document: object, opts: { suite: unknown | unknown[]; purpose: unknown; documentLoader: Loader }): Promise<VerifyResult>;
    purposes: {
      AssertionProofPurpose: new (opts?: { controller?: object; date?: Date }) => ProofPurpose;
    };
  };
  export default jsigs;
}
