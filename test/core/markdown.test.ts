import { describe, expect, it } from 'vitest';
import {
  LINK_REL,
  MAX_MARKDOWN_CHARS,
  excerpt,
  renderMarkdown,
  renderMarkdownDetailed,
  renderPostMarkdown,
  type MentionedAccount,
} from '../../src/core/markdown.js';

// What the rendered HTML may contain. Raw HTML in a post is shown as text, so `onerror=` or
// `javascript:` may appear in the *text* of a post (escaped, as `&lt;img … onerror=…&gt;`); the
// checks below look at the markup: every tag, every attribute, every URL. A `<` in the output always
// starts a real tag, because text `<` is escaped.
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  del: [],
  code: ['class'],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  a: ['href', 'rel'],
  img: ['src', 'alt', 'title', 'loading'],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  hr: [],
};
const FORBIDDEN_MARKUP = [
  '<script',
  '<iframe',
  '<svg',
  '<math',
  '<object',
  '<embed',
  '<style',
  '<form',
  '<input',
  '<base',
  '<meta',
  '<link',
  '<noscript',
  '<textarea',
  '<template',
  '<frame',
  '<h1',
  '<h2',
  '<div',
  '<span',
];

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', Tab: '\t', NewLine: '\n', nbsp: '\u00a0' };

