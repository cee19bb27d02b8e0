// Meetings: starting one from a board, changing and cancelling it, answering, the minutes, the list of
// upcoming meetings and the calendars. Guards and rules live in the service; this takes and answers.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireViewer, signedInOnly } from '../accounts/guards.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { listNetworks, loadNetwork, networkSlugParam, type NetworkParams } from '../networks/public.js';
import { threadParams, type ThreadParams } from '../posts/posts.schemas.js';
import { threadTitleFor } from '../posts/present.js';
import { canModerate } from '../posts/visibility.js';
import { loadThread } from '../threads/public.js';
import { meetingsCalendar } from './calendar.js';
import * as queries from './meetings.queries.js';
import {
  CalendarUrl,
  calendarParams,
  editMeetingBody,
  MeetingJson,
  MeetingsPageJson,
  meetingsQuery,
  minutesBody,
  newMeetingBody,
  RsvpResult,
  rsvpBody,
  StartedMeeting,
} from './meetings.schemas.js';
import { meetingsService, sendDueReminders } from './meetings.service.js';
import { countsJson, listItemJson, localInputValue, monthOf, ownAnswerJson, formatMeetingTime } from './present.js';
import { newCalendarSecret, readMeeting } from './public.js';

const ICS = 'text/calendar; charset=utf-8';
/** How many meetings a list or a calendar holds at most. */
const LIST_SIZE = 200;
/** How often each instance looks for reminders due (the claim makes each go once). */
const REMINDER_CHECK_MS = 60_000;

