// Typed errors that handlers throw; core/error-handler.ts maps each to a status and a page or JSON.

/** A catalog key, optionally with values for its {placeholders}; a Date is written out on the forum's clocks. */
export type Message = string | { key: string; values: Record<string, string | number | Date> };

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageKey: Message,
  ) {
    super(typeof messageKey === 'string' ? messageKey : messageKey.key);
  }
}

export class NotFoundError extends HttpError {
  constructor(messageKey: Message = 'errors.notFound') {
    super(404, 'not_found', messageKey);
  }
}

export class ForbiddenError extends HttpError {
  constructor(messageKey: Message = 'errors.forbidden') {
    super(403, 'forbidden', messageKey);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(messageKey: Message = 'errors.signInRequired') {
    super(401, 'unauthorized', messageKey);
  }
}

export class ConflictError extends HttpError {
  constructor(messageKey: Message) {
    super(409, 'conflict', messageKey);
  }
}

/** 400 with a message per field; browsers see the form again with the messages beside the fields. */
export class ValidationError extends HttpError {
  constructor(readonly fields: Record<string, Message>) {
    super(400, 'validation', 'errors.validation');
  }
}

/** 429; retryAfterSeconds goes into Retry-After. Browsers see the form again with their text kept. */
export class TooManyRequestsError extends HttpError {
  constructor(
    readonly retryAfterSeconds: number,
    messageKey: Message = 'errors.tooManyRequests',
  ) {
    super(429, 'rate_limited', messageKey);
  }
}

/** 503: the database is away (restarting, frozen, full). Retry-After says when to try again; nothing is lost. */
export class ServiceUnavailableError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'unavailable', 'errors.unavailable');
  }
}
