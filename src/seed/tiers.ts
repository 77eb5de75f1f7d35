/** Sizes of the generated districts. XS serves the test suite; S is the default benchmark; M is the target. */
export interface Tier {
  schools: number;
  students: number;
  /** Too large for the embedded database. */
  postgresOnly?: boolean;
}

export const TIERS = {
  XS: { schools: 2, students: 120 },
  S: { schools: 6, students: 5_000 },
  M: { schools: 22, students: 57_000 },
  L: { schools: 190, students: 500_000, postgresOnly: true },
} as const satisfies Record<string, Tier>;

export type TierName = keyof typeof TIERS;

export function isTierName(value: string): value is TierName {
  return Object.hasOwn(TIERS, value);
}
