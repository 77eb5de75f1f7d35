import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';

/** Demographics share the sourcedId of the user they describe (OneRoster 1.2). */
export const demographics = defineResource({
  name: 'demographics',
  plural: 'demographics',
  entity: 'Demographics',
  table: 'demographics',
  searchFields: ['sex', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth'],
  fields: {
    ...f.common(),
    birthDate: f.date('birth_date'),
    sex: f.enumeration('sex', ['male', 'female', 'unspecified', 'other'], { extensible: true }),
    americanIndianOrAlaskaNative: f.trueFalse('american_indian_or_alaska_native'),
    asian: f.trueFalse('asian'),
    blackOrAfricanAmerican: f.trueFalse('black_or_african_american'),
    nativeHawaiianOrOtherPacificIslander: f.trueFalse('native_hawaiian_or_other_pacific_islander'),
    white: f.trueFalse('white'),
    demographicRaceTwoOrMoreRaces: f.trueFalse('demographic_race_two_or_more_races'),
    hispanicOrLatinoEthnicity: f.trueFalse('hispanic_or_latino_ethnicity'),
    countryOfBirthCode: f.text('country_of_birth_code'),
    stateOfBirthAbbreviation: f.text('state_of_birth_abbreviation'),
    cityOfBirth: f.text('city_of_birth'),
    publicSchoolResidenceStatus: f.text('public_school_residence_status'),
  },
});
