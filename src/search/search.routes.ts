// Search: /search (the form, its results, page and JSON) and /search/similar (the threads of a network
// whose titles resemble a new thread's, for "Has this been asked before?"). What is found, and what
// the viewer may see of it, is the service's; this says how it is asked for and shown.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ValidationError, type Message } from '../core/errors.js';
import { withoutInvisible } from '../core/text.js';
import { listNetworks } from '../networks/public.js';
import { searchQuery, SearchJson, similarQuery, SimilarJson, type SearchQuery } from './search.schemas.js';
import { searchThreads, similarThreads, type SearchResult } from './search.service.js';

/** The filters a search may narrow by, in the order the "drop a filter" links offer them. */
const FILTERS = ['network', 'author', 'after', 'before', 'in'] as const;
type Filter = (typeof FILTERS)[number];

/** What the form shows in its fields: the query as sent, blank where nothing was. */
interface FormValues {
  q: string;
  network: string;
  author: string;
  after: string;
  before: string;
  titles: boolean;
  sort: string;
}

/** The querystring's text fields as the form sent them; anything else (a repeated field…) as blank. */
function formValues(query: unknown): FormValues {
  const sent = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = sent[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    q: text('q'),
    network: text('network'),
    author: text('author'),
    after: text('after'),
    before: text('before'),
    titles: text('in') === 'titles',
    sort: text('sort') === 'latest' ? 'latest' : 'relevance',
  };
}

/** A day written YYYY-MM-DD that exists: 2026-02-30 does not (the schema's pattern says only what it looks like). */
function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, date));
  return year >= 1 && at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === date;
}

/** /search with these parameters (blank ones left out). */
function searchHref(params: Partial<Record<string, string>>): string {
  const kept = Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  return kept.length ? `/search?${new URLSearchParams(kept)}` : '/search';
}

export async function searchRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { timeZone } = app.config;

  // A GET form sends every field, filled in or not: a blank one (or one of spaces) is one not sent,
  // as the forms' bodies are treated (core/http.ts), so `after=` is no date to refuse.
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | null;
    if (!query || typeof query !== 'object') return;
    for (const [name, value] of Object.entries(query)) {
      if (typeof value !== 'string') continue;
      const cleaned = withoutInvisible(value).trim();
      if (cleaned === '') Reflect.deleteProperty(query, name);
      else query[name] = cleaned;
    }
    // A date is said wrong in words a person can act on, before the schema's general "not allowed".
    const wrongDays: Record<string, Message> = {};
    for (const name of ['after', 'before']) {
      const day = query[name];
      if (typeof day === 'string' && !isRealDay(day)) wrongDays[name] = 'search.badDate';
    }
    if (Object.keys(wrongDays).length > 0) throw new ValidationError(wrongDays);
  });

  /** The networks for the form's select, the chosen one marked. */
  async function networkChoices(chosen: string) {
    const networks = await listNetworks(db);
    return networks
      .map((network) => ({ slug: network.slug, name: network.name, selected: network.slug === chosen }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The form as the page draws it, with or without results: the fields' values and the filters' state. */
  async function formData(request: FastifyRequest) {
    const form = formValues(request.query);
    const filterSet = Boolean(form.network || form.author || form.after || form.before || form.titles);
    return {
      form,
      networks: await networkChoices(form.network),
      // Open when a filter is set, so what narrows the search is in view (the view opens it for a refused one too).
      filtersOpen: filterSet || form.sort !== 'relevance',
    };
  }

  /** Links to the same search without one of its filters each, for an empty page ("No threads match"). */
  function dropFilterLinks(request: FastifyRequest, query: SearchQuery, networkName: string | undefined) {
    const { t } = request;
    const describe: Record<Filter, (value: string) => string> = {
      network: () => t('search.filter.network', { network: networkName ?? query.network ?? '' }),
      author: (value) => t('search.filter.author', { author: value.replace(/^@/, '') }),
      after: (value) => t('search.filter.after', { date: value }),
      before: (value) => t('search.filter.before', { date: value }),
      in: () => t('search.filter.titles'),
    };
    const base = { q: query.q, network: query.network, author: query.author, after: query.after, before: query.before, in: query.in, sort: query.sort };
    return FILTERS.flatMap((name) => {
      const value = query[name];
      if (!value) return [];
      return [{ text: t('search.dropFilter', { filter: describe[name](value) }), href: searchHref({ ...base, [name]: undefined }) }];
    });
  }

  app.get(
    '/search',
    {
      schema: { querystring: searchQuery, response: { 200: SearchJson } },
      config: { form: { view: 'search/index', data: formData } },
    },
    async (request, reply) => {
      const query = request.query;
      const q = query.q ?? '';
      const sort = query.sort ?? 'relevance';
      const { results, next } = q
        ? await searchThreads(
            db,
            request.viewer,
            { q, network: query.network, author: query.author, after: query.after, before: query.before, in: query.in, sort, cursor: query.cursor },
            { t: request.t, timeZone },
          )
        : { results: [] as SearchResult[], next: null };

      const json = {
        query: {
          q,
          network: query.network ?? null,
          author: query.author?.replace(/^@/, '') ?? null,
          after: query.after ?? null,
          before: query.before ?? null,
          in: query.in ?? null,
          sort,
        },
        results: results.map((result) => ({
          thread: {
            id: result.thread.id,
            title: result.thread.title,
            slug: result.thread.slug,
            titleHidden: result.thread.titleHidden,
            path: result.thread.path,
          },
          network: { slug: result.network.slug, name: result.network.name },
          post: {
            id: result.post.id,
            author: { username: result.post.author.username, displayName: result.post.author.displayName },
            createdAt: result.post.createdAt.toISOString(),
            isOpening: result.post.isOpening,
          },
          excerpt: result.excerpt,
          answered: result.answered,
        })),
        next,
      };
      if (request.wantsJson) return reply.page('search/index', json);

      const form = await formData(request);
      const networkName = form.networks.find((network) => network.selected)?.name;
      const params = { q, network: query.network, author: query.author, after: query.after, before: query.before, in: query.in, sort: query.sort };
      return reply.page(
        'search/index',
        {
          ...form,
          searched: q !== '',
          // The header's box says what was searched for too.
          headerQuery: q,
          results,
          nextHref: next ? searchHref({ ...params, cursor: next }) : null,
          // Only on the first page: a later page comes empty only when the results ran out.
          dropFilters: q && results.length === 0 && !query.cursor ? dropFilterLinks(request, query, networkName) : [],
          continued: Boolean(query.cursor),
          firstPageHref: query.cursor ? searchHref(params) : null,
          values: {},
          errors: {},
        },
        { json, title: q ? request.t('search.titleFor', { q }) : request.t('search.title') },
      );
    },
  );

  app.get('/search/similar', { schema: { querystring: similarQuery, response: { 200: SimilarJson } } }, async (request, reply) => {
    const { network, title = '' } = request.query;
    const threads = await similarThreads(db, request.viewer, { network, title }, request.t);
    const json = { threads: threads.map((thread) => ({ id: thread.id, title: thread.title, path: thread.path, answered: thread.answered })) };
    return reply.page('search/similar', { ...json, network, title }, { json, title: request.t('search.similar.heading') });
  });
}
