// One place maps every error to a status and a page or JSON; a 5xx never shows its internals.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { localPathOfUrl } from './paths.js';
import { allowedOrigins } from './security.js';
import { formatIsoLike } from './time.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import { catalogs } from './i18n/index.js';
import { HttpError, ServiceUnavailableError, TooManyRequestsError, ValidationError, type Message } from './errors.js';

/** A view, and the rest of what it needs (the network, the thread…) to show a form again. */
export interface FormView {
  view: string;
  data?: (request: FastifyRequest) => Promise<object> | object;
}

/**
 * How a form route re-renders itself when its input is refused: a view of its own, or the page the
 * form is on (`page`, a name the pages layer registers with app.pages), drawn whole as its GET draws it,
 * with every other form on it.
 */
export type FormConfig = FormView | { page: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    form?: FormConfig;
  }
  interface FastifyInstance {
    /** The pages forms name in `config.form.page`; every name a route uses must be registered before the app is ready. */
    pages: { register(name: string, page: Required<FormView>): void };
  }
}

interface SchemaIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: SchemaIssue): string {
  if (issue.keyword === 'required') return String(issue.params.missingProperty);
  return issue.instancePath.split('/').filter(Boolean)[0] ?? '_';
}

function messageFor(issue: SchemaIssue, field: string): Message {
  const limit = Number(issue.params.limit);
  switch (issue.keyword) {
    case 'required':
      return 'validation.required';
    case 'minLength':
      return limit <= 1 ? 'validation.required' : { key: 'validation.minLength', values: { limit } };
    case 'maxLength':
      return { key: 'validation.maxLength', values: { limit } };
    case 'pattern':
      // A field's own wording where it has one ("Only letters, digits, _ and -"), else the general one.
      return catalogs.en[`validation.pattern.${field}`] ? `validation.pattern.${field}` : 'validation.pattern';
    case 'format':
      return `validation.format.${String(issue.params.format)}`;
    default:
      return 'validation.invalid';
  }
}

/** Turns Ajv's issues into one message per field, first issue first. */
export function fieldsFromSchemaIssues(issues: SchemaIssue[]): Record<string, Message> {
  const fields: Record<string, Message> = {};
  for (const issue of issues) {
    const field = fieldOf(issue);
    fields[field] ??= messageFor(issue, field);
  }
  return fields;
}

const FRAMEWORK_MESSAGES: Record<number, string> = {
  400: 'errors.badRequest',
  401: 'errors.signInRequired',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  413: 'errors.bodyTooLarge',
  429: 'errors.tooManyRequests',
};

/**
 * SQLSTATE class 22, "data exception": a value the database cannot take (a number past its column, a
 * date that does not exist, a character it cannot store). Inputs are checked before they get there;
 * should one slip through, it is still the request's fault, not the server's.
 */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** How long a client is asked to wait while the database is away: a restart takes a few seconds. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

function normalise(error: FastifyError): HttpError {
  if (error instanceof HttpError) return error;
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError(UNAVAILABLE_RETRY_AFTER_SECONDS);
  if (error.validation) return new ValidationError(fieldsFromSchemaIssues(error.validation));
  if (isDataException(error)) return new HttpError(400, 'bad_request', 'errors.badRequest');
  const status = error.statusCode ?? 500;
  if (status === 429) {
    const retryAfter = Number((error as { retryAfter?: number }).retryAfter) || 60;
    return new TooManyRequestsError(retryAfter);
  }
  if (status >= 400 && status < 500) {
    // Typed as always there, but an error a plugin makes with a status alone has none.
    return new HttpError(status, error.code ? error.code.toLowerCase() : 'bad_request', FRAMEWORK_MESSAGES[status] ?? 'errors.badRequest');
  }
  return new HttpError(500, 'server_error', 'errors.server');
}

const SECRET_FIELD = /password/i;

function keptInput(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([name]) => !SECRET_FIELD.test(name)));
}

