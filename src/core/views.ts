// Handlebars, compiled once at start: every page is a view inside the one layout, built from partials.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { LRUCache } from 'lru-cache';
import type { Locale } from '../config.js';
import { avatarColour, initials } from './avatar.js';
import type { Translate } from './i18n/index.js';
import { formatDate, formatExact, relativeTime } from './time.js';

export interface RenderContext {
  locale: Locale;
  t: Translate;
}

export type View = (data: object, context: RenderContext) => string;

/**
 * What decides a partial's HTML for one context, as a string: everything the partial and its partials
 * read of the context, so two contexts with the same key render byte for byte the same (the locale is
 * added by the cache). A context whose rendering reads the page's root instead is passed `bypass`.
 */
export type FragmentKey = (context: never, locale: Locale) => string;

/** Bytes of cached fragments and characters of their keys, at most: a few thousand posts. */
const FRAGMENT_CACHE_SIZE = 8 * 1024 * 1024;

/**
 * Where a page rendered by renderBytes has a cached fragment: the fragment's number between this and a
 * NUL. The random part keeps anything a member wrote (a title, a name) from ever reading as one.
 */
const FRAGMENT_MARKER = `\u0000fragment-${randomUUID()}-`;

/**
 * A view rendered once for many viewers (renderShared), as UTF-8 pieces with a hole between each two for
 * a part that is each viewer's own: `holes[i]` names the part between `pieces[i]` and `pieces[i + 1]`.
 */
export interface SharedView {
  readonly pieces: readonly Buffer[];
  readonly holes: readonly string[];
  readonly bytes: number;
}

/** Between two parts renderParts rendered (random, as FRAGMENT_MARKER). */
const ITEM_SEPARATOR = new Handlebars.SafeString(`\u0000item-${randomUUID()}\u0000`);

/**
 * Where a shared view has a hole: the part's name between this and a NUL (random, as FRAGMENT_MARKER). By
 * name, not by number, so a hole inside a cached fragment means the same part on every page it is on.
 */
const HOLE_MARKER = `\u0000own-${randomUUID()}-`;

export interface FragmentStats {
  hits: number;
  misses: number;
  entries: number;
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templateFiles(path);
    return name.endsWith('.hbs') ? [path] : [];
  });
}

/** What every template's @data holds (render() below puts it there); `fragments` when rendering to bytes. */
type RenderData = RenderContext & { fragments?: Buffer[] };

/** A template called with `@data` as it is (its `@root` included), the way a partial is called. */
type TemplateCall = (template: Handlebars.TemplateDelegate<object>, context: object, data: object) => string;

/**
 * Calls templates as Handlebars calls a partial, with the helpers, partials and rules a partial is given.
 * A top-level call of a template instead merges every helper into a new object and wraps each anew
 * (about 5 % of a member's home page, which takes two or three such calls). What a partial is given is
 * read once, after every helper is registered, by calling a probe partial: the one public way to see it.
 * The rules (prototype access) are those of a top-level call without options, as before.
 */
function partialCalls(hbs: typeof Handlebars): TemplateCall {
  const probe = `probe-${randomUUID()}`;
  let given: Handlebars.RuntimeOptions & { hooks?: unknown; protoAccessControl?: unknown } = {};
  hbs.registerPartial(probe, ((_context: unknown, options: typeof given) => {
    given = options;
    return '';
  }) as Handlebars.TemplateDelegate);
  hbs.compile(`{{> ${probe}}}`)({});
  hbs.unregisterPartial(probe);
  const { helpers, partials, decorators, hooks, protoAccessControl } = given;
  if (!helpers || !partials || !hooks || !protoAccessControl) throw new Error('Handlebars gave a partial no helpers');
  return (template, context, data) =>
    template(context, { partial: true, helpers, partials, decorators, hooks, protoAccessControl, data } as Handlebars.RuntimeOptions);
}

/** A page's `@data`: the render data, with `@root` the page's context (as a top-level call would set it). */
function pageData(renderData: RenderData, root: object): object {
  const data = Handlebars.createFrame(renderData) as { root?: object };
  data.root = root;
  return data;
}

