// Atom 1.0 (RFC 4287) documents, built as text: every value escaped, characters XML forbids removed.

export interface AtomEntry {
  /** A permanent IRI: the entry's URL on this forum. */
  id: string;
  title: string;
  updated: Date;
  published: Date;
  link: string;
  /** Who wrote it, and their page (none for a former member). */
  author: { name: string; uri: string | null };
  /** HTML, sent escaped as type="html". */
  html: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The page the feed mirrors. */
  link: string;
  /** The feed's own URL. */
  self: string;
  /** The newest entry's updated, or when there is none, when the subject was made. */
  updated: Date;
  /** Names the feed when an entry lacks an author (ours all have one; Atom still wants the feed's). */
  author: string;
  generator: string;
  entries: AtomEntry[];
}

// Characters not allowed in XML 1.0 documents: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${xmlText(text)}</${name}>`;
}

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  ${element('id', feed.id)}`,
    `  ${element('title', feed.title)}`,
    ...(feed.subtitle ? [`  ${element('subtitle', feed.subtitle)}`] : []),
    `  ${element('updated', feed.updated.toISOString())}`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <author>${element('name', feed.author)}</author>`,
    `  ${element('generator', feed.generator)}`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    ${element('id', entry.id)}`,
      `    ${element('title', entry.title)}`,
      `    ${element('updated', entry.updated.toISOString())}`,
      `    ${element('published', entry.published.toISOString())}`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>`,
      `    <author>${element('name', entry.author.name)}${entry.author.uri ? element('uri', entry.author.uri) : ''}</author>`,
      `    ${element('content', entry.html, ' type="html"')}`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