export async function meetingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { timeZone, publicUrl, forumName } = app.config;
  const service = meetingsService({ db, timeZone, postingLimits: app.config.rateLimits });
  app.housekeeping.every({ name: 'meeting reminders', everyMs: REMINDER_CHECK_MS, run: async (now) => (await sendDueReminders(db, now)).length });

  const clocksOf = (request: FastifyRequest) => ({ locale: request.locale, timeZone });

  /** The new-meeting form: the network, and for admins every network they may invite too. */
  async function newMeetingForm(request: FastifyRequest, slug: string) {
    const viewer = requireViewer(request);
    const network = await loadNetwork(db, slug);
    if (!canModerate(viewer, network.id)) throw new ForbiddenError('meetings.onlyConveners');
    const others = viewer.role === 'admin' ? (await listNetworks(db)).filter((other) => other.id !== network.id) : [];
    return {
      network: { slug: network.slug, name: network.name },
      otherNetworks: others.map((other) => ({ slug: other.slug, name: other.name })),
      // Pages only (the response schema drops it): the zone the form's times are read in.
      timeZone,
    };
  }

  const NewMeetingForm = Type.Object({
    network: Type.Object({ slug: Type.String(), name: Type.String() }),
    otherNetworks: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
  });

  app.get(
    '/n/:network/meetings/new',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: NewMeetingForm } } },
    async (request, reply) => {
      const form = await newMeetingForm(request, request.params.network);
      return reply.page('meetings/new', { ...form, values: {}, errors: {} }, { json: form, title: request.t('meetings.new.title') });
    },
  );

  app.post(
    '/n/:network/meetings',
    {
      onRequest: signedInOnly,
      schema: { params: networkSlugParam, body: newMeetingBody, response: { 201: StartedMeeting } },
      config: { form: { view: 'meetings/new', data: (request) => newMeetingForm(request, (request.params as NetworkParams).network) } },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const { threadId, post } = await service.create(request.viewer!, network, { ...request.body, language: request.locale });
      const meeting = (await readMeeting(db, threadId, request.viewer, clocksOf(request)))!;
      reply.flash('notice.meetingStarted', { post: post.id });
      return reply.done(`/t/${threadId}`, { id: threadId, title: request.body.title, network: network.slug, meeting: meeting.json }, 201);
    },
  );

  /** The edit form: the meeting's current values on the forum's clocks. */
  async function editForm(request: FastifyRequest, threadId: number) {
    const viewer = requireViewer(request);
    const thread = await loadThread(db, threadId);
    const [meeting] = await queries.findMeetings(db, [threadId]);
    if (!meeting) throw new NotFoundError();
    if (!canModerate(viewer, meeting.network_id)) throw new ForbiddenError('meetings.onlyConveners');
    return {
      timeZone,
      thread: threadTitleFor(thread, viewer, request.t),
      cancelled: meeting.cancelled_at !== null,
      current: {
        startsAt: localInputValue(meeting.starts_at, timeZone),
        endsAt: localInputValue(meeting.ends_at, timeZone),
        place: meeting.place,
        mapUrl: meeting.map_url ?? '',
        capacity: meeting.capacity === null ? '' : String(meeting.capacity),
      },
    };
  }

  const EditForm = Type.Object({
    thread: Type.Object({ id: Type.Integer(), title: Type.String(), slug: Type.String(), titleHidden: Type.Boolean() }),
    cancelled: Type.Boolean(),
    current: Type.Object({ startsAt: Type.String(), endsAt: Type.String(), place: Type.String(), mapUrl: Type.String(), capacity: Type.String() }),
  });

  app.get('/t/:id/meeting/edit', { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: EditForm } } }, async (request, reply) => {
    const form = await editForm(request, request.params.id);
    return reply.page('meetings/edit', { ...form, values: form.current, errors: {} }, { json: form, title: request.t('meetings.edit.title') });
  });

  app.post(
    '/t/:id/meeting',
    {
      onRequest: signedInOnly,
      schema: { params: threadParams, body: editMeetingBody, response: { 200: MeetingJson } },
      config: { form: { view: 'meetings/edit', data: (request) => editForm(request, (request.params as ThreadParams).id) } },
    },
    async (request, reply) => {
      const { changed } = await service.edit(request.viewer!, request.params.id, request.body);
      const meeting = (await readMeeting(db, request.params.id, request.viewer, clocksOf(request)))!;
      reply.flash(changed ? 'notice.meetingChanged' : 'notice.meetingSaved');
      return reply.done(`/t/${request.params.id}`, meeting.json, 200);
    },
  );

  app.post('/t/:id/meeting/cancel', { onRequest: signedInOnly, schema: { params: threadParams, response: { 200: MeetingJson } } }, async (request, reply) => {
    await service.cancel(request.viewer!, request.params.id);
    const meeting = (await readMeeting(db, request.params.id, request.viewer, clocksOf(request)))!;
    reply.flash('notice.meetingCancelled');
    return reply.done(`/t/${request.params.id}`, meeting.json, 200);
  });

  app.post(
    '/t/:id/rsvp',
    { onRequest: signedInOnly, schema: { params: threadParams, body: rsvpBody, response: { 200: RsvpResult } } },
    async (request, reply) => {
      const { meeting, counts, mine, position } = await service.answer(request.viewer!, request.params.id, request.body);
      const yourAnswer = ownAnswerJson(mine, position);
      reply.flash(yourAnswer?.waiting ? 'notice.rsvpWaiting' : `notice.rsvp.${request.body.answer}`, { values: { position: position ?? 0 } });
      return reply.done(`/t/${request.params.id}#meeting`, { threadId: request.params.id, counts: countsJson(meeting, counts), yourAnswer }, 200);
    },
  );

  app.post(
    '/t/:id/minutes',
    { onRequest: signedInOnly, schema: { params: threadParams, body: minutesBody, response: { 200: MeetingJson } } },
    async (request, reply) => {
      await service.markMinutes(request.viewer!, request.params.id, request.body.postId);
      const meeting = (await readMeeting(db, request.params.id, request.viewer, clocksOf(request)))!;
      reply.flash('notice.minutesMarked');
      return reply.done(`/t/${request.params.id}#minutes`, meeting.json, 200);
    },
  );

  /** Upcoming meetings across the forum (or one network's), by month on the forum's calendar. */
  app.get('/meetings', { schema: { querystring: meetingsQuery, response: { 200: MeetingsPageJson } } }, async (request, reply) => {
    const network = request.query.network ? await loadNetwork(db, request.query.network) : null;
    const rows = await queries.listMeetings(db, { from: new Date(), networkId: network?.id, limit: LIST_SIZE });
    const months: Array<{ month: string; label: string; meetings: Array<ReturnType<typeof listItemJson> & { when: string }> }> = [];
    for (const row of rows) {
      const { month, label } = monthOf(row.starts_at, request.locale, timeZone);
      let group = months.at(-1);
      if (group?.month !== month) months.push((group = { month, label, meetings: [] }));
      group.meetings.push({ ...listItemJson(row, request.viewer, request.t), when: formatMeetingTime(row.starts_at, row.ends_at, request.locale, timeZone) });
    }
    const networks = request.wantsJson ? [] : await listNetworks(db);
    const json = { network: network?.slug ?? null, months };
    return reply.page(
      'meetings/index',
      { ...json, networkName: network?.name ?? null, networks: networks.map((n) => ({ slug: n.slug, name: n.name, selected: n.id === network?.id })) },
      { json, title: request.t('meetings.list.title') },
    );
  });

  /** One meeting as an .ics file, as a guest reads it. */
  app.get('/t/:id/meeting.ics', { schema: { params: threadParams } }, async (request, reply) => {
    const thread = await loadThread(db, request.params.id);
    const rows = (await queries.listMeetings(db, { includeCancelled: true, limit: LIST_SIZE })).filter((row) => row.thread_id === thread.id);
    if (rows.length === 0) throw new NotFoundError();
    const name = threadTitleFor(thread, null, request.t).title;
    return reply
      .type(ICS)
      .header('content-disposition', `attachment; filename="meeting-${thread.id}.ics"`)
      .send(meetingsCalendar(rows, null, request.t, { name, publicUrl, timeZone, forumName }));
  });

  /** A network's meetings from the last 30 days on (cancelled ones too, marked so), to subscribe to. */
  app.get('/n/:network/meetings.ics', { schema: { params: networkSlugParam } }, async (request, reply) => {
    const network = await loadNetwork(db, request.params.network);
    const rows = await queries.listMeetings(db, { from: daysAgo(30), networkId: network.id, includeCancelled: true, limit: LIST_SIZE });
    return reply.type(ICS).send(meetingsCalendar(rows, null, request.t, { name: `${network.name} · ${forumName}`, publicUrl, timeZone, forumName }));
  });

  /** A member's own calendar: the meetings they answered going or maybe. The secret is the key; a renewed one's old URL is 404. */
  app.get('/calendar/:token/meetings.ics', { schema: { params: calendarParams } }, async (request, reply) => {
    const account = await queries.accountOfCalendarToken(db, request.params.token);
    if (!account) throw new NotFoundError();
    const rows = await queries.listMeetings(db, { from: daysAgo(30), accountId: account.id, includeCancelled: true, limit: LIST_SIZE });
    // Read as a guest reads: the URL may be shared with a calendar app, so it shows nothing only its owner may see.
    return reply
      .type(ICS)
      .header('cache-control', 'private, no-store')
      .send(meetingsCalendar(rows, null, request.t, { name: `${request.t('meetings.calendar.mine')} · ${forumName}`, publicUrl, timeZone, forumName }));
  });

  app.post('/me/calendar/renew', { onRequest: signedInOnly, schema: { response: { 200: CalendarUrl } } }, async (request, reply) => {
    const secret = newCalendarSecret();
    await queries.replaceCalendarToken(db, request.viewer!.id, secret);
    reply.flash('notice.calendarRenewed');
    return reply.done('/me#calendar', { url: new URL(`/calendar/${secret}/meetings.ics`, publicUrl).toString() }, 200);
  });
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 24 * 3600 * 1000);
}
