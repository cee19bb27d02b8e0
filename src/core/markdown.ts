// Markdown → HTML for posts. The HTML is stored beside the Markdown and shown as is, so this module
// is the only wall between a post's author and every reader's browser. It has two:
//   1. marked with a renderer that escapes raw HTML and emits only links and images we allow;
//   2. sanitize-html with an allowlist, in case the first wall has a hole.
// And one guard against bodies that make marked slow or recurse without end (see "Guard" below).
// A post's @mentions are part of its Markdown (see "Mentions" below).

import { Lexer, Parser, Renderer, Tokenizer, getDefaults, type MarkedOptions, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { decodeHTML } from 'entities';

/** An account an @mention names. */
export interface MentionedAccount {
  id: number;
  username: string;
}

/**
 * Finds the accounts that @names name: given the names of one body as typed, each once, resolves
 * with those that name an account. Called once per body, before it is rendered.
 */
export type MentionLookup = (names: readonly string[]) => Promise<ReadonlyMap<string, MentionedAccount>>;

/** A post's HTML, and the accounts it mentions (linked), in order of first mention, each once. */
export interface RenderedPost {
  html: string;
  mentionedAccountIds: number[];
}

export interface RenderedMarkdown {
  html: string;
  /**
   * True when the body was not rendered as Markdown but shown as escaped text in paragraphs:
   * it was longer than MAX_MARKDOWN_CHARS, or marked ran over its time budget or failed.
   */
  degraded: boolean;
}

/** Every link in a post: not endorsed by us, user-generated, and gives the target no handle on us. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Longer sources are shown as plain text without asking marked (bodies are validated to 20,000). */
export const MAX_MARKDOWN_CHARS = 50_000;

/** C0 controls but tab, newline and carriage return; and DEL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Time marked may spend lexing one body before we give up and show it as plain text. */
const LEX_BUDGET_MS = 100;

/** Block quotes and lists nested deeper than this are read as text. */
const MAX_BLOCK_NESTING = 12;

/** Emphasis, strikethrough, links and images nested deeper than this are read as text. */
const MAX_INLINE_NESTING = 12;

/** A paragraph's text is lexed in pieces of at most this many characters… */
const MAX_INLINE_RUN = 2_000;

/** …and at most this punctuation × length (see pieces()). */
const MAX_PIECE_COST = 100_000;

/** Bodies up to this long cannot be slow (the cost is at most quadratic), so no deadline applies. */
const NO_BUDGET_CHARS = 2_000;

/** Longer runs of spaces are shortened to this many (see "Guard"). */
const MAX_SPACE_RUN = 200;
const LONG_SPACE_RUN = new RegExp(` {${MAX_SPACE_RUN + 1},}`, 'g');

/** Headings move down this many levels: a post's `#` becomes an h3, below the page's h1 and h2. */
const HEADING_SHIFT = 2;

// ---------------------------------------------------------------------------------------------
// Guard
//
// Measured on marked 18 with 20,000-character bodies: `>`, `1. ` or `*a ` … ` a*` nested that
// deep overflow the stack (after 0.1–2.5 s of work); `_a *` repeated takes 2.9 s, `!` repeated
// 0.8 s, `_0` repeated or a run of 20,000 spaces 0.5 s. The slow cases are regex scans that cost
// O(n) per lexer step over O(n) steps, or are quadratic within one call (spaces before a newline;
// link references and tags masked before emphasis). So:
//   - block quotes and lists nest at most 12 deep, and so do inline runs (emphasis, links…);
//   - a paragraph's text is lexed in pieces (see pieces()), so no regex call sees more than
//     2,000 characters, and punctuation-dense text far fewer;
//   - runs of more than 200 spaces are shortened;
//   - the lexer checks a deadline at every step (of bodies over 2,000 characters); over budget,
//     the body is shown as escaped plain text. With the measures above, the worst bodies we found
//     take 5–60 ms warm (`_a *` repeated is the slowest) and up to ~100 ms in a cold process; a
//     realistic 20,000-character post takes ~10 ms warm, ~45 ms cold. The deadline is the net for
//     what we did not find.

class RenderBudgetExceeded extends Error {}

let deadline = Number.POSITIVE_INFINITY;
let blockDepth = 0;
let inlineDepth = 0;

function checkBudget(): void {
  if (performance.now() > deadline) throw new RenderBudgetExceeded('markdown render budget exceeded');
}

class GuardedTokenizer extends Tokenizer {
  // space and escape are the first tokenizers tried at every block and inline step.
  override space(src: string) {
    checkBudget();
    return super.space(src);
  }

  override escape(src: string) {
    checkBudget();
    return super.escape(src);
  }

  override blockquote(src: string) {
    if (blockDepth >= MAX_BLOCK_NESTING) return undefined;
    blockDepth++;
    try {
      return super.blockquote(src);
    } finally {
      blockDepth--;
    }
  }

  override list(src: string) {
    if (blockDepth >= MAX_BLOCK_NESTING) return undefined;
    blockDepth++;
    try {
      return super.list(src);
    } finally {
      blockDepth--;
    }
  }

  // Raw HTML is shown as text, so a tag must not change how the text after it is read: marked
  // would stop autolinking after `<a …>` and stop escaping after `<pre>` or `<script>`.
  override tag(src: string) {
    const { inLink, inRawBlock } = this.lexer.state;
    const token = super.tag(src);
    this.lexer.state.inLink = inLink;
    this.lexer.state.inRawBlock = inRawBlock;
    return token;
  }
}

class GuardedLexer extends Lexer {
  // Emphasis, strikethrough, links and images lex their content with a nested call.
  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    checkBudget();
    if (inlineDepth >= MAX_INLINE_NESTING) {
      tokens.push({ type: 'text', raw: src, text: src }); // shown as typed (escaped)
      return tokens;
    }
    inlineDepth++;
    try {
      if (inlineDepth > 1) return super.inlineTokens(src, tokens);
      for (const piece of pieces(src)) super.inlineTokens(piece, tokens);
      return tokens;
    } finally {
      inlineDepth--;
    }
  }
}

