// Independent verifier, run as a separate Node process by clr.test.ts.
// It shares no code with src/credentials: @digitalbazaar/vc + DataIntegrityProof + eddsa-rdfc-2022,
// did:key via @digitalbazaar/did-method-key, and its own loader over the shipped context
// files. Any other URL is refused (no network).
//
// stdin:  {"items": [{"name": "...", "credential": {...}}, ...]}
// stdout: [{"name": "...", "verified": true|false, "error": "..."}]
import { readFileSync } from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didKey from '@digitalbazaar/did-method-key';

const contextsDir = new URL('../../src/credentials/contexts/', import.meta.url);
const files = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': 'clr-v2p0-2.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': 'ob-v3p0-extensions.json',
  'https://w3id.org/security/data-integrity/v1': 'data-integrity-v1.jsonld',
};
const contexts = new Map(Object.entries(files).map(([url, f]) => [url, JSON.parse(readFileSync(new URL(f, contextsDir), 'utf8'))]));

const didKeyDriver = didKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

async function documentLoader(url) {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({ url });
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`child loader refuses ${url}`);
}

function message(err) {
  if (!err) return undefined;
  if (Array.isArray(err)) return err.map(message).join('; ');
  if (Array.isArray(err.errors)) return err.errors.map(message).join('; ');
  return err.message ?? String(err);
}

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { items } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const out = [];
for (const { name, credential } of items) {
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
    });
    out.push({ name, verified: result.verified === true, error: message(result.error) });
  } catch (err) {
    out.push({ name, verified: false, error: message(err) });
  }
}
process.stdout.write(JSON.stringify(out));
