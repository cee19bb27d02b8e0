// Every bound of the live feed, in one place: no message a client can send, and no client that stops
// reading, makes the server do or hold more than these allow (README: Performance → Live updates).

/** A page subscribes to one topic; a script following a few dozen threads or boards stays under this. */
export const MAX_TOPICS = 50;

/**
 * A replay longer than this answers `reset` (the page reloads) instead. A thread page shows about a
 * hundred posts, so a client that missed more than two pages of changes is better served by the page:
 * one query and one render, where a replay renders and sends each post on its own.
 */
export const REPLAY_MAX_MESSAGES = 200;
/** The same for size: two hundred long posts (20,000 characters each) would be about 10 MB. */
export const REPLAY_MAX_BYTES = 1024 * 1024;
/**
 * Live events that may wait while a subscription's replay is built; more means the topic is busier
 * than any replay could catch up with, and the subscription is reset.
 */
export const REPLAY_MAX_QUEUED = REPLAY_MAX_MESSAGES;

/**
 * Output a connection may leave unsent (ws's bufferedAmount: what the kernel did not take) before it is
 * cut off: a client that stops reading must not make the server hold what it does not read. A reading
 * client on a slow link drains a replay (at most REPLAY_MAX_BYTES, sent whole after this check) long
 * before the next one could start.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Messages a connection may send at once: subscribing to every one of MAX_TOPICS and a few pings.
 * After that one a second, twelve times what static/js/live.js sends (a ping every 25 s); past it the
 * connection is closed with CLOSE_POLICY. This also bounds the messages waiting to be handled.
 */
export const MESSAGE_BURST = MAX_TOPICS + 10;
export const MESSAGES_PER_SECOND = 1;

/**
 * Open connections per client address (with RATE_LIMITS on): an office or a hotel network behind one
 * address has a few dozen tabs open at most. Each connection may hold about MAX_BUFFERED_BYTES plus
 * one replay, so one address pins at most about 80 MB. Past it the upgrade is refused with 429.
 */
export const SOCKETS_PER_ADDRESS = 40;
/** What a refused upgrade's Retry-After says: by then a heartbeat has dropped connections that died. */
export const SOCKETS_RETRY_AFTER_SECONDS = 60;

/** Ping interval: load balancers drop connections idle for a minute; each beat also re-checks sessions. */
export const HEARTBEAT_MS = 30_000;

/** Close codes (README): the client broke a rule (too many messages); static/js/live.js does not reconnect. */
export const CLOSE_POLICY = 1008;
/** The session the connection was opened with ended (sign-out, password change, expiry). */
export const CLOSE_SESSION_ENDED = 4401;
