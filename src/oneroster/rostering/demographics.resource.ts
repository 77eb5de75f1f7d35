import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { ROSTERING } from '../base-paths.js';

export const demographicsTable = pgTable(
  'demographics',
  {
    ...resourceColumns(),
    birthDate: text('birth_date'),
    sex: text('sex'),
    americanIndianOrAlaskaNative: boolean('american_indian_or_alaska_native'),
    asian: boolean('asian'),
    blackOrAfricanAmerican: boolean('black_or_african_american'),
    nativeHawaiianOrOtherPacificIslander: boolean('native_hawaiian_or_other_pacific_islander'),
    white: boolean('white'),
    demographicRaceTwoOrMoreRaces: boolean('demographic_race_two_or_more_races'),
    hispanicOrLatinoEthnicity: boolean('hispanic_or_latino_ethnicity'),
    countryOfBirthCode: text('country_of_birth_code'),
    stateOfBirthAbbreviation: text('state_of_birth_abbreviation'),
    cityOfBirth: text('city_of_birth'),
    publicSchoolResidenceStatus: text('public_school_residence_status'),
  },
  (t) => [index('demographics_dlm_idx').on(t.dateLastModified)],
);

/** Demographics share the sourcedId of the user they describe (OneRoster 1.2). */
export const demographics = defineResource({
  name: 'demographics',
  plural: 'demographics',
  table: demographicsTable,
  basePath: ROSTERING,
  searchFields: ['sex', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth'],
  fields: (t) => ({
    ...f.common(t),
    birthDate: f.date(t.birthDate),
    sex: f.enumeration(t.sex, ['male', 'female', 'unspecified', 'other'], { extensible: true }),
    americanIndianOrAlaskaNative: f.trueFalse(t.americanIndianOrAlaskaNative),
    asian: f.trueFalse(t.asian),
    blackOrAfricanAmerican: f.trueFalse(t.blackOrAfricanAmerican),
    nativeHawaiianOrOtherPacificIslander: f.trueFalse(t.nativeHawaiianOrOtherPacificIslander),
    white: f.trueFalse(t.white),
    demographicRaceTwoOrMoreRaces: f.trueFalse(t.demographicRaceTwoOrMoreRaces),
    hispanicOrLatinoEthnicity: f.trueFalse(t.hispanicOrLatinoEthnicity),
    countryOfBirthCode: f.text(t.countryOfBirthCode),
    stateOfBirthAbbreviation: f.text(t.stateOfBirthAbbreviation),
    cityOfBirth: f.text(t.cityOfBirth),
    publicSchoolResidenceStatus: f.text(t.publicSchoolResidenceStatus),
  }),
});
