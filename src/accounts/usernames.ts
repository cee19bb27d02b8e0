/** Usernames are stored NFKC-normalised, so "ｆｒｅｄ" and "fred" are one name. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFKC');
}

/** The form uniqueness is decided on: NFKC and case-folded, so "Fred" and "ｆｒｅｄ" collide. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase().normalize('NFKC');
}
