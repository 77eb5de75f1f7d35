/**
 * Synthetic (unsigned) CLR 2.0 documents for tests and the signing benchmark.
 *
 * API:
 *   achievementCredential(i, issuerId, subjectId) → an AchievementCredential with one Result
 *   clrCredential(issuerId, subjectId, embedded[]) → a ClrCredential wrapping `embedded`
 * Both use only the pinned contexts, so they sign and verify offline.
 */
import { CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../../src/credentials/document-loader.js';

export function achievementCredential(i: number, issuerId: string, subjectId: string): Record<string, unknown> {
  const achievementId = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    '@context': [VC_V2_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'AchievementCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Learnstack Test School' },
    validFrom: '2024-09-01T00:00:00Z',
    name: `Course ${i} completion`,
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Course',
        name: `Course ${i}`,
        description: `Completion of course ${i}.`,
        criteria: { narrative: 'Completed all units with a passing grade.' },
      },
      result: [{ type: ['Result'], value: String(60 + (i % 40)) }],
    },
  };
}

export function clrCredential(issuerId: string, subjectId: string, embedded: unknown[]): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id: 'urn:uuid:20000000-0000-4000-8000-000000000001',
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Learnstack Test School' },
    validFrom: '2025-06-30T00:00:00Z',
    name: 'Synthetic Transcript',
    credentialSubject: { id: subjectId, type: ['ClrSubject'], verifiableCredential: embedded },
  };
}