/**
 * A paragraph's text in pieces to lex one by one. An inline step costs up to the length of the
 * piece, and nearly every punctuation character may start a step, so a piece is cut once
 * punctuation × length reaches MAX_PIECE_COST or its length MAX_INLINE_RUN: prose stays whole up to
 * ~1,800 characters, `_a *_a *…` is cut every ~450. Cuts fall before a newline where possible (the
 * next piece then starts with the line break, as it would have), else before a space. Emphasis or
 * a link across a cut is lost, which only happens in very long or very dense paragraphs.
 */
function* pieces(text: string): Generator<string> {
  let start = 0;
  let punctuation = 0;
  for (let i = 0; i < text.length; i++) {
    if (isPunctuation(text.charCodeAt(i))) punctuation++;
    const length = i + 1 - start;
    if (length < MAX_INLINE_RUN && punctuation * length < MAX_PIECE_COST) continue;
    const cut = cutPoint(text, start, i + 1);
    yield text.slice(start, cut);
    start = cut;
    punctuation = 0;
    for (let j = start; j <= i; j++) if (isPunctuation(text.charCodeAt(j))) punctuation++;
  }
  if (start < text.length) yield text.slice(start);
}

function isPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

/** Where to end the piece text[start, end): at its last newline, else its last space, if in its second half. */
function cutPoint(text: string, start: number, end: number): number {
  const half = start + Math.ceil((end - start) / 2);
  const newline = text.lastIndexOf('\n', end - 1);
  if (newline >= half) return newline;
  const space = text.lastIndexOf(' ', end - 1);
  if (space >= half) return space;
  return end - 1 > start && /[\ud800-\udbff]/.test(text.charAt(end - 1)) ? end - 1 : end; // keep surrogate pairs whole
}

// ---------------------------------------------------------------------------------------------
// URLs

const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);
const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);

/**
 * Decodes character references as a browser reads them in text (every named reference of HTML, numeric
 * ones with or without `;`, invalid code points as U+FFFD): what a link's target or an image's alt text
 * means is judged on what the reader's browser will make of it. The `entities` package follows the
 * HTML standard's table.
 */
function decodeReferences(text: string): string {
  return decodeHTML(text);
}

/**
 * The URL to put in href/src, or null when it is not one we link to. Judged as a browser would
 * read it: character references decoded, ASCII tab and newline removed anywhere, controls and
 * spaces trimmed at both ends. Allowed: the given schemes and, when allowRelative, URLs without a
 * scheme (`/t/1`, `#post-3`, `./x`) — but not protocol-relative ones (`//host`, `\\host`), nor a
 * colon in the first segment (`java%0ascript:`, which some reader might yet take for a scheme).
 */
