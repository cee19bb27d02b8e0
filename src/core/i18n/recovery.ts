// The strings of recovery, in every locale (index.ts merges them into the catalogs).
import type { AreaStrings } from './area.js';

export const recoveryStrings: AreaStrings = {
  sv: {
    'recovery.adminLink.make': 'Skapa en länk för nytt lösenord',
  },
  da: {
    'recovery.adminLink.make': 'Lav et link til ny adgangskode',
  },
  en: {
    'recovery.adminLink.make': 'Make a password reset link',
  },
};
