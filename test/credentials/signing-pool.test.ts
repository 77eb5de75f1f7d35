/** The signing pool: work really goes to worker threads, and failures come back as the inline functions' error types. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UnknownContextError } from '../../src/credentials/document-loader.js';
import { didWebDocument, generateSigningKey } from '../../src/credentials/keys.js';
import { SigningPool } from '../../src/credentials/signing-pool.js';
import { verifyCredential } from '../../src/credentials/verify.js';
import { achievementCredential, clrCredential } from '../clr/synthetic.js';

type Json = Record<string, any>;

const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../clr/fixtures/${name}`, import.meta.url), 'utf8'));
const CREATED = '2025-01-02T03:04:05Z';

const pool = new SigningPool({ signingWorkers: 2 });
afterAll(() => pool.close());

describe('SigningPool', () => {
  it('starts threads on first use, no more than configured, and signs there', async () => {
    expect(pool.threads).toBe(0);
    const key = await generateSigningKey();
    const docs = [1, 2, 3].map((i) => achievementCredential(i, key.controller, 'did:example:learner'));
    const signed = await Promise.all(docs.map((doc) => pool.sign(doc, key, { created: CREATED })));
    expect(pool.threads).toBe(2);
    for (const credential of signed) {
      expect(credential.proof).toMatchObject({ verificationMethod: key.id, created: CREATED });
      expect((await verifyCredential(credential)).errors).toEqual([]);
    }
    const clr = await pool.sign(clrCredential(key.controller, 'did:example:learner', signed), key, { created: CREATED });
    const result = await pool.verify(clr);
    expect(result.errors).toEqual([]);
    expect(result.checks.filter((c) => c.startsWith('embedded credential'))).toHaveLength(3);
  });

  it('rebuilds the errors the inline functions throw: UnknownContextError, TypeError, JSON-LD safe mode', async () => {
    const key = await generateSigningKey();
    const unknown = fixture('clr-simple-noproof-v2.json');
    unknown['@context'].push('https://example.com/unknown-context.json');
    const err = await pool.sign(unknown, key).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownContextError);
    expect(err.url).toBe('https://example.com/unknown-context.json');

    const legacy = await pool.sign(fixture('clr-simple-noproof.json'), key).catch((e) => e);
    expect(legacy).toBeInstanceOf(TypeError);
    expect(legacy.message).toContain('@context must start with');

    const undefinedTerm = { ...fixture('clr-simple-noproof-v2.json'), notATerm: 'x' };
    const safeMode = await pool.sign(undefinedTerm, key).catch((e) => e);
    expect(safeMode).toBeInstanceOf(Error);
    expect(safeMode).toMatchObject({ name: 'jsonld.ValidationError', message: 'Safe mode validation error.' });
  });

  it('verify resolves keys before the thread: found, not found, and a failing resolver', async () => {
    const base = 'https://learnstack.example.edu';
    const key = await generateSigningKey({ controller: didWebDocument(base, []).id });
    const doc = didWebDocument(base, [key]);
    const signed = await pool.sign(clrCredential(doc.id, 'did:example:l', [achievementCredential(1, doc.id, 'did:example:l')]), key, { created: CREATED });

    const found = await pool.verify(signed, { resolveKey: (id) => doc.verificationMethod.find((vm) => vm.id === id) });
    expect(found.checks.some((c) => c.startsWith('proof: eddsa-rdfc-2022 signature valid'))).toBe(true);
    expect(await pool.verify(signed, { resolveKey: (id) => doc.verificationMethod.find((vm) => vm.id === id) })).toEqual(
      await verifyCredential(signed, { resolveKey: (id) => doc.verificationMethod.find((vm) => vm.id === id) }),
    );

    const missing = await pool.verify(signed, { resolveKey: () => undefined });
    expect(missing.errors).toContain(`proof: could not resolve verification method "${key.id}"`);

    const failing = await pool.verify(signed, {
      resolveKey: () => {
        throw new Error('database unavailable');
      },
    });
    expect(failing.warnings).toContain(`resolveKey failed for "${key.id}": database unavailable`);
  });

  it('close() ends the threads and refuses further work', async () => {
    const closing = new SigningPool({ signingWorkers: 1 });
    const key = await generateSigningKey();
    await closing.sign(achievementCredential(1, key.controller, 'did:example:l'), key);
    expect(closing.threads).toBe(1);
    await closing.close();
    expect(closing.threads).toBe(0);
    await expect(closing.sign(achievementCredential(2, key.controller, 'did:example:l'), key)).rejects.toThrow(/closed/);
  });
});
