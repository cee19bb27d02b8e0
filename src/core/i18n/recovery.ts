// The strings of recovery, in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const recoveryStrings: AreaStrings = {
  sv: {},
  da: {},
  en: {},
};
