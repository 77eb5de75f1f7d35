/** Runs test/clr/independent-verify.mjs in a fresh Node process (no code or JSON-LD cache shared with src/credentials). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildResult {
  name: string;
  verified: boolean;
  error?: string;
}

export function verifyInChild(items: Array<{ name: string; credential: unknown }>): Promise<ChildResult[]> {
  const script = fileURLToPath(new URL('./independent-verify.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`bad child output: ${out} ${err}`));
      }
    });
    child.stdin.end(JSON.stringify({ items }));
  });
}

/** The child's verdicts by item name. */
export async function verdicts(items: Array<{ name: string; credential: unknown }>): Promise<Record<string, ChildResult>> {
  return Object.fromEntries((await verifyInChild(items)).map((r) => [r.name, r]));
}

/** Three forgeries of a signed ClrCredential: its name, an embedded score, an embedded achievement. */
export function tamperedCopies(signed: any) {
  const tamperedName = structuredClone(signed);
  tamperedName.name = 'Forged Transcript';
  const tamperedScore = structuredClone(signed);
  tamperedScore.credentialSubject.verifiableCredential[0].credentialSubject.result[0].value = '100';
  const tamperedEmbedded = structuredClone(signed);
  tamperedEmbedded.credentialSubject.verifiableCredential[0].credentialSubject.achievement.name = 'PhD';
  return { tamperedName, tamperedScore, tamperedEmbedded };
}
