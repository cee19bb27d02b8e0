// A person's avatar until photos arrive: their initials on a colour of their own. The colour comes from
// the username (which never changes while the account lives), so a person looks the same on every page.

/**
 * The colours avatars take, each at least 4.5:1 against white initials; forum.css has them in this
 * order as `.avatar-0` … `.avatar-11`.
 */
export const AVATAR_COLOURS = [
  '#1f5f8b',
  '#8a3b12',
  '#2e6b30',
  '#6a3d9a',
  '#a0233b',
  '#0e6b6b',
  '#7a5200',
  '#4f5f1a',
  '#8b2f6e',
  '#3d4f7a',
  '#b23c17',
  '#5c4a3d',
] as const;

/** The number of the username's avatar colour, the same every time (FNV-1a over its code points). */
export function avatarColour(username: string): number {
  let hash = 0x811c9dc5;
  for (const char of username.toLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS.length;
}

/** Up to two letters: the first of the first and last words of the name ("Jonas Ek" → "JE", "Åsa" → "Å"). */
export function initials(displayName: string): string {
  const words = displayName.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? [];
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return (
    [first, last]
      .filter((word): word is string => word !== undefined)
      // The first letter with its combining marks (a decomposed "Å" is two code points).
      .map((word) => /^.\p{M}*/u.exec(word)![0].toLocaleUpperCase())
      .join('')
  );
}