function registerHelpers(hbs: typeof Handlebars, timeZone: string, call: () => TemplateCall): void {
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    return (options.data as RenderData).t(key, options.hash as Record<string, string | number>);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  // An object of the named values, as a partial's whole context: `{{#with (fields a=… b=…)}}`.
  hbs.registerHelper('fields', (options: Handlebars.HelperOptions) => ({ ...(options.hash as object) }));
  // A fresh one-time key for a form that creates something (views/partials/submission-key.hbs).
  hbs.registerHelper('newSubmissionKey', () => crypto.randomUUID());
  hbs.registerHelper('lookupField', (map: Record<string, unknown> | undefined, key: string) => map?.[key]);
  // A sentence with HTML in it, as a linked name in "Started by {name}": values given as HTML (a
  // SafeString, from `partial` below) are kept, everything else is escaped.
  hbs.registerHelper('tHtml', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const html = new Map<string, string>();
    const values = Object.fromEntries(
      Object.entries(options.hash as Record<string, unknown>).map(([name, value]) => {
        if (!(value instanceof hbs.SafeString)) return [name, value];
        const mark = `\u0000${html.size}\u0000`;
        html.set(mark, value.toString());
        return [name, mark];
      }),
    ) as Record<string, string | number>;
    const sentence = hbs.escapeExpression((options.data as RenderData).t(key, values));
    return new hbs.SafeString(sentence.replace(/\u0000\d+\u0000/g, (mark) => html.get(mark) ?? ''));
  });
  // A partial's HTML as a value (for tHtml): `(partial "person-link" author base=…)`, the hash added to the context.
  hbs.registerHelper('partial', (name: string, context: object, options: Handlebars.HelperOptions) => {
    const partial = hbs.partials[name] as Handlebars.TemplateDelegate<object> | undefined;
    if (!partial) throw new Error(`no partial ${name}`);
    const html = call()(partial, { ...context, ...(options.hash as object) }, options.data as object);
    return new hbs.SafeString(html.trim());
  });
  // A person's avatar (views/partials/avatar.hbs): their initials and the number of their colour.
  hbs.registerHelper('initials', (displayName: string) => initials(displayName));
  hbs.registerHelper('avatarColour', (username: string) => avatarColour(username));
  // A moment as people say it, with the exact time beside it, so no one needs a hover title a phone cannot
  // show: "3 hours ago · 14:05", "3 days ago · 27 Nov, 14:05", "3 weeks ago · 12 Nov 2026".
  hbs.registerHelper('time', (date: Date | string, options: Handlebars.HelperOptions) => {
    const at = new Date(date);
    const { locale } = options.data as RenderData;
    const exact = hbs.escapeExpression(formatExact(at, locale, timeZone));
    return new hbs.SafeString(
      `<time datetime="${at.toISOString()}">${hbs.escapeExpression(relativeTime(at, locale))}<span class="time-exact"> · ${exact}</span></time>`,
    );
  });
  // A day ("Member since 12 Nov 2026"), on the forum's calendar.
  hbs.registerHelper('date', (date: Date | string, options: Handlebars.HelperOptions) => {
    const at = new Date(date);
    const { locale } = options.data as RenderData;
    return new hbs.SafeString(`<time datetime="${at.toISOString()}">${hbs.escapeExpression(formatDate(at, locale, timeZone))}</time>`);
  });
}