function safeUrl(raw: string, schemes: ReadonlySet<string>, allowRelative: boolean): string | null {
  const url = trimControlsAndSpaces(decodeReferences(raw).replace(/[\t\n\r]/g, ''));
  if (url === '' || /[\u0000-\u001f\u007f]/.test(url)) return null;
  const scheme = /^([A-Za-z][A-Za-z\d+.-]*):/.exec(url);
  if (scheme) {
    if (!schemes.has(scheme[1]!.toLowerCase())) return null;
  } else if (!allowRelative || /^[\\/]{2}/.test(url) || /^[^/?#]*:/.test(url)) {
    return null;
  }
  try {
    // Percent-encode spaces, quotes, non-ASCII…; leave existing %xx escapes alone.
    return encodeURI(url).replace(/%25([\da-fA-F]{2})/g, '%$1');
  } catch {
    return null; // lone surrogate
  }
}

/** text without C0 controls and spaces at either end (no regex: `[…]+$` backtracks on long runs). */
function trimControlsAndSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

// ---------------------------------------------------------------------------------------------
// Renderer

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes all five HTML specials; for attributes and for text meant literally (code). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escapes text but keeps character references (`&copy;`, `&#229;`), as Markdown text allows them. */
function escapeText(text: string): string {
  return text.replace(/&(?!#\d{1,8};|#[xX][\da-fA-F]{1,7};|[A-Za-z][A-Za-z\d]{1,31};)|[<>"']/g, (c) => ESCAPES[c]!);
}

/** Text with its line breaks kept, for raw HTML and for the plain-text fallback. */
function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

class SafeRenderer extends Renderer {
  // Raw HTML, block or inline, is shown as the text it is.
  override html(token: Tokens.HTML | Tokens.Tag): string {
    if (!token.block) return escapeHtml(token.text);
    const text = token.text.replace(/^\n+/, '').trimEnd();
    return text ? `<p>${escapeLines(text)}</p>\n` : '';
  }

  override text(token: Tokens.Text | Tokens.Escape): string {
    if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
    return escapeText(token.text);
  }

  override code({ text, lang }: Tokens.Code): string {
    const language = /^[\w#+.-]{1,40}$/.exec((lang ?? '').trim().split(/\s/, 1)[0] ?? '')?.[0];
    const body = text ? escapeHtml(text.replace(/\n$/, '')) + '\n' : '';
    const attribute = language ? ` class="language-${escapeHtml(language)}"` : '';
    return `<pre><code${attribute}>${body}</code></pre>\n`;
  }

  override codespan({ text }: Tokens.Codespan): string {
    return `<code>${escapeHtml(text)}</code>`;
  }

  // No ids: a post must not be able to claim an id the page uses.
  override heading({ tokens, depth }: Tokens.Heading): string {
    const level = Math.min(depth + HEADING_SHIFT, 6);
    return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
  }

  // A task list's box is shown as a character: no form controls in posts.
  override checkbox({ checked }: Tokens.Checkbox): string {
    return checked ? '☑ ' : '☐ ';
  }

  override link({ href, text, tokens, autolink }: Tokens.Link): string {
    const label = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
    const url = safeUrl(href, LINK_SCHEMES, true);
    if (url === null) return label;
    return `<a href="${escapeHtml(url)}" rel="${LINK_REL}">${label}</a>`;
  }

  override image({ href, title, text, tokens }: Tokens.Image): string {
    // marked's types promise tokens; a renderer called by hand (tests, other extensions) may leave them out.
    const alt = decodeReferences((tokens as Tokens.Image['tokens'] | undefined) ? this.parser.parseInline(tokens, this.parser.textRenderer) : text);
    const url = safeUrl(href, IMAGE_SCHEMES, false);
    if (url === null) return escapeHtml(alt);
    const titleAttribute = title ? ` title="${escapeHtml(decodeReferences(title))}"` : '';
    return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${titleAttribute} loading="lazy">`;
  }
}

// ---------------------------------------------------------------------------------------------
// Mentions
//
// `@name` in a post's text names an account: the renderer links it to the person's page, and the
// post remembers whom it mentions (the notifications worker tells them). Only in text: never in code,
// a code block, raw HTML, a link's text or an image's description, and never right after a letter, a
// digit or one of `@ / . _ -` (so e-mail addresses and paths are not mentions). Mentions are found in
// the text tokens once marked has lexed the body, not by a tokenizer of their own: a token in the
// middle of lexing would change how marked reads what follows it (emphasis after a name, a URL or an
// e-mail address that begins with one). Which names are accounts is asked once per body, between
// lexing and rendering: this module knows no accounts.

interface MentionToken extends Tokens.Generic {
  type: 'mention';
  raw: string;
  text: string;
  /** The name as typed. */
  name: string;
  /** The account it names; unset when it names none (it is then shown as the text it is). */
  account?: MentionedAccount;
}

/** A username (accounts.schemas.ts) after an @ that does not follow a letter, digit or one of `@ / . _ -`. */
const MENTION = /(?<![\p{L}\p{N}@/._-])@([\p{L}\p{N}_-]{3,30})/gu;

/** Tokens shown as text, with no markup between them and the text that follows. */
const TEXT_TOKENS: ReadonlySet<string> = new Set(['text', 'escape', 'html']);

/** Tokens whose text is never searched for mentions: code, raw HTML, links and images. */
const NO_MENTIONS_INSIDE: ReadonlySet<string> = new Set(['code', 'codespan', 'html', 'link', 'image']);

/** Makes every @mention in the body's text a mention token; the mentions in the order written. */
function markMentions(tokens: Token[], found: MentionToken[] = []): MentionToken[] {
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.type === 'text' && !token.tokens) splitMentions(token as Tokens.Text, previous, found);
    else if (!NO_MENTIONS_INSIDE.has(token.type)) for (const children of childTokens(token)) markMentions(children, found);
    previous = token;
  }
  return found;
}

function childTokens(token: Token): Token[][] {
  if (token.type === 'list') return (token as Tokens.List).items.map((item) => item.tokens);
  if (token.type === 'table') {
    const { header, rows } = token as Tokens.Table;
    return [...header.map((cell) => cell.tokens), ...rows.flatMap((row) => row.map((cell) => cell.tokens))];
  }
  return 'tokens' in token && token.tokens ? [token.tokens] : [];
}

/** Gives an inline text token with mentions in it children: its text around them, and the mentions. */
function splitMentions(token: Tokens.Text, previous: Token | undefined, found: MentionToken[]): void {
  // The text right before (its last character) decides whether an @ first in this one may begin a mention.
  const before = previous && TEXT_TOKENS.has(previous.type) ? lastCharacter((previous as Tokens.Text | Tokens.Escape | Tokens.HTML).text) : '';
  const text = before + token.text;
  const parts: Token[] = [];
  let end = before.length;
  for (const match of text.matchAll(MENTION)) {
    if (match.index < before.length) continue;
    if (match.index > end) parts.push(textToken(text.slice(end, match.index)));
    const mention: MentionToken = { type: 'mention', raw: match[0], text: match[0], name: match[1]! };
    parts.push(mention);
    found.push(mention);
    end = match.index + match[0].length;
  }
  if (parts.length === 0) return;
  if (end < text.length) parts.push(textToken(text.slice(end)));
  token.tokens = parts;
}

function textToken(text: string): Tokens.Text {
  return { type: 'text', raw: text, text };
}

/** The last character, whole when it is a surrogate pair. */
function lastCharacter(text: string): string {
  return Array.from(text.slice(-2)).at(-1) ?? '';
}

/** A mention that names an account, linked to the person's page; one that names none, as the text it is. */
function renderMention(token: Tokens.Generic): string {
  const { name, account } = token as MentionToken;
  if (!account) return escapeHtml(`@${name}`);
  return `<a class="mention" href="/u/${escapeHtml(encodeURIComponent(account.username))}" data-mention="${account.id}">@${escapeHtml(name)}</a>`;
}

const markedOptions: MarkedOptions = {
  ...getDefaults(),
  gfm: true,
  breaks: true,
  tokenizer: new GuardedTokenizer(),
  renderer: new SafeRenderer(),
};

/** A post's tokens, with their mention tokens (markMentions), are rendered with marked's extension for them. */
const postMarkedOptions: MarkedOptions = {
  ...markedOptions,
  renderer: new SafeRenderer(),
  extensions: { renderers: { mention: renderMention }, childTokens: {} },
};

// ---------------------------------------------------------------------------------------------
// Sanitizer: the second wall. It sees only what the renderer emits, so anything it removes is a
// bug in the renderer, not a post.

/** A mention as the renderer links it (a person's page, the account's id), which keeps its markup and gets no rel. */
function isMentionLink(attribs: sanitizeHtml.Attributes): boolean {
  return attribs.class === 'mention' && /^\/u\/[^/?#]+$/.test(attribs.href ?? '') && /^\d+$/.test(attribs['data-mention'] ?? '');
}

/** Any other link: no mention's markup, and LINK_REL. */
function linkAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const kept = Object.entries(attribs).filter(([name]) => name !== 'class' && name !== 'data-mention');
  return { ...Object.fromEntries(kept), rel: LINK_REL };
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'class', 'data-mention'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
    code: ['class'],
    th: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
    td: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
  },
  allowedClasses: { code: [/^language-[\w#+.-]{1,40}$/], a: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: isMentionLink(attribs) ? attribs : linkAttributes(attribs) }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '', loading: 'lazy' } }),
  },
};

// ---------------------------------------------------------------------------------------------
// API

/** HTML for storing beside the Markdown source; safe to show as is. */
export function renderMarkdown(source: string): string {
  return renderMarkdownDetailed(source).html;
}

/** renderMarkdown, also telling whether the body fell back to plain text. */
export function renderMarkdownDetailed(source: string): RenderedMarkdown {
  const text = withoutControls(source);
  return rendered(text, lexed(text), markedOptions);
}

/**
 * A post's HTML with its @mentions linked, and the accounts they name. The names are looked up in one
 * call, between lexing and rendering. A body shown as plain text (see RenderedMarkdown) mentions no one.
 */
export async function renderPostMarkdown(source: string, findAccounts: MentionLookup): Promise<RenderedPost> {
  const text = withoutControls(source);
  const tokens = lexed(text);
  const mentions = tokens ? markMentions(tokens) : [];
  const accounts = mentions.length === 0 ? new Map<string, MentionedAccount>() : await findAccounts([...new Set(mentions.map((mention) => mention.name))]);
  for (const mention of mentions) mention.account = accounts.get(mention.name);
  const { html, degraded } = rendered(text, tokens, postMarkedOptions);
  const mentionedAccountIds = degraded ? [] : [...new Set(mentions.flatMap((mention) => (mention.account ? [mention.account.id] : [])))];
  return { html, mentionedAccountIds };
}

/** Control characters have no place in a post, and browsers skip some of them inside URLs. */
function withoutControls(source: string): string {
  return source.replace(CONTROL_CHARACTERS, '');
}

/** The tokens as safe HTML; the text as plain paragraphs when there are none (see `lexed`) or marked failed on them. */
function rendered(text: string, tokens: Token[] | null, options: MarkedOptions): RenderedMarkdown {
  const markup = tokens === null ? null : markdownToHtml(tokens, options);
  if (markup !== null) return { html: sanitizeHtml(markup, sanitizeOptions), degraded: false };
  // Only <p>, <br> and escaped text: nothing for the sanitizer to remove, and for a huge body it
  // would be the slowest step (about 1 s per megabyte).
  return { html: plainParagraphs(text), degraded: true };
}

/**
 * marked's tokens; null when the source is longer than MAX_MARKDOWN_CHARS, or lexing ran over budget
 * or failed (a stack overflow, a marked bug).
 */
function lexed(source: string): Token[] | null {
  if (source.length > MAX_MARKDOWN_CHARS) return null;
  const prepared = source.replace(LONG_SPACE_RUN, ' '.repeat(MAX_SPACE_RUN));
  // Short bodies get no deadline, so a busy moment never turns a short post into plain text.
  deadline = source.length > NO_BUDGET_CHARS ? performance.now() + LEX_BUDGET_MS : Number.POSITIVE_INFINITY;
  try {
    return new GuardedLexer(markedOptions).lex(prepared);
  } catch {
    return null;
  } finally {
    deadline = Number.POSITIVE_INFINITY;
    blockDepth = 0;
    inlineDepth = 0;
  }
}

/** marked's HTML, or null when it failed (a marked bug). */
function markdownToHtml(tokens: Token[], options: MarkedOptions): string | null {
  try {
    return new Parser(options).parse(tokens);
  } catch {
    return null;
  }
}

/** The source as escaped text: a paragraph per blank-line-separated block, a <br> per newline. */
function plainParagraphs(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${escapeLines(block)}</p>\n`)
    .join('');
}

const EXCERPT_BLOCKS = ['p', 'br', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'th', 'td', 'hr', 'div'];

/**
 * The plain text of rendered HTML (images and markup dropped, entities decoded, whitespace
 * collapsed), at most maxChars long: cut at a word boundary and ended with "…" when longer.
 * The result is text, not HTML: escape it where it goes into a page.
 */
export function excerpt(html: string, maxChars: number): string {
  if (maxChars < 1) return '';
  // The sanitizer leaves only attribute-free block tags, and escapes every `<` in text.
  const blocks = sanitizeHtml(html, { allowedTags: EXCERPT_BLOCKS, allowedAttributes: {} });
  const text = blocks
    .replace(/<[^>]*>/g, ' ')
    // The sanitizer writes only &lt; &gt; &quot; and &amp;: decoded in one pass, so "&amp;lt;" stays "&lt;".
    .replace(/&(lt|gt|quot|amp);/g, (reference) => decodeHTML(reference))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxChars) return text;

  const room = maxChars - 1; // for the "…"
  const space = text.lastIndexOf(' ', room);
  let cut = space >= room / 2 ? space : room; // a word boundary unless it throws away half
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut -= 1; // never split a surrogate pair
  return text.slice(0, cut).trimEnd() + '…';
}
