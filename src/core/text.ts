// What text people type may hold. Letters that render as nothing let one name pass for another
// ("anna" and "an\u200Bna") and bidi controls reorder what a reader sees, so they never reach a
// name or a title; a NUL byte cannot be stored by PostgreSQL at all.

/**
 * Characters that show nothing: zero-width spaces and joiners, bidi embeddings, overrides, isolates
 * and marks, the Hangul fillers (letters by Unicode's categories, blank on screen), the soft hyphen,
 * the combining grapheme joiner, Mongolian and Khmer invisible signs, the Braille blank, the word
 * joiner and invisible operators, the byte order mark and the tag characters. The zero-width joiner
 * is left between two pictographs, where it builds one emoji (a family, a profession) out of several.
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the combining grapheme joiner is listed on its own, to be removed, not combined
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u2800\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]|(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** The text without the characters that render as nothing. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** True when the text holds a NUL character, which PostgreSQL refuses in text of any kind. */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}
