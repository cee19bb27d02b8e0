// Pages and JSON from the same routes: handlers hand over data once; this decides how it is sent.
import { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config, Locale } from '../config.js';
import { LOCALE_COOKIE, localeFromAcceptLanguage, localeFromCookie, translator, type Translate } from './i18n/index.js';
import { HttpError, ValidationError } from './errors.js';
import { wantsJson } from './negotiate.js';
import { localPathOfUrl } from './paths.js';
import { allowedOrigins } from './security.js';
import { decodeHTML } from 'entities';
import { hasNul, withoutInvisible } from './text.js';
import type { Viewer } from './viewer.js';
import { filledView, viewWithoutHoles, type loadViews, type SharedView } from './views.js';

export interface PageOptions<Json = unknown> {
  status?: number;
  /** What a JSON client receives instead of the view's data; defaults to the data itself. */
  json?: Json;
  /** The <title>, already translated or user text (escaped by the layout). */
  title?: string;
  /**
   * Keep the page for this member (a route with `config.keptForMember`, core/member-pages.ts): the
   * handler vouches that nothing on it is theirs alone beyond what the route's tags and the layout show.
   */
  keep?: boolean;
}

/**
 * What a feature adds to every page's layout (the header's unread count, …): fields the layout reads,
 * asked for once per request that shows the layout, before its handler runs.
 */
export type LayoutData = (request: FastifyRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Catalog keys a flash cookie may carry besides every `notice.*` key; anything else is ignored. */
export const FLASH_MESSAGES = new Set([
  'accounts.register.firstAdmin',
  'accounts.me.passwordChanged',
  'account.notice.nameChanged',
  'account.notice.deleted',
  'recovery.notice.passwordReset',
  'recovery.notice.confirmed',
  'recovery.notice.resent',
  'recovery.notice.addressPending',
  'recovery.notice.addressChanged',
  'moderation.flag.thanks',
  'moderation.flag.already',
]);

/**
 * A notice after an action (reply.flash): what happened, as a catalog key and the values it names, and
 * the post it is about, beside which the page shows it (views/partials/notice.hbs); without a post, or
 * when that post is not on the page, it sits at the top of the page. Carried to the next page by a
 * short-lived cookie, and gone once a page has shown it.
 */
export interface Flash {
  key: string;
  values?: Record<string, string | number>;
  post?: number;
}

/** The flash a cookie holds, or undefined for anything we did not write (a forged or stale value shows nothing). */
function readFlash(raw: string | undefined): Flash | undefined {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { key, values, post } = parsed as Record<string, unknown>;
  if (typeof key !== 'string' || !(key.startsWith('notice.') || FLASH_MESSAGES.has(key))) return undefined;
  const flash: Flash = { key };
  if (Number.isSafeInteger(post) && (post as number) > 0) flash.post = post as number;
  if (values && typeof values === 'object') {
    flash.values = Object.fromEntries(
      Object.entries(values).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
    );
  }
  return flash;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    views: ReturnType<typeof loadViews>;
    /** Adds a feature's fields to every page's layout (see LayoutData). */
    addLayoutData(contribute: LayoutData): void;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
    readonly locale: Locale;
    readonly t: Translate;
    readonly wantsJson: boolean;
  }
  // ReplyType is what the route's response schema describes (unknown without one): the JSON a page or
  // a form post answers is checked against it here, and the serializer sends only its fields. Merging
  // repeats every type parameter of Fastify's declaration, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface FastifyReply<RouteGeneric, RawServer, RawRequest, RawReply, ContextConfig, SchemaCompiler, TypeProvider, ReplyType> {
    /** The view for browsers; for scripts `options.json`, or the data itself when the page is its own JSON. */
    page(view: string, data: object, options: PageOptions<ReplyType> & { json: ReplyType }): FastifyReply;
    page(view: string, data: ReplyType & object, options?: PageOptions<ReplyType>): FastifyReply;
    /**
     * A page whose view was rendered once for many viewers (views.renderShared, core/shared-views.ts), with
     * this viewer's own parts (HTML) in its holes and their layout around it, which reads `data` too.
     * Not for a request carrying a notice (hasFlash): that notice goes beside its post, in a page of its own.
     */
    sharedPage(view: SharedView, own: Readonly<Record<string, string>>, data: object, options?: PageOptions<ReplyType>): FastifyReply;
    /** After a successful form post: 303 to `location` for browsers, `json` with `status` for scripts. */
    done(location: string, json: ReplyType, status?: number): FastifyReply;
    /** A notice for the next page a browser sees (see Flash); nothing for scripts. */
    flash(messageKey: string, about?: Omit<Flash, 'key'>): FastifyReply;
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some(containsNul);
  return false;
}

