// The convener's guide, GET /guide/conveners: how to convene a network here, in the reader's language,
// for everyone to read (members thinking of convening too). Linked from every convener tool.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** The guide's sections in order, each with how many paragraphs its catalog holds (guide.conveners.<id>.1…n). */
const SECTIONS = [
  { id: 'what', paragraphs: 3 },
  { id: 'sharing', paragraphs: 3 },
  { id: 'welcome', paragraphs: 3 },
  { id: 'meet', paragraphs: 2 },
  { id: 'relevant', paragraphs: 3 },
  { id: 'hide', paragraphs: 4 },
  { id: 'admin', paragraphs: 2 },
  { id: 'tools', paragraphs: 1 },
] as const;

const GuideJson = Type.Object({
  title: Type.String(),
  intro: Type.String(),
  sections: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), paragraphs: Type.Array(Type.String()) })),
});

export async function guideRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/guide/conveners', { schema: { response: { 200: GuideJson } } }, async (request, reply) => {
    const { t } = request;
    const guide = {
      title: t('guide.conveners.title'),
      intro: t('guide.conveners.intro'),
      sections: SECTIONS.map(({ id, paragraphs }) => ({
        id,
        title: t(`guide.conveners.${id}.title`),
        paragraphs: Array.from({ length: paragraphs }, (_, index) => t(`guide.conveners.${id}.${index + 1}`)),
      })),
    };
    return reply.page('moderation/guide', guide, { title: guide.title });
  });
}
