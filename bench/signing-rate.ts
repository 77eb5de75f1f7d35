/**
 * Signing throughput for CLR credentials: `npx tsx bench/signing-rate.ts [seconds-per-case]`.
 * Prints credentials/second for (1) the 1EdTech clr-simple sample (1 embedded credential) and
 * (2) a synthetic ClrCredential with 50 embedded, already-signed AchievementCredentials.
 * Only the outer signature is timed (embedded ones are signed once, up front). Single core.
 */
import { readFileSync } from 'node:fs';
import { generateSigningKey, type SigningKeyRecord } from '../src/credentials/keys.js';
import { signCredential } from '../src/credentials/sign.js';
import { achievementCredential, clrCredential } from '../test/clr/synthetic.js';
import { verifyCredential } from '../src/credentials/verify.js';

const seconds = Number(process.argv[2] ?? 3);

async function rate(label: string, doc: Record<string, unknown>, key: SigningKeyRecord): Promise<void> {
  await signCredential(doc, key); // warm-up: context parsing, JIT
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await signCredential(doc, key);
    n++;
  }
  const signMs = (performance.now() - start) / n;
  const signed = await signCredential(doc, key);
  const result = await verifyCredential(signed); // first call also compiles the JSON Schema
  if (!result.valid) throw new Error(`${label}: signed credential did not verify: ${result.errors.join('; ')}`);
  const v0 = performance.now();
  await verifyCredential(signed);
  const verifyMs = performance.now() - v0;
  const bytes = JSON.stringify(signed).length;
  console.log(
    `${label}: ${(1000 / signMs).toFixed(1)} credentials/s signed (${signMs.toFixed(1)} ms each, n=${n}, ${bytes} bytes); one full verify (schema + all proofs) ${verifyMs.toFixed(0)} ms`,
  );
}

const key = await generateSigningKey();
const sample = JSON.parse(readFileSync(new URL('../test/clr/fixtures/clr-simple.json', import.meta.url), 'utf8'));
sample.issuer.id = key.controller;
await rate('clr-simple sample (1 embedded)', sample, key);

const school = await generateSigningKey();
const embedded = [];
for (let i = 0; i < 50; i++) embedded.push(await signCredential(achievementCredential(i, school.controller, 'did:example:learner'), school));
await rate('synthetic CLR (50 embedded)', clrCredential(key.controller, 'did:example:learner', embedded), key);