/** The views under `viewsDir`; times are shown on the clocks of `timeZone` (the forum's). */
export interface Views {
  render(name: string, data: object, context: RenderContext): string;
  /**
   * A page as render() makes it, as UTF-8: its cached fragments are copied in as the bytes they were
   * kept as. A long page is mostly fragments; building it as one string and encoding that costs more
   * than rendering it.
   */
  renderBytes(name: string, data: object, context: RenderContext): Buffer;
  /**
   * Keeps what `{{fragment "name"}}` renders of the partial, by the key `keyOf` makes of its context: the
   * next context with the same key is served the same HTML without rendering. Correct by construction,
   * not by invalidation: a change to anything the partial shows changes the key, and entries no longer
   * asked for leave as the least recently used once the cache is full.
   */
  cacheFragments(partial: string, keyOf: FragmentKey): void;
  /** How often cached fragments were found and rendered, and how many are kept: of one partial, or of all. */
  fragmentStats(partial?: string): FragmentStats;
  /**
   * The view alone (no layout), with a hole wherever it writes `{{{own.NAME}}}` for each NAME of `own`:
   * what is the same for every viewer who sees `data` alike, to keep once for them all (core/shared-views.ts).
   */
  renderShared(name: string, data: object, context: RenderContext, own: readonly string[]): SharedView;
  /**
   * Partials, each with its context, rendered in one template call (as render() renders a partial): each
   * call merges every helper anew, which for a board's thirty short rows cost more than the rows.
   */
  renderParts(parts: ReadonlyArray<readonly [partial: string, data: object]>, context: RenderContext): string[];
  /**
   * A hole for the part named `part`, to put in renderShared's data where `{{{own.NAME}}}` cannot reach: a
   * listed item's own part, in the item's fragment (whose key then names the part).
   */
  hole(part: string): Handlebars.SafeString;
  /**
   * A shared view in the layout, with this viewer's own parts (HTML) in its holes: the page as render()
   * would make it, as its parts in order. The kept view's pieces are among them as they are: copying a
   * page of 230 kB into one buffer for every request was a fifth of a member's thread page's CPU.
   */
  renderAround(view: SharedView, own: Readonly<Record<string, string>>, layoutData: object, context: RenderContext): Buffer[];
  /**
   * The same page as a view of its own, to keep for this viewer (core/member-pages.ts), with holes left
   * for the parts that must be new on every request (FRESH_PARTS: a form's one-time key).
   */
  renderAroundKept(view: SharedView, own: Readonly<Record<string, string>>, layoutData: object, context: RenderContext): SharedView;
  /** The parts a kept page has holes for that are rendered anew for every request (FRESH_PARTS). */
  renderFresh(view: SharedView, context: RenderContext): Record<string, string>;
}

/**
 * Parts a kept page leaves as holes, by hole and partial, rendered for every request it is sent to: a
 * form's one-time key (views/partials/submission-key.hbs) sent twice would make two posts one.
 */
const FRESH_PARTS: Readonly<Record<string, string>> = { submissionKey: 'submission-key' };

/** Bytes kept as they are sent: a view without holes. */
export function viewWithoutHoles(bytes: Buffer): SharedView {
  return { pieces: [bytes], holes: [], bytes: bytes.length };
}

/** A view's pieces with `own`'s parts in its holes, in order: a page's body as it is sent. */
export function filledView(view: SharedView, own: Readonly<Record<string, string>>): Buffer[] {
  const parts: Buffer[] = [];
  view.pieces.forEach((piece, index) => {
    parts.push(piece);
    const hole = view.holes[index];
    if (hole !== undefined) parts.push(Buffer.from(own[hole] ?? ''));
  });
  return parts;
}

/**
 * `{{fragment "post" bypass=…}}`: the partial with this context, from the cache when it has a key function
 * (cacheFragments). Kept as UTF-8: rendering to bytes leaves a marker where it goes.
 */
