/** `candidate` when it is a path on this site; otherwise "/". Blocks open redirects like //evil.example. */
export function localPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return '/';
  if (candidate.startsWith('//') || candidate.startsWith('/\\') || /[\u0000-\u001f]/.test(candidate)) return '/';
  return candidate;
}

/** The path of a same-origin URL (such as a Referer), else "/". */
export function localPathOfUrl(url: string | undefined, origin: string): string {
  if (!url) return '/';
  try {
    const parsed = new URL(url);
    return parsed.origin === origin ? localPath(parsed.pathname + parsed.search) : '/';
  } catch {
    return '/';
  }
}