/** Below this a page's parts are copied into one buffer: a stream costs more than copying a small page. */
const STREAMED_FROM_BYTES = 64 * 1024;

/**
 * A body in parts, written to the socket one after another without being copied into one buffer (with
 * its length, so it is not sent chunked). Only for a member's page: nothing downstream reads it.
 */
export function sendParts(reply: FastifyReply, parts: readonly Buffer[]): FastifyReply {
  let length = 0;
  for (const part of parts) length += part.length;
  if (length < STREAMED_FROM_BYTES) return reply.send(Buffer.concat(parts, length));
  let next = 0;
  const body = new Readable({
    read() {
      while (next < parts.length) if (!this.push(parts[next++])) return;
      this.push(null);
    },
  });
  return reply.header('content-length', length).send(body);
}

/** The request carries a notice for the page it asks for (see Flash). */
export function hasFlash(request: FastifyRequest): boolean {
  return request.cookies.flash !== undefined;
}

/** What the features added to each page request's layout (LayoutData); a request that shows none has no entry. */
const addedToLayout = new WeakMap<FastifyRequest, Record<string, unknown>>();

/**
 * Everything the layout shows of this request's member besides the page's own data, as a string: who
 * they are and what the features added (the unread count, the moderator menu, the address banner). Two
 * requests with the same layout key and address get the same layout.
 */
export function layoutKey(request: FastifyRequest): string {
  return JSON.stringify([request.locale, request.viewer, addedToLayout.get(request) ?? null]);
}

/** Requests answered with a page that shows the layout: GET, HTML; not assets, feeds or the websocket. */
function showsLayout(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/static/') &&
    !request.url.split('?')[0]!.endsWith('.atom') &&
    request.headers.upgrade === undefined &&
    !request.wantsJson
  );
}

function layoutData(request: FastifyRequest, reply: FastifyReply, title: string | undefined, added: Record<string, unknown> | undefined) {
  const { config } = request.server;
  const flash = readFlash(request.cookies.flash);
  // Shown once: whatever page comes next no longer has it.
  if (request.cookies.flash) reply.clearCookie('flash', { path: '/' });
  return {
    // First, so a feature cannot take the place of the layout's own fields.
    ...added,
    forumName: config.forumName,
    pageTitle: title ? `${title} · ${config.forumName}` : config.forumName,
    locale: request.locale,
    viewer: request.viewer,
    isAdmin: request.viewer?.role === 'admin',
    // Where "Sign in" should bring the visitor back to (never back to the sign-in pages themselves); a
    // member has no such link, and their header is the same on every page (views/partials/site-header.hbs).
    signInNext: request.viewer ? undefined : encodeURIComponent(/^\/(login|register)\b/.test(request.url) ? '/' : request.url),
    // `atTop` until the post it is about is known to be on the page (reply.page checks).
    flash: flash ? { text: request.t(flash.key, flash.values), post: flash.post, atTop: flash.post === undefined } : undefined,
    // Where the language switch brings the visitor back to: this page, or for a refused form the page it was on.
    languageNext: request.method === 'GET' ? request.url : localPathOfUrl(request.headers.referer, allowedOrigins(config.publicUrl)),
  };
}

/** What views/partials/notice.hbs writes: the notice was placed beside its post. */
const NOTICE_MARKER = 'data-flash-notice';

