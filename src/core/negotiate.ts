import type { FastifyRequest } from 'fastify';
import { memoizedByHeader } from './header-memo.js';

/** The q of the range naming exactly this type; 0 when the header does not name it. */
function explicitQuality(accept: string, type: string): number {
  for (const part of accept.toLowerCase().split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    if (range !== type) continue;
    const q = params.find((p) => p.startsWith('q='));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/**
 * JSON when the client names application/json above text/html, or sends JSON without naming
 * either (scripts). Browsers always name text/html, so they get pages.
 */
export function wantsJson(request: FastifyRequest): boolean {
  const named = acceptNames(request.headers.accept ?? '');
  if (named !== 'neither') return named === 'json';
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}

/** Which of JSON and HTML the Accept header ranks higher, if it names either. */
const acceptNames = memoizedByHeader((accept): 'json' | 'html' | 'neither' => {
  const json = explicitQuality(accept, 'application/json');
  const html = explicitQuality(accept, 'text/html');
  if (json === 0 && html === 0) return 'neither';
  return json > html ? 'json' : 'html';
});
