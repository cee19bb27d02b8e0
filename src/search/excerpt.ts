// An excerpt as HTML: the post's text around the matched words (search.queries.ts), every character
// escaped, and only the words PostgreSQL matched between <mark> and </mark>. The text comes from the
// post's stored HTML with its tags taken out, so its entities are decoded first and escaped once again.
import { escapeHtml } from '../core/markdown.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The excerpt's HTML from ts_headline's output (matches between \u0001 and \u0002). */
export function markedExcerpt(headline: string): string {
  const text = decodeEntities(headline).replace(/\s+/g, ' ').trim();
  return text
    .split(/(\u0001[^\u0001\u0002]*\u0002)/)
    .map((part) => (part.startsWith('\u0001') ? `<mark>${escapeHtml(part.slice(1, -1))}</mark>` : escapeHtml(part.replace(/[\u0001\u0002]/g, ''))))
    .join('');
}
