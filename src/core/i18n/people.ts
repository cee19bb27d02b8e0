// The strings of people, in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const peopleStrings: AreaStrings = {
  sv: {},
  da: {},
  en: {},
};