function registerFragmentHelper(hbs: typeof Handlebars, keyFunctions: Map<string, FragmentKey>, call: () => TemplateCall): Views['fragmentStats'] {
  const cache = new LRUCache<string, Buffer>({ maxSize: FRAGMENT_CACHE_SIZE, sizeCalculation: (bytes, key) => bytes.length + key.length });
  // Per partial: a page's test asks about its listed items, whatever the layout's header did.
  const stats = new Map<string, { hits: number; misses: number }>();
  hbs.registerHelper('fragment', function (this: never, name: string, options: Handlebars.HelperOptions) {
    const partial = hbs.partials[name] as Handlebars.TemplateDelegate<object> | undefined;
    if (!partial) throw new Error(`no partial ${name}`);
    const data = options.data as RenderData;
    const keyOf = keyFunctions.get(name);
    if (!keyOf || (options.hash as { bypass?: unknown }).bypass) return new hbs.SafeString(call()(partial, this, data));
    const key = `${name}\u0000${data.locale}\u0000${keyOf(this, data.locale)}`;
    let counts = stats.get(name);
    if (!counts) stats.set(name, (counts = { hits: 0, misses: 0 }));
    let bytes = cache.get(key);
    if (bytes === undefined) {
      counts.misses += 1;
      bytes = Buffer.from(call()(partial, this, data));
      cache.set(key, bytes);
    } else counts.hits += 1;
    if (!data.fragments) return new hbs.SafeString(bytes.toString());
    data.fragments.push(bytes);
    return new hbs.SafeString(`${FRAGMENT_MARKER}${data.fragments.length - 1}\u0000`);
  });
  return (partial) => {
    const counted = partial === undefined ? [...stats.values()] : [stats.get(partial) ?? { hits: 0, misses: 0 }];
    return {
      hits: counted.reduce((sum, { hits }) => sum + hits, 0),
      misses: counted.reduce((sum, { misses }) => sum + misses, 0),
      entries: partial === undefined ? cache.size : [...cache.keys()].filter((key) => key.startsWith(`${partial}\u0000`)).length,
    };
  };
}

/** The page's HTML around its markers, encoded, with each marked fragment's bytes in its place: in order, not copied. */
function partsOf(html: string, fragments: readonly Buffer[]): Buffer[] {
  const [first, ...rest] = html.split(FRAGMENT_MARKER);
  const parts: Buffer[] = [Buffer.from(first!)];
  for (const piece of rest) {
    const end = piece.indexOf('\u0000');
    parts.push(fragments[Number(piece.slice(0, end))]!, Buffer.from(piece.slice(end + 1)));
  }
  return parts;
}

/** The same, as one buffer. */
function assemble(html: string, fragments: readonly Buffer[]): Buffer {
  return Buffer.concat(partsOf(html, fragments));
}

/** The view's bytes cut at its holes' markers. */
function cutAtHoles(bytes: Buffer): SharedView {
  const marker = Buffer.from(HOLE_MARKER);
  const pieces: Buffer[] = [];
  const holes: string[] = [];
  let from = 0;
  for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, from)) {
    pieces.push(bytes.subarray(from, at));
    const end = bytes.indexOf(0, at + marker.length);
    holes.push(bytes.toString('utf8', at + marker.length, end));
    from = end + 1;
  }
  pieces.push(bytes.subarray(from));
  return { pieces, holes, bytes: bytes.length };
}

