/**
 * The rule for scenario names, shared by validation on load and by `eosim new`: a name is
 * also a command-line selector and part of file names (repro files, `<name>.scenario.ts`), so
 * it stays lowercase letters, digits and dashes.
 */

/** Lowercase letters, digits and dashes, starting with a letter or digit. */
export const scenarioNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/** The rule's wording in error messages. */
export const scenarioNameRule = "must be lowercase letters, digits and dashes";