/** The message with its dates written out ("2026-12-24 07:00"), on the forum's clocks. */
function withDatesWritten(message: Message, request: FastifyRequest): Message {
  if (typeof message === 'string') return message;
  const { timeZone } = request.server.config;
  const values = Object.fromEntries(
    Object.entries(message.values).map(([name, value]) => [name, value instanceof Date ? formatIsoLike(value, timeZone) : value]),
  );
  return { key: message.key, values };
}

async function sendError(error: HttpError, request: FastifyRequest, reply: FastifyReply, pages: ReadonlyMap<string, FormView>) {
  const translate = request.t;
  const t: typeof translate = (message, values) => translate(withDatesWritten(message, request), values);
  let message = error instanceof TooManyRequestsError ? t(error.messageKey, { seconds: error.retryAfterSeconds }) : t(error.messageKey);
  // A form sent during an outage: its page cannot be drawn again (that needs the database), so say
  // what became of the text.
  if (error instanceof ServiceUnavailableError && request.method !== 'GET') message = `${message} ${t('errors.unavailable.notSaved')}`;
  if (error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError) reply.header('retry-after', String(error.retryAfterSeconds));
  const fields = error instanceof ValidationError ? Object.fromEntries(Object.entries(error.fields).map(([name, m]) => [name, t(m)])) : undefined;

  if (request.wantsJson) {
    return reply.code(error.statusCode).send(fields ? { error: error.code, fields } : { error: error.code, message });
  }
  if (error.statusCode === 401 && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const config = request.routeOptions.config.form;
  const form = config && 'page' in config ? pages.get(config.page)! : config;
  if (form && (fields || error.statusCode === 429 || error.statusCode === 403)) {
    const extra = form.data ? await form.data(request) : {};
    return reply.page(
      form.view,
      { ...extra, values: keptInput(request.body), errors: fields ?? {}, formError: fields ? t('validation.summary') : message },
      { status: error.statusCode },
    );
  }
  if (error.statusCode === 401) {
    const back = localPathOfUrl(request.headers.referer, allowedOrigins(request.server.config.publicUrl));
    return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  }
  // The error's message is its catalog key (HttpError's constructor).
  const titleKey = `${error.message}.title`;
  const title = t(titleKey) === titleKey ? t('errors.title') : t(titleKey);
  return reply.page('errors/error', { status: error.statusCode, heading: title, message }, { status: error.statusCode, title });
}

export const errorHandlerPlugin = fp(
  async (app) => {
    const pages = new Map<string, FormView>();
    const pagesNamed = new Set<string>();
    app.decorate('pages', {
      register(name: string, page: Required<FormView>) {
        pages.set(name, page);
      },
    });
    app.addHook('onRoute', (route) => {
      const form = route.config?.form;
      if (form && 'page' in form) pagesNamed.add(form.page);
    });
    // A misspelt name fails the start, not the first refused form.
    app.addHook('onReady', async () => {
      const missing = [...pagesNamed].filter((name) => !pages.has(name));
      if (missing.length > 0) throw new Error(`Forms name pages that are not registered: ${missing.join(', ')}`);
    });

    app.setErrorHandler(async (raw: FastifyError, request, reply) => {
      const error = normalise(raw);
      // An outage is one cause behind many failed requests: one line each, without the stack.
      if (error instanceof ServiceUnavailableError) request.log.warn({ cause: String(raw) }, 'database unavailable');
      else if (error.statusCode >= 500) request.log.error({ err: raw }, 'request failed');
      // An input check is missing somewhere: answer 400, but say so where someone will read it.
      else if (isDataException(raw)) request.log.warn({ err: raw }, 'the database refused a value no check caught');
      try {
        return await sendError(error, request, reply, pages);
      } catch (renderError) {
        request.log.error({ err: renderError }, 'error page failed');
        return reply
          .code(error.statusCode >= 500 ? 500 : error.statusCode)
          .type('text/plain')
          .send(request.t('errors.server'));
      }
    });
    app.setNotFoundHandler(async (request, reply) => sendError(new HttpError(404, 'not_found', 'errors.notFound'), request, reply, pages));
  },
  { name: 'error-handler', dependencies: ['http'] },
);
