// The strings of account, in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const accountStrings: AreaStrings = {
  sv: {},
  da: {},
  en: {},
};
