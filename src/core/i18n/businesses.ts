// The strings of businesses, in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const businessesStrings: AreaStrings = {
  sv: {},
  da: {},
  en: {},
};