/** Text of a piece of rendered HTML: tags dropped, character references decoded, spaces collapsed. */
function textOf(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The error summary's entries and the title of a refused form, read from the form as first drawn: each
 * field's label (`<label for="field-NAME">`, views/partials/field.hbs) and the page's heading (the first
 * `<h1>` in `<main>`) when the route gave no title. A field the page shows no input for is listed
 * without a link.
 */
function refusedForm(html: string, errors: unknown, title: string | undefined, t: Translate, forumName: string) {
  const labels = new Map<string, string>();
  for (const [, name = '', label = ''] of html.matchAll(/<label\b[^>]*\bfor="field-([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) labels.set(name, textOf(label));
  const fields = errors && typeof errors === 'object' ? Object.entries(errors as Record<string, string>) : [];
  // In the order the form shows its fields, not the schema's; a field not shown (-1 >>> 0: 2³² − 1) goes last.
  const place = (name: string) => html.indexOf(`id="field-${name}"`) >>> 0;
  const errorList = fields
    .sort(([a], [b]) => place(a) - place(b))
    .map(([name, message]) => ({ message, label: labels.get(name), href: html.includes(`id="field-${name}"`) ? `#field-${name}` : undefined }));
  const main = html.indexOf('<main');
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html.slice(Math.max(main, 0)))?.[1];
  const pageTitle = [fields.length > 0 ? t('forms.toFix', { count: fields.length }) : '', title ?? (heading ? textOf(heading) : ''), forumName]
    .filter(Boolean)
    .join(' · ');
  return { errorList, pageTitle };
}

export const httpPlugin = fp(
  async (app) => {
    app.decorateRequest('viewer', null);
    app.decorateRequest('locale', {
      getter(this: FastifyRequest): Locale {
        // The member's setting, else the language a guest picked (the switch's cookie), else the browser's.
        return (
          this.viewer?.locale ??
          localeFromCookie(this.cookies[LOCALE_COOKIE]) ??
          localeFromAcceptLanguage(this.headers['accept-language']) ??
          this.server.config.defaultLocale
        );
      },
    });
    app.decorateRequest('t', {
      getter(this: FastifyRequest): Translate {
        return translator(this.locale);
      },
    });
    app.decorateRequest('wantsJson', {
      getter(this: FastifyRequest): boolean {
        return wantsJson(this);
      },
    });

    // PostgreSQL cannot store a NUL character in text, and no path, query or form of ours means one:
    // refused here for every route, before any feature sees it.
    // Hooks every request runs are written with `done` where they need not wait: an async hook costs a
    // promise and a turn of the microtask queue, eight of them a cached page.
    app.addHook('onRequest', (request, _reply, done) => {
      done(/%00|\u0000/i.test(request.url) ? new HttpError(400, 'bad_request', 'errors.badRequest') : undefined);
    });

    // Text fields are cleaned before validation, so the schema judges what would be stored:
    // - a NUL anywhere answers 400 naming the field;
    // - surrounding spaces are never meant: trimmed (passwords excepted, where a space is as good a
    //   character as any), and a field left empty counts as not sent, as a browser sends empty inputs
    //   that the person never touched;
    // - characters that render as nothing are dropped (core/text.ts), except from usernames, which are
    //   stored NFKC-normalised and checked in that form, so their pattern refuses what would not show.
    app.addHook('preValidation', (request, _reply, done) => {
      const body = request.body as Record<string, unknown> | null;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        done();
        return;
      }
      for (const [name, value] of Object.entries(body)) {
        if (containsNul(value)) {
          done(new ValidationError({ [name]: 'validation.nul' }));
          return;
        }
        if (typeof value !== 'string' || /password/i.test(name)) continue;
        const cleaned = name === 'username' ? value.normalize('NFKC').trim() : withoutInvisible(value).trim();
        if (cleaned === '') Reflect.deleteProperty(body, name);
        else body[name] = cleaned;
      }
      done();
    });

    // Every body leaves as bytes: Node 20 writes a long string to a socket far slower than the same bytes
    // (measured here with Fastify: 1.5 times at 24–88 kB, 6 times at 140 kB), and encoding it once costs little.
    app.addHook('onSend', (_request, _reply, payload, done) => done(null, typeof payload === 'string' ? Buffer.from(payload) : payload));

    const layoutContributions: LayoutData[] = [];
    app.decorate('addLayoutData', (contribute: LayoutData) => {
      layoutContributions.push(contribute);
    });
    // Before the handler: reply.page stays synchronous, and the error page of a handler that threw has them too.
    // Most contributions answer at once (nothing to show, or from a cache): only those that read wait.
    app.addHook('preHandler', (request, _reply, done) => {
      if (layoutContributions.length === 0 || !showsLayout(request)) {
        done();
        return;
      }
      const added: Record<string, unknown> = {};
      const reading: Array<Promise<Record<string, unknown>>> = [];
      for (const contribute of layoutContributions) {
        const fields = contribute(request);
        if (fields instanceof Promise) reading.push(fields);
        else Object.assign(added, fields);
      }
      addedToLayout.set(request, added);
      if (reading.length === 0) {
        done();
        return;
      }
      Promise.all(reading).then(
        (read) => {
          for (const fields of read) Object.assign(added, fields);
          done();
        },
        (error: unknown) => done(error as Error),
      );
    });

    app.decorateReply('page', function (this: FastifyReply, view: string, data: object, options: PageOptions = {}) {
      const { request } = this;
      this.code(options.status ?? 200);
      if (request.wantsJson) return this.send(options.json ?? data);
      const layout = layoutData(request, this, options.title, addedToLayout.get(request));
      const context = { locale: request.locale, t: request.t };
      const formError = 'formError' in data && !!data.formError;
      // Most pages: rendered once, to bytes. A refused form and a notice are placed by reading the page first.
      if (!formError && !layout.flash) {
        const bytes = app.views.renderBytes(view, { ...layout, ...data }, context);
        if (options.keep) app.memberPages.keep(this, viewWithoutHoles(bytes));
        return this.type('text/html; charset=utf-8').send(bytes);
      }
      const render = (extra: object = {}) => app.views.render(view, { ...layout, ...data, ...extra }, context);
      let extra = {};
      let html = render();
      // A refused form (the error handler's formError): drawn once more with its summary linking to each
      // field by its label, and its title saying how many fields to fix.
      if (formError) {
        extra = refusedForm(html, 'errors' in data ? data.errors : undefined, options.title, request.t, request.server.config.forumName);
        html = render(extra);
      }
      // A notice about a post that is not on this page (hidden from this reader, on another part) goes on top.
      if (layout.flash && !layout.flash.atTop && !html.includes(NOTICE_MARKER)) {
        layout.flash.atTop = true;
        html = render(extra);
      }
      return this.type('text/html; charset=utf-8').send(html);
    });

    app.decorateReply(
      'sharedPage',
      function (this: FastifyReply, view: SharedView, own: Readonly<Record<string, string>>, data: object, options: PageOptions = {}) {
        const { request } = this;
        const layout = layoutData(request, this, options.title, addedToLayout.get(request));
        const context = { locale: request.locale, t: request.t };
        this.code(options.status ?? 200).type('text/html; charset=utf-8');
        if (options.keep && request.viewer) {
          const page = app.views.renderAroundKept(view, own, { ...layout, ...data }, context);
          app.memberPages.keep(this, page);
          return sendParts(this, filledView(page, own));
        }
        const parts = app.views.renderAround(view, own, { ...layout, ...data }, context);
        // A guest's page is one buffer: the page cache keeps it (page-cache.ts); a member's is theirs alone.
        return request.viewer ? sendParts(this, parts) : this.send(Buffer.concat(parts));
      },
    );

    app.decorateReply('done', function (this: FastifyReply, location: string, json: unknown, status = 201) {
      if (this.request.wantsJson) return this.code(status).send(json);
      return this.redirect(location, 303);
    });

    app.decorateReply('flash', function (this: FastifyReply, messageKey: string, about: Omit<Flash, 'key'> = {}) {
      if (this.request.wantsJson) return this;
      const flash: Flash = { key: messageKey, ...about };
      return this.setCookie('flash', JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
    });
  },
  { name: 'http', dependencies: ['@fastify/cookie'] },
);