export function loadViews(viewsDir: string, timeZone: string): Views {
  const hbs = Handlebars.create();
  // Templates are called as partials are (partialCalls), with what a partial is given once every helper is
  // registered: so the helpers that call partials ask for the call when they run.
  let call: TemplateCall | undefined;
  registerHelpers(hbs, timeZone, () => call!);
  const keyFunctions = new Map<string, FragmentKey>();
  const fragmentStats = registerFragmentHelper(hbs, keyFunctions, () => call!);
  const views = new Map<string, Handlebars.TemplateDelegate<object>>();
  for (const file of templateFiles(viewsDir)) {
    const name = relative(viewsDir, file).slice(0, -'.hbs'.length).split(sep).join('/');
    // No indenting of partials: a post renders byte-for-byte the same in a page and on the websocket.
    // `*.text.hbs` (plain-text emails) are not HTML, so nothing in them is HTML-escaped.
    const template = hbs.compile<object>(readFileSync(file, 'utf8'), { preventIndent: true, noEscape: name.endsWith('.text') });
    views.set(name, template);
    if (name.startsWith('partials/')) hbs.registerPartial(name.slice('partials/'.length), template);
  }
  const layout = views.get('layouts/main');
  if (!layout) throw new Error(`no layout at ${join(viewsDir, 'layouts/main.hbs')}`);
  // renderParts' one template: each item's partial with its data, each followed by the separator.
  const partsTemplate = hbs.compile<object>('{{#each items}}{{> (lookup . "partial") data}}{{{@root.separator}}}{{/each}}', { preventIndent: true });
  const callTemplate = (call = partialCalls(hbs));
  const hole = (part: string) => {
    if (part.includes('\u0000')) throw new Error('a hole is named without NUL');
    return new hbs.SafeString(`${HOLE_MARKER}${part}\u0000`);
  };
  const renderAlone = (name: string, data: object, renderData: RenderData): string => {
    const view = views.get(name);
    if (!view) throw new Error(`no view named ${name}`);
    return callTemplate(view, data, pageData(renderData, data));
  };
  const render = (name: string, data: object, renderData: RenderData): string => {
    if (name.startsWith('partials/') || name.startsWith('emails/')) return renderAlone(name, data, renderData).trim();
    const page = { ...data, body: new hbs.SafeString(renderAlone(name, data, renderData)) };
    return callTemplate(layout, page, pageData(renderData, page));
  };

  const renderParts: Views['renderParts'] = (parts, context) => {
    for (const [partial] of parts) if (!hbs.partials[partial]) throw new Error(`no partial ${partial}`);
    const items = parts.map(([partial, data]) => ({ partial, data }));
    const root = { items, separator: ITEM_SEPARATOR };
    const html = callTemplate(partsTemplate, root, pageData({ t: context.t, locale: context.locale }, root));
    return html
      .split(ITEM_SEPARATOR.toString())
      .slice(0, parts.length)
      .map((part) => part.trim());
  };

  const renderAround: Views['renderAround'] = (view, own, layoutData, context) => {
    // The view's pieces go in as fragments: copied once, into the page.
    const fragments = [...view.pieces];
    let body = '';
    view.pieces.forEach((_piece, index) => {
      body += `${FRAGMENT_MARKER}${index}\u0000`;
      const hole = view.holes[index];
      if (hole !== undefined) body += own[hole] ?? '';
    });
    const page = { ...layoutData, body: new hbs.SafeString(body) };
    return partsOf(callTemplate(layout, page, pageData({ t: context.t, locale: context.locale, fragments }, page)), fragments);
  };

  return {
    /** Renders a view inside the layout; a name starting with "partials/" or "emails/" renders alone. */
    render(name, data, context) {
      return render(name, data, { t: context.t, locale: context.locale });
    },
    renderBytes(name, data, context) {
      const fragments: Buffer[] = [];
      return assemble(render(name, data, { t: context.t, locale: context.locale, fragments }), fragments);
    },
    renderShared(name, data, context, own) {
      const holes = Object.fromEntries(own.map((part) => [part, hole(part)]));
      const fragments: Buffer[] = [];
      const html = renderAlone(name, { ...data, own: holes }, { t: context.t, locale: context.locale, fragments });
      return cutAtHoles(assemble(html, fragments));
    },
    hole,
    renderParts,
    renderAround,
    renderAroundKept(view, own, layoutData, context) {
      const holesLeft = Object.fromEntries(Object.keys(FRESH_PARTS).map((part) => [part, hole(part).toString()]));
      return cutAtHoles(Buffer.concat(renderAround(view, { ...own, ...holesLeft }, layoutData, context)));
    },
    renderFresh(view, context) {
      const names = view.holes.filter((part) => FRESH_PARTS[part] !== undefined);
      const rendered = renderParts(
        names.map((part) => [FRESH_PARTS[part]!, {}] as const),
        context,
      );
      return Object.fromEntries(names.map((part, index) => [part, rendered[index]!]));
    },
    cacheFragments(partial, keyOf) {
      if (!hbs.partials[partial]) throw new Error(`no partial ${partial}`);
      keyFunctions.set(partial, keyOf);
    },
    fragmentStats,
  };
}
