/**
 * `candidate` when it is a path on this site, ready for a Location header; otherwise "/". Blocks open
 * redirects like //evil.example; characters a header cannot carry (non-ASCII, spaces) are
 * percent-encoded, and text that cannot be encoded (a lone surrogate) gives "/".
 */
export function localPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return '/';
  if (candidate.startsWith('//') || candidate.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(candidate)) return '/';
  try {
    return candidate.replace(/[^\u0021-\u007e]+/gu, (run) => encodeURIComponent(run));
  } catch {
    return '/';
  }
}

/** The path of a URL (such as a Referer) on one of this site's origins (core/security.ts allowedOrigins), else "/". */
export function localPathOfUrl(url: string | undefined, origins: ReadonlySet<string>): string {
  if (!url) return '/';
  try {
    const parsed = new URL(url);
    return origins.has(parsed.origin) ? localPath(parsed.pathname + parsed.search) : '/';
  } catch {
    return '/';
  }
}
