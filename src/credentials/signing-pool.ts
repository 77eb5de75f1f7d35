/**
 * Signing and verification on a small pool of worker threads, so a 50-course transcript's RDF
 * canonicalisation (0.3–1 s of CPU) no longer stops the event loop that serves every other request.
 *
 * Workers start on first use (a server that never signs starts none), each takes one task at a
 * time, and tasks wait in order for a free one. A worker that dies fails only its own task and is
 * replaced by the next. Errors come back as the types the inline functions throw
 * (UnknownContextError with its URL, TypeError; others keep their name and message), so callers
 * map them as before. close() ends the threads; the app calls it when it closes.
 */
import { Worker } from 'node:worker_threads';
import { UnknownContextError } from './document-loader.js';
import type { SigningKeyRecord } from './keys.js';
import type { SignedCredential } from './sign.js';
import type { ResolvedKey, SigningOutcome, SigningTask, TransferredError } from './signing-worker.js';
import { describeError, verificationMethodIds, type VerifyOptions, type VerifyResult } from './verify.js';

/** What the pool needs from the configuration. */
export interface SigningPoolOptions {
  /** Worker threads that sign and verify (SIGNING_WORKERS). */
  signingWorkers: number;
}

// Node 20 does not apply the loader hooks of a worker's `--import tsx` to the worker's own entry
// module, so each worker registers tsx itself and then imports its TypeScript entry.
const WORKER_SOURCE = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./signing-worker.ts', import.meta.url).href)}); })`;

interface Job {
  task: SigningTask;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class SigningPool {
  private readonly size: number;
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(options: SigningPoolOptions) {
    this.size = options.signingWorkers;
  }

  /** Threads running now (started on demand, at most signingWorkers). */
  get threads(): number {
    return this.workers.size;
  }

  /** signCredential (sign.ts) on a worker. */
  sign<T extends Record<string, unknown>>(credential: T, key: SigningKeyRecord, options: { created?: Date | string } = {}): Promise<SignedCredential<T>> {
    return this.run({ task: 'sign', credential, key, created: options.created }) as Promise<SignedCredential<T>>;
  }

  /**
   * verifyCredential (verify.ts) on a worker. The caller's resolveKey cannot cross to the thread
   * (it reads the database), so every verification method the credential names is resolved here first.
   */
  async verify(credential: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
    const keys = new Map<string, ResolvedKey>();
    if (options.resolveKey) {
      for (const id of verificationMethodIds(credential)) {
        try {
          keys.set(id, { key: (await options.resolveKey(id)) ?? null });
        } catch (err) {
          keys.set(id, { error: describeError(err) });
        }
      }
    }
    return this.run({ task: 'verify', credential, keys, now: options.now, allowFragmentKeys: options.allowFragmentKeys }) as Promise<VerifyResult>;
  }

  /** Ends every thread; tasks still waiting or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The signing pool is closed.'));
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private run(task: SigningTask): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The signing pool is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.size ? this.start() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.ref(); // a task in flight keeps the process alive; an idle pool does not
      worker.postMessage(job.task);
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    this.workers.add(worker);
    worker.on('message', (outcome: SigningOutcome) => {
      const job = this.running.get(worker)!;
      this.running.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ('error' in outcome) job.reject(rebuild(outcome.error));
      else job.resolve(outcome.value);
      this.dispatch();
    });
    // An uncaught failure ends the thread: 'error' comes first when there is one, then 'exit'.
    worker.on('error', (error) => this.lose(worker, error));
    worker.on('exit', (code) => this.lose(worker, new Error(`A signing worker stopped (exit code ${code}).`)));
    return worker;
  }

  /** Forgets a thread that ended; its task fails, and waiting tasks get a new thread. */
  private lose(worker: Worker, error: Error): void {
    if (!this.workers.delete(worker)) return;
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.running.get(worker)?.reject(error);
    this.running.delete(worker);
    if (!this.closed) this.dispatch();
  }
}

/** The error the inline function would have thrown, with the worker's stack for the log. */
function rebuild(transferred: TransferredError): Error {
  let error: Error;
  if (transferred.name === 'UnknownContextError' && transferred.url !== undefined) error = new UnknownContextError(transferred.url);
  else if (transferred.name === 'TypeError') error = new TypeError(transferred.message);
  else error = Object.assign(new Error(transferred.message), { name: transferred.name });
  if (transferred.stack) error.stack = transferred.stack;
  return error;
}
