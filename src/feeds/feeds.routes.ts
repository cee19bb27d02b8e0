// Atom feeds of a board and of a thread: what a guest sees, nothing hidden or deleted; titles and
// addresses as a guest may see them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../core/errors.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { threadParams } from '../posts/posts.schemas.js';
import { personName, threadPath, threadTitleFor } from '../posts/present.js';
import { bodyIsReadable, postVisibility, visibilityFacts } from '../posts/visibility.js';
import { renderAtom, type AtomEntry } from './atom.js';
import * as queries from './feeds.queries.js';
import { boardFeedLink, threadFeedLink } from './public.js';

/** Entries per feed. */
const FEED_SIZE = 50;

const ATOM = 'application/atom+xml; charset=utf-8';

function latest(entries: AtomEntry[], fallback: Date): Date {
  return entries.reduce((newest, entry) => (entry.updated > newest ? entry.updated : newest), entries.length ? entries[0]!.updated : fallback);
}

/** Feeds are XML, which the serializer leaves as it is: no response schema. */
export async function feedsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const absolute = (path: string) => new URL(path, app.config.publicUrl).href;
  const generator = app.config.forumName;
  /** An entry's author as Atom names them: the name and their page, or "a former member" and no page. */
  const authorOf = (row: { author_username: string; author_display_name: string; author_deleted_at: Date | null }, t: (key: string) => string) => {
    const person = personName(row.author_username, row.author_display_name, row.author_deleted_at);
    return person.former
      ? { name: t('people.formerMember'), uri: null }
      : { name: person.displayName, uri: absolute(`/u/${encodeURIComponent(person.username)}`) };
  };

  app.get('/n/:network/feed.atom', { schema: { params: networkSlugParam } }, async (request, reply) => {
    const network = await loadNetwork(db, request.params.network);
    const rows = await queries.findFeedThreads(db, network.id, FEED_SIZE);
    const entries: AtomEntry[] = rows
      .filter((row) => bodyIsReadable(postVisibility(null, visibilityFacts(row, 'opening_'))))
      .map((row) => {
        const heading = threadTitleFor(row, null, request.t);
        return {
          id: absolute(`/t/${row.id}`),
          title: heading.title,
          published: row.created_at,
          updated: row.edited_at ?? row.created_at,
          link: absolute(threadPath(heading)),
          author: authorOf(row, request.t),
          html: row.html,
        };
      });
    const xml = renderAtom({
      id: absolute(`/n/${network.slug}`),
      title: `${network.name} · ${app.config.forumName}`,
      subtitle: network.description || undefined,
      link: absolute(`/n/${network.slug}`),
      self: absolute(boardFeedLink(network).href),
      updated: latest(entries, network.created_at),
      author: app.config.forumName,
      generator,
      entries,
    });
    return reply.type(ATOM).send(xml);
  });

  app.get('/t/:id/feed.atom', { schema: { params: threadParams } }, async (request, reply) => {
    const thread = await queries.findFeedThread(db, request.params.id);
    if (!thread) throw new NotFoundError();
    const heading = threadTitleFor(thread, null, request.t);
    const { title } = heading;
    const rows = await queries.findFeedPosts(db, thread.id, FEED_SIZE);
    const entries: AtomEntry[] = rows
      .filter((row) => bodyIsReadable(postVisibility(null, visibilityFacts(row))))
      .map((row) => {
        const author = authorOf(row, request.t);
        return {
          id: absolute(`/p/${row.id}`),
          title: row.parent_id === null ? title : request.t('following.feed.replyBy', { name: author.name }),
          published: row.created_at,
          updated: row.edited_at ?? row.created_at,
          link: absolute(`/p/${row.id}`),
          author,
          html: row.html,
        };
      });
    const xml = renderAtom({
      id: absolute(`/t/${thread.id}`),
      title: `${title} · ${thread.network_name}`,
      link: absolute(threadPath(heading)),
      self: absolute(threadFeedLink(thread).href),
      updated: latest(entries, thread.created_at),
      author: app.config.forumName,
      generator,
      entries,
    });
    return reply.type(ATOM).send(xml);
  });
}
