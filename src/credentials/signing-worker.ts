/**
 * One thread of the signing pool (signing-pool.ts): signs or verifies one credential at a time, so
 * the RDF canonicalisation (0.3–1 s of CPU for a 50-course transcript) runs off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { UnknownContextError } from './document-loader.js';
import type { PublicKeyRecord, SigningKeyRecord } from './keys.js';
import { signCredential } from './sign.js';
import { verifyCredential } from './verify.js';

/** A key the caller's resolver answered for a verification method: the key, none, or what it threw. */
export type ResolvedKey = { key: PublicKeyRecord | null } | { error: string };

export type SigningTask =
  | { task: 'sign'; credential: Record<string, unknown>; key: SigningKeyRecord; created?: Date | string }
  | { task: 'verify'; credential: unknown; keys: Map<string, ResolvedKey>; now?: Date; allowFragmentKeys?: boolean };

/** What crosses back for a failure: enough to rebuild the error type callers distinguish. */
export interface TransferredError {
  name: string;
  message: string;
  stack?: string;
  /** UnknownContextError's URL. */
  url?: string;
}

export type SigningOutcome = { value: unknown } | { error: TransferredError };

function run(request: SigningTask): Promise<unknown> {
  if (request.task === 'sign') return signCredential(request.credential, request.key, { created: request.created });
  const resolveKey = (id: string) => {
    const resolved = request.keys.get(id);
    if (resolved && 'error' in resolved) throw new Error(resolved.error);
    return resolved?.key;
  };
  return verifyCredential(request.credential, { resolveKey, now: request.now, allowFragmentKeys: request.allowFragmentKeys });
}

function transferable(err: unknown): TransferredError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  return { name: err.name, message: err.message, stack: err.stack, ...(err instanceof UnknownContextError ? { url: err.url } : {}) };
}

const port = parentPort!;
port.on('message', (request: SigningTask) => {
  run(request).then(
    (value) => port.postMessage({ value } satisfies SigningOutcome),
    (err: unknown) => port.postMessage({ error: transferable(err) } satisfies SigningOutcome),
  );
});
