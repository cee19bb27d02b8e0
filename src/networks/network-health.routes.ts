// GET /n/:network/health: a convener's view of how their network is doing, for its conveners and admins
// (page and JSON). The page draws each figure as a bar chart (core/svg-chart.ts) and gives them all
// again in one table.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import type { Locale } from '../config.js';
import { formatNumber, type Translate } from '../core/i18n/index.js';
import { renderBarChart } from '../core/svg-chart.js';
import { requireModeratorOf } from '../moderation/guards.js';
import { NetworkHealthJson, type HealthWeekJson } from './network-health.schemas.js';
import { ANSWER_WITHIN_MS, HEALTH_WEEKS, readNetworkHealth } from './network-health.service.js';
import { networkSlugParam } from './networks.schemas.js';
import { loadNetwork } from './public.js';

/** The figures drawn, in the order the page shows them, each with the catalog key of its name. */
const FIGURES = [
  { field: 'unanswered', key: 'health.figure.unanswered' },
  { field: 'threads', key: 'health.figure.threads' },
  { field: 'replies', key: 'health.figure.replies' },
  { field: 'posters', key: 'health.figure.posters' },
  { field: 'newMembers', key: 'health.figure.newMembers' },
  { field: 'medianFirstReplyHours', key: 'health.figure.medianFirstReply' },
  { field: 'flags', key: 'health.figure.flags' },
  { field: 'hides', key: 'health.figure.hides' },
] as const satisfies ReadonlyArray<{ field: keyof HealthWeekJson; key: string }>;

type Figure = (typeof FIGURES)[number];

/** A week's Monday under its bar: the day of the month, and the month's short name where a month begins. */
function barLabels(isoDates: readonly string[], locale: Locale): Array<{ label: string; group: string }> {
  const month = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { month: 'short', timeZone: 'UTC' });
  return isoDates.map((isoDate, index) => ({
    label: String(Number(isoDate.slice(8, 10))),
    group: index === 0 || isoDate.slice(5, 7) !== isoDates[index - 1]!.slice(5, 7) ? month.format(new Date(`${isoDate}T00:00:00Z`)) : '',
  }));
}

/** "14 Sep 2026": a week's Monday in a sentence or a table. */
function longDay(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** What the page shows of a figure: its chart (with a sentence saying what it shows) and its cells in the table. */
function figureView(figure: Figure, weeks: readonly HealthWeekJson[], t: Translate, locale: Locale) {
  const values = weeks.map((week) => week[figure.field]);
  const written = values.map((value) => (value === null ? '–' : formatNumber(value, locale)));
  const name = t(figure.key);
  const known = values.filter((value): value is number => value !== null);
  const highest = known.length ? Math.max(...known) : null;
  const description = t('health.chart.description', {
    figure: name,
    from: longDay(weeks[0]!.start, locale),
    last: written.at(-2) ?? '–',
    current: written.at(-1) ?? '–',
    highest: highest === null ? '–' : formatNumber(highest, locale),
  });
  const labels = barLabels(
    weeks.map((week) => week.start),
    locale,
  );
  const chart = renderBarChart({
    id: `chart-${figure.field}`,
    title: name,
    description,
    bars: weeks.map((week, index) => ({ ...labels[index]!, value: values[index]!, valueText: written[index]!, partial: week.current })),
  });
  return { field: figure.field, name, description, chart, cells: written };
}

export async function networkHealthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { timeZone } = app.config;

  app.get(
    '/n/:network/health',
    { onRequest: signedInOnly, schema: { params: networkSlugParam, response: { 200: NetworkHealthJson } } },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      const viewer = request.viewer!;
      requireModeratorOf(viewer, network.id);
      const json = await readNetworkHealth(db, network, viewer, request.t, new Date(), timeZone);
      const title = request.t('health.title', { network: network.name });
      const { locale, t } = request;
      const figures = FIGURES.map((figure) => figureView(figure, json.weeks, t, locale));
      const [unansweredFigure, ...otherFigures] = figures;
      const lastWeek = json.weeks.at(-2)!;
      return reply.page(
        'networks/health',
        {
          ...json,
          heading: title,
          weekCount: HEALTH_WEEKS,
          answerWithinHours: ANSWER_WITHIN_MS / 3_600_000,
          lastWeekUnanswered: lastWeek.unanswered,
          unansweredChart: unansweredFigure!.chart,
          figures: otherFigures,
          tableFigures: figures.map(({ name }) => name),
          rows: json.weeks.map((week, index) => ({
            week: longDay(week.start, locale),
            current: week.current,
            cells: figures.map((figure) => figure.cells[index]),
          })),
          waiting: json.unanswered.threads.map((thread) => ({
            ...thread,
            weekOf: longDay(thread.week, locale),
            author: { ...thread.author, former: thread.author.username === '' },
          })),
          moreWaiting: json.unanswered.count - json.unanswered.threads.length,
        },
        { json, title },
      );
    },
  );
}