/** Decodes character references once, as a browser does in an attribute value. */
function decode(value: string): string {
  return value.replace(/&(?:#(\d+)|#[xX]([\da-fA-F]+)|(\w+));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

function attributesOf(tag: string): Array<[string, string]> {
  return [...tag.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!.toLowerCase(), m[2] ?? '']);
}

/** The URL a browser would follow: references decoded, controls and whitespace dropped. */
function browserUrl(value: string): string {
  return decode(value).replace(/[\u0000-\u0020]/g, '');
}

/** Everything unsafe or unexpected in the markup of html; empty when it is safe. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const lower = html.toLowerCase();
  for (const markup of FORBIDDEN_MARKUP) if (lower.includes(markup)) problems.push(`contains ${markup}`);
  for (const tag of tagsOf(html)) {
    const name = /^<\/?([a-z\d]+)/.exec(tag)?.[1];
    const allowed = name === undefined ? undefined : ALLOWED[name];
    if (allowed === undefined) {
      problems.push(`tag ${tag}`);
      continue;
    }
    // Attribute values are quoted, with their quotes escaped: outside them is the tag's own markup.
    const bare = tag.replace(/"[^"]*"/g, '""');
    if (/\son\w+\s*=|style\s*=|srcdoc|formaction/i.test(bare)) problems.push(`handler or style in ${tag}`);
    for (const [attribute, value] of attributesOf(tag)) {
      if (!allowed.includes(attribute)) problems.push(`attribute ${attribute} in ${tag}`);
      const url = browserUrl(value);
      if (/javascript:|vbscript:|livescript:|data:|file:/i.test(url)) problems.push(`scheme in ${tag}`);
      if (attribute === 'href' && !/^(?:https?:|mailto:|(?![\\/]{2})[^:]*$)/i.test(url)) problems.push(`href in ${tag}`);
      if (attribute === 'src' && !/^https?:\/\//i.test(url)) problems.push(`src in ${tag}`);
      if (attribute === 'class' && !/^language-[\w#+.-]+$/.test(value)) problems.push(`class in ${tag}`);
    }
    if (name === 'a' && !tag.startsWith('</') && !tag.includes(`rel="${LINK_REL}"`)) problems.push(`no rel in ${tag}`);
    if (name === 'img' && !tag.includes('loading="lazy"')) problems.push(`not lazy: ${tag}`);
  }
  return problems;
}

function expectSafe(html: string): void {
  expect(problemsIn(html)).toEqual([]);
}

/** No link or image at all, and no dangerous scheme even in the visible text. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<a\s|<img\s/);
  expect(decode(html)).not.toMatch(/javascript:|vbscript:|data:|file:/i);
}

/** The text a reader sees, whitespace collapsed. */
function visibleText(html: string): string {
  return excerpt(html, Number.MAX_SAFE_INTEGER);
}

interface Hostile {
  name: string;
  body: string;
  also?: (html: string) => void;
}

const showsAsText = (text: string) => (html: string) => expect(html).toContain(text);

const hostile: Hostile[] = [
  // Raw HTML: shown as text, never as markup.
  { name: 'script tag', body: '<script>alert(1)</script>', also: showsAsText('&lt;script&gt;alert(1)&lt;/script&gt;') },
  { name: 'script tag inline', body: 'Hej <script>alert(1)</script> då', also: showsAsText('&lt;script&gt;') },
  { name: 'script with src', body: '<SCRIPT SRC=//evil.example/x.js></SCRIPT>' },
  { name: 'script split over lines', body: '<script\n>alert(1)</script\n>' },
  { name: 'nested script', body: '<scr<script>ipt>alert(1)</scr</script>ipt>', also: showsAsText('&lt;scr&lt;script&gt;ipt&gt;') },
  { name: 'img onerror', body: '<img src=x onerror=alert(1)>', also: showsAsText('&lt;img src=x onerror=alert(1)&gt;') },
  { name: 'img onerror, slash syntax', body: 'a <img/src=x onerror=alert(1)> b' },
  { name: 'event handlers', body: '<body onload=alert(1)>\n\n<div onmouseover="alert(1)">hover</div>\n\n<p onclick=alert(1)>x</p>' },
  { name: 'svg onload', body: '<svg onload=alert(1)>' },
  { name: 'svg script', body: '<svg><script>alert(1)</script></svg>' },
  { name: 'iframe', body: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'iframe srcdoc', body: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'object and embed', body: '<object data="javascript:alert(1)"></object><embed src=javascript:alert(1)>' },
  { name: 'style block', body: '<style>body{background:url(javascript:alert(1))}</style>\n\nafter' },
  { name: 'style attribute', body: '<p style="background:url(javascript:alert(1))">x</p>' },
  { name: 'form, input, formaction', body: '<form action=javascript:alert(1)><input type=submit formaction=javascript:alert(1)></form>' },
  {
    name: 'base, meta, link',
    body: '<base href="javascript:alert(1)//">\n<meta http-equiv="refresh" content="0;url=javascript:alert(1)">\n<link rel=stylesheet href=javascript:alert(1)>',
  },
  { name: 'raw anchor with javascript:', body: '<a href="javascript:alert(1)">x</a>', also: (html) => expect(html).not.toMatch(/<a\s/) },
  { name: 'mXSS noscript', body: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  { name: 'mXSS svg style', body: '<svg><style><img src=x onerror=alert(1)></style></svg>' },
  { name: 'mXSS math mglyph', body: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  { name: 'comment and CDATA', body: '<!-- <script>alert(1)</script> -->\n\n<![CDATA[<script>alert(1)</script>]]>' },
  { name: 'raw pre then tag-like text', body: '<pre>\n<img/src=x onerror=alert(1)>', also: showsAsText('&lt;img/src=x onerror=alert(1)&gt;') },
  { name: 'entities that spell a tag', body: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;' },
  { name: 'HTML in a table cell', body: '| <img src=x onerror=alert(1)> | b |\n|---|---|\n| <svg onload=alert(1)> | c |' },

  // Links: only http, https, mailto and relative; everything else is plain text.
  ...[
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript&#58;alert(1)',
    'javascript&colon;alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#106avascript:alert(1)',
    '&#0000106;avascript:alert(1)',
    'java&Tab;script:alert(1)',
    '<java\tscript:alert(1)>',
    'java%0ascript:alert(1)',
    '\u0001javascript:alert(1)',
    ' javascript:alert(1)',
    '<javascript:alert(1)>',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example/x',
    '/\\evil.example/x',
  ].map((url): Hostile => ({
    name: `link to ${JSON.stringify(url)}`,
    body: `[x](${url})`,
    also: (html) => {
      expectInert(html);
      expect(visibleText(html)).toBe('x');
    },
  })),
  {
    name: 'link with a newline in its destination (not a link at all)',
    body: '[x](<java\nscript:alert(1)>)',
    also: (html) => expect(html).not.toMatch(/<a\s/),
  },
  {
    name: 'image with javascript:',
    body: '![x](javascript:alert(1))',
    also: (html) => {
      expectInert(html);
      expect(visibleText(html)).toBe('x');
    },
  },
  { name: 'image with data: svg', body: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', also: expectInert },
  { name: 'image with data: png', body: '![x](data:image/png;base64,iVBORw0KGgo=)', also: expectInert },
  { name: 'autolink javascript:', body: '<javascript:alert(1)>', also: (html) => expect(html).not.toMatch(/<a\s/) },
  { name: 'autolink vbscript: and data:', body: '<vbscript:msgbox(1)> <data:text/html,x>', also: (html) => expect(html).not.toMatch(/<a\s/) },
  { name: 'reference link to javascript:', body: '[x][1]\n\n[1]: javascript:alert(1)', also: expectInert },
  { name: 'reference link, angle brackets and title', body: '[x][evil]\n\n[evil]: <javascript:alert(1)> "t"', also: expectInert },
  { name: 'reference image to data:', body: '![x][1]\n\n[1]: data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', also: expectInert },
  {
    name: 'link title breaking out of its attribute',
    body: '[x](https://a.example "a\\" onmouseover=\\"alert(1)")',
    also: (html) => expect(html).toContain('<a href="https://a.example"'),
  },
  {
    name: 'image title and alt breaking out of their attributes',
    body: '![a" onerror="alert(1)](https://a.example/i.png "b\\" onerror=\\"alert(1)")',
    also: (html) => expect(html).toContain('alt="a&quot; onerror=&quot;alert(1)"'),
  },
  { name: 'link text containing HTML', body: '[<img src=x onerror=alert(1)>](https://a.example)', also: showsAsText('&lt;img src=x onerror=alert(1)&gt;</a>') },
  { name: 'link text with emphasis and a tag', body: '[**<b onclick=alert(1)>x</b>**](https://a.example)' },
  { name: 'quotes in a bare URL', body: 'https://example.se/"onmouseover="alert(1)' },
  { name: 'angle brackets in a URL', body: '[x](https://example.se/<script>alert(1)</script>)' },
  { name: 'code fence language injection', body: '```js" onmouseover="alert(1)\ncode\n```\n\n```<script>\ncode\n```' },
  { name: 'script in code', body: '`<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n```', also: showsAsText('&lt;script&gt;') },
  { name: 'heading with an anchor', body: '# <a name="top" id="main">x</a>', also: (html) => expect(tagsOf(html).join('')).not.toMatch(/\sid=|\sname=/) },
  { name: 'task list checkbox', body: '- [ ] a\n- [x] b' },
];

describe('renderMarkdown: hostile bodies', () => {
  it('has at least 30 of them', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it('are judged by a checker that does catch unsafe HTML', () => {
    expect(problemsIn('<p><img src="https://a.se/x.png" loading="lazy" onerror="alert(1)"></p>')).not.toEqual([]);
    expect(problemsIn(`<a href="&#106;avascript:alert(1)" rel="${LINK_REL}">x</a>`)).not.toEqual([]);
    expect(problemsIn(`<a href="java&Tab;script:alert(1)" rel="${LINK_REL}">x</a>`)).not.toEqual([]);
    expect(problemsIn(`<a href="//evil.example" rel="${LINK_REL}">x</a>`)).not.toEqual([]);
    expect(problemsIn('<a href="https://a.se">x</a>')).not.toEqual([]);
    expect(problemsIn('<p style="color:red">x</p>')).not.toEqual([]);
    expect(problemsIn('<svg><p>x</p></svg>')).not.toEqual([]);
    expect(problemsIn('<img src="data:image/png;base64,AAAA" loading="lazy">')).not.toEqual([]);
    expect(problemsIn(`<p>&lt;img src=x onerror=alert(1)&gt; <a href="/t/1" rel="${LINK_REL}">x</a></p>`)).toEqual([]);
  });

  it.each(hostile)('$name', ({ body, also }) => {
    const html = renderMarkdown(body);
    expectSafe(html);
    also?.(html);
  });
});

describe('renderMarkdown: Markdown', () => {
  it('renders paragraphs, and a single newline as a line break', () => {
    expect(renderMarkdown('rad ett\nrad två\n\nnytt stycke')).toBe('<p>rad ett<br />rad två</p>\n<p>nytt stycke</p>\n');
  });

  it('renders lists, an ordered list keeping its start, and nested lists', () => {
    const html = renderMarkdown('- a\n- b\n  - c\n\n3. x\n4. y');
    expect(html).toContain('<ul>\n<li>a</li>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>');
    expect(html).toContain('<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>');
  });

  it('renders emphasis, strong, strikethrough and block quotes', () => {
    const html = renderMarkdown('*em* **strong** ~~del~~\n\n> citat\n> > djupare');
    expect(html).toContain('<em>em</em> <strong>strong</strong> <del>del</del>');
    expect(html).toContain('<blockquote>\n<p>citat</p>\n<blockquote>\n<p>djupare</p>\n</blockquote>\n</blockquote>');
  });

  it('renders a fenced code block with its language class, and inline code, escaped', () => {
    const html = renderMarkdown('```js\nif (a < b && c) {}\n```\n\nSkriv `<b>` för fet.');
    expect(html).toContain('<pre><code class="language-js">if (a &lt; b &amp;&amp; c) {}\n</code></pre>');
    expect(html).toContain('<code>&lt;b&gt;</code>');
  });

  it('renders a table with alignment', () => {
    const html = renderMarkdown('| Namn | Pris |\n|:--|--:|\n| Kajak | 450 kr |');
    expect(html).toContain('<th align="left">Namn</th>');
    expect(html).toContain('<td align="right">450 kr</td>');
    expect(html).toMatch(/<table>\s*<thead>[\s\S]*<tbody>[\s\S]*<\/tbody><\/table>/);
  });

  it('moves headings down so a post never outranks the page, and gives them no ids', () => {
    expect(renderMarkdown('# Ett\n## Två\n### Tre\n###### Sex')).toBe('<h3>Ett</h3>\n<h4>Två</h4>\n<h5>Tre</h5>\n<h6>Sex</h6>\n');
  });

  it('autolinks bare URLs and email addresses', () => {
    expect(renderMarkdown('Se https://example.se idag')).toBe(`<p>Se <a href="https://example.se" rel="${LINK_REL}">https://example.se</a> idag</p>\n`);
    expect(renderMarkdown('www.example.se')).toContain(`<a href="http://www.example.se" rel="${LINK_REL}">www.example.se</a>`);
    expect(renderMarkdown('Mejla info@example.se')).toContain(`<a href="mailto:info@example.se" rel="${LINK_REL}">info@example.se</a>`);
  });

  it('keeps mailto, http and relative links', () => {
    const html = renderMarkdown(
      '[mejl](mailto:info@example.se) [webb](http://example.se) [tråd](/t/1) [inlägg](#post-3) [här](./x) [upp](../y) [sök](/search?q=kajak&sort=new)',
    );
    for (const href of ['mailto:info@example.se', 'http://example.se', '/t/1', '#post-3', './x', '../y', '/search?q=kajak&amp;sort=new']) {
      expect(html).toContain(`<a href="${href}" rel="${LINK_REL}">`);
    }
  });

  it('gives every link the same rel, whatever the author wrote', () => {
    const html = renderMarkdown('[a](https://a.se) <https://b.se> c@d.se https://e.se [f][1]\n\n[1]: /g');
    const anchors = tagsOf(html).filter((tag) => tag.startsWith('<a '));
    expect(anchors).toHaveLength(5);
    for (const anchor of anchors) expect(anchor).toMatch(new RegExp(`^<a href="[^"]+" rel="${LINK_REL}">$`));
  });

  it('renders https and http images lazily with an alt, and drops any other image to its alt text', () => {
    expect(renderMarkdown('![Bryggan i solnedgång](https://example.se/brygga.jpg "Kvällen")')).toBe(
      '<p><img src="https://example.se/brygga.jpg" alt="Bryggan i solnedgång" title="Kvällen" loading="lazy" /></p>\n',
    );
    expect(renderMarkdown('![karta](http://example.se/karta.png)')).toContain('<img src="http://example.se/karta.png" alt="karta" loading="lazy" />');
    expect(renderMarkdown('![lokal](/bild.png) ![ftp](ftp://example.se/a.png)')).toBe('<p>lokal ftp</p>\n');
  });

  it('shows raw HTML as text', () => {
    expect(renderMarkdown('<b>fet</b> text')).toBe('<p>&lt;b&gt;fet&lt;/b&gt; text</p>\n');
    expect(renderMarkdown('<div>\nhej\n</div>')).toBe('<p>&lt;div&gt;<br />hej<br />&lt;/div&gt;</p>\n');
  });

  it('keeps Swedish and Danish characters, in text, links, headings, code and URLs', () => {
    const html = renderMarkdown('# Åre & Ærø\n\nÅsa på Öland åt smörgås; Søren fik øl og æbler.\n\n[Båtuthyrning](https://example.se/båt?ö=å) `smørrebrød`');
    expect(html).toContain('<h3>Åre &amp; Ærø</h3>');
    expect(html).toContain('Åsa på Öland åt smörgås; Søren fik øl og æbler.');
    expect(html).toContain(`<a href="https://example.se/b%C3%A5t?%C3%B6=%C3%A5" rel="${LINK_REL}">Båtuthyrning</a>`);
    expect(html).toContain('<code>smørrebrød</code>');
  });

  it('keeps character references as the characters they stand for', () => {
    expect(renderMarkdown('AT&T &copy; &#229; &amp;')).toBe('<p>AT&amp;T © å &amp;</p>\n');
  });

  it('shows a task list box as a character, not a form control', () => {
    expect(renderMarkdown('- [ ] att göra\n- [x] gjort')).toBe('<ul>\n<li>☐ att göra</li>\n<li>☑ gjort</li>\n</ul>\n');
  });

  it('says when it did not fall back', () => {
    expect(renderMarkdownDetailed('**hej**')).toEqual({ html: '<p><strong>hej</strong></p>\n', degraded: false });
  });
});

describe('renderPostMarkdown: @mentions', () => {
  const ACCOUNTS: Record<string, MentionedAccount> = { anna: { id: 7, username: 'Anna' }, bo_k: { id: 8, username: 'bo_k' }, åsa: { id: 9, username: 'Åsa' } };
  const asked: string[][] = [];
  /** Looks names up as the forum does: in any case. */
  async function lookup(names: readonly string[]) {
    asked.push([...names]);
    return new Map(names.flatMap((name) => (ACCOUNTS[name.toLowerCase()] ? [[name, ACCOUNTS[name.toLowerCase()]!] as const] : [])));
  }
  const link = (account: MentionedAccount, typed: string) =>
    `<a class="mention" href="/u/${encodeURIComponent(account.username)}" data-mention="${account.id}">@${typed}</a>`;

  it('links the names of accounts, leaves other names as text, and says whom the post mentions, in order, each once', async () => {
    asked.length = 0;
    const post = await renderPostMarkdown('Hej @bo_k, @nobody och @ANNA! Tack @Anna och @bo_k.', lookup);
    expect(post.html).toBe(
      `<p>Hej ${link(ACCOUNTS.bo_k!, 'bo_k')}, @nobody och ${link(ACCOUNTS.anna!, 'ANNA')}! Tack ${link(ACCOUNTS.anna!, 'Anna')} och ${link(ACCOUNTS.bo_k!, 'bo_k')}.</p>\n`,
    );
    expect(post.mentionedAccountIds).toEqual([8, 7]);
    // One lookup for the whole body, each name as typed once.
    expect(asked).toEqual([['bo_k', 'nobody', 'ANNA', 'Anna']]);
    expect((await renderPostMarkdown('@åsa', lookup)).html).toBe(`<p>${link(ACCOUNTS.åsa!, 'åsa')}</p>\n`);
  });

  it('finds mentions in text only: not in code, code blocks, links, images, raw HTML, addresses or paths', async () => {
    asked.length = 0;
    const body = [
      '`@anna` and [@anna](https://example.se) and ![@anna](https://example.se/a.png) <b title="@anna">',
      '',
      '```',
      '@anna',
      '```',
      '',
      '    @anna indented',
      '',
      'anna@example.se, https://example.se/@anna, /u/x/@anna, x@anna, x_@anna, @@anna',
    ].join('\n');
    const post = await renderPostMarkdown(body, lookup);
    expect(post.html).not.toContain('class="mention"');
    expect(post.mentionedAccountIds).toEqual([]);
    expect(asked).toEqual([]);
    expect(post.html).toBe(renderMarkdown(body));
  });

  it('finds them after markup and in every kind of text: emphasis, headings, lists, quotes, tables', async () => {
    const post = await renderPostMarkdown('**Hej**@anna *@bo_k*\n\n# @anna\n\n- @bo_k\n\n> @anna\n\n| a |\n|---|\n| @bo_k |', lookup);
    expect(post.html.match(/class="mention"/g)).toHaveLength(6);
    expect(post.html).toContain(`<strong>Hej</strong>${link(ACCOUNTS.anna!, 'anna')} <em>${link(ACCOUNTS.bo_k!, 'bo_k')}</em>`);
    expect(post.mentionedAccountIds).toEqual([7, 8]);
  });

  it('renders the rest of the body as renderMarkdown does', async () => {
    for (const body of ['@anna_x_ _y_', '*@anna*x', '@annahttps://example.se', '~@anna~ ~~@bo_k~~', '@anna@example.se', 'a+@bo_k']) {
      const post = await renderPostMarkdown(body, lookup);
      expect(post.html.replace(/<a class="mention" href="[^"]*" data-mention="\d+">(@[^<]*)<\/a>/g, '$1')).toBe(renderMarkdown(body));
    }
  });

  it('asks nothing and mentions no one in a body shown as plain text', async () => {
    asked.length = 0;
    const post = await renderPostMarkdown('@anna '.repeat(MAX_MARKDOWN_CHARS / 5), lookup);
    expect(post.html.startsWith('<p>@anna @anna')).toBe(true);
    expect(post.mentionedAccountIds).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('keeps mention markup only on the links it makes itself', async () => {
    const post = await renderPostMarkdown('[x](/u/anna "data-mention=7") <a class="mention" href="/u/anna" data-mention="7">hej</a>', lookup);
    expect(post.html).toBe(`<p><a href="/u/anna" rel="${LINK_REL}">x</a> &lt;a class="mention" href="/u/anna" data-mention="7"&gt;hej&lt;/a&gt;</p>\n`);
    expect(post.mentionedAccountIds).toEqual([]);
    expectSafe(post.html);
  });
});

describe('renderMarkdown: bodies that make a naive renderer slow', () => {
  const N = 20_000;
  const nasty: Array<[string, string]> = [
    ['20,000 ">"', '>'.repeat(N)],
    ['"> " nested 10,000 deep', '> '.repeat(N / 2)],
    ['20,000 "["', '['.repeat(N)],
    ['20,000 "]"', ']'.repeat(N)],
    ['"*a **a *a " repeated', '*a **a *a '.repeat(N / 10)],
    ['"*a **a " repeated', '*a **a '.repeat(N / 7)],
    ['emphasis nested 3,000 deep', '*a '.repeat(3_000) + ' a*'.repeat(3_000)],
    ['alternating emphasis nested', '*a _a '.repeat(1_500) + ' a_ a*'.repeat(1_500)],
    ['strikethrough nested 2,500 deep', '~~a '.repeat(2_500) + ' a~~'.repeat(2_500)],
    ['20,000 backticks (a fence)', '`'.repeat(N)],
    ['20,000 backticks inline', 'före ' + '`'.repeat(N) + ' efter'],
    ['"`a" repeated', '`a'.repeat(N / 2)],
    ['"[](" repeated', '[]('.repeat(N / 3)],
    ['"[a](" repeated', '[a]('.repeat(N / 4)],
    ['"_a *" repeated', '_a *'.repeat(N / 4)],
    ['20,000 "!"', '!'.repeat(N)],
    ['"_0" repeated', '_0'.repeat(N / 2)],
    ['a run of 20,000 spaces', 'a' + ' '.repeat(N) + 'b'],
    ['"1. " nested', '1. '.repeat(N / 3)],
    ['"- > " nested', '- > '.repeat(N / 4)],
    ['indented list 140 deep', Array.from({ length: 140 }, (_, i) => ' '.repeat(i * 2) + '- a').join('\n')],
    ['"\\[" repeated', '\\['.repeat(N / 2)],
    ['"<*" repeated', '<*'.repeat(N / 2)],
    ['"<a " repeated', '<a '.repeat(N / 3)],
    ['20,000 "<"', '<'.repeat(N)],
    ['"a@" repeated', 'a@'.repeat(N / 2)],
    ['"|a" table rows', '|a|\n|-|\n' + '|a'.repeat(N / 2)],
  ];

  // Fragments of the above, mixed at random (a fixed seed) into 20,000-character bodies.
  const fragments = [
    '>'.repeat(300),
    '['.repeat(300),
    '*a **a *a ',
    '`'.repeat(300),
    '[](',
    '_a *',
    '!!!!',
    '_0',
    '> - ',
    '1. ',
    ' '.repeat(250),
    '\n',
    '\n\n',
    '~~a ',
    '<a ',
    'ord ',
    '**',
    '](',
    '\\[',
    'https://x.se ',
  ];
  function mixed(seed: number): string {
    let state = seed;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    let body = '';
    while (body.length < N) body += fragments[Math.floor(random() * fragments.length)]!;
    return body.slice(0, N);
  }
  for (const seed of [1, 2, 3, 4, 5]) nasty.push([`a mix, seed ${seed}`, mixed(seed)]);

  it.each(nasty)('%s: renders in well under a second, safely, with its text', (_, core) => {
    const body = `början\n\n${core}\n\nslut`;
    const started = performance.now();
    const html = renderMarkdown(body);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(500);
    expectSafe(html);
    const text = visibleText(html);
    expect(text.startsWith('början')).toBe(true);
    expect(text).toContain('slut');
  });

  it('keeps all the text of a run of punctuation', () => {
    expect(visibleText(renderMarkdown('['.repeat(N)))).toBe('['.repeat(N));
    expect(visibleText(renderMarkdown('före ' + '`'.repeat(N) + ' efter'))).toBe('före ' + '`'.repeat(N) + ' efter');
  });

  it('shows a body too long for Markdown as escaped plain text, quickly, keeping its lines', () => {
    const body = '<b>rubrik</b>\nrad två\n\n' + 'ord '.repeat(250_000);
    expect(body.length).toBeGreaterThan(MAX_MARKDOWN_CHARS);
    const started = performance.now();
    const result = renderMarkdownDetailed(body);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.degraded).toBe(true);
    expect(result.html.startsWith('<p>&lt;b&gt;rubrik&lt;/b&gt;<br>rad två</p>\n<p>ord ord ')).toBe(true);
    expectSafe(result.html);
  });
});

describe('excerpt', () => {
  it('is the plain text of the HTML, entities decoded and whitespace collapsed', () => {
    const html = renderMarkdown('# Rubrik\n\nHej **alla** &amp; <b>välkomna</b>!\n\n- ett\n- två\n\n![bild](https://example.se/a.png)\n\n```\nkod  här\n```');
    expect(excerpt(html, 200)).toBe('Rubrik Hej alla & <b>välkomna</b>! ett två kod här');
  });

  it('returns short text whole', () => {
    expect(excerpt('<p>Kort text.</p>', 50)).toBe('Kort text.');
    expect(excerpt('<p>exakt nio</p>', 9)).toBe('exakt nio');
  });

  it('cuts at a word and ends with an ellipsis, within maxChars', () => {
    // "Paddla kajak längs skärgårdens" is 30 characters: with the "…" it would not fit in 30.
    const text = excerpt('<p>Paddla kajak längs skärgårdens öar i solnedgången</p>', 30);
    expect(text).toBe('Paddla kajak längs…');
    expect(excerpt('<p>Paddla kajak längs skärgårdens öar i solnedgången</p>', 31)).toBe('Paddla kajak längs skärgårdens…');
  });

  it('cuts a single long word hard rather than leaving almost nothing', () => {
    expect(excerpt(`<p>a ${'x'.repeat(100)}</p>`, 20)).toBe(`a ${'x'.repeat(17)}…`);
  });

  it('never splits a character made of two code units', () => {
    const text = excerpt(`<p>${'🚣'.repeat(20)}</p>`, 10);
    expect(text).toBe('🚣'.repeat(4) + '…');
  });

  it('is empty for no room', () => {
    expect(excerpt('<p>text</p>', 0)).toBe('');
  });

  it('leaves out scripts and styles in foreign HTML', () => {
    expect(excerpt('<div>a<script>alert(1)</script><style>b{}</style> c</div>', 50)).toBe('a c');
  });
});
