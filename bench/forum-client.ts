// What a bench does to set the forum up, as a script would: register accounts, post JSON.
import type { Child } from './child.js';

/** Registers `username` (with RATE_LIMITS=off any number may be) and returns its session cookie, checked to work. */
export async function register(app: Child, username: string): Promise<string> {
  const response = await fetch(app.url('/register'), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      displayName: username,
      email: `${username.replaceAll('_', '-')}@bench.example`,
      password: 'a bench password, long enough',
    }),
  });
  if (response.status !== 201) throw new Error(`registering ${username} failed: ${response.status} ${await response.text()}`);
  const session = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!session) throw new Error(`registering ${username} set no session cookie`);
  const cookie = session.split(';')[0]!;
  const me = await fetch(app.url('/me'), { headers: { accept: 'application/json', cookie } });
  if (me.status !== 200) throw new Error(`${username}'s session does not work: GET /me → ${me.status}`);
  return cookie;
}

/** POSTs `body` as JSON and returns the JSON answer; any status but `status` throws. */
export async function postJson(app: Child, path: string, cookie: string, body: object, status = 201): Promise<Record<string, unknown>> {
  const response = await fetch(app.url(path), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
