/**
 * Decides whether a link may leave the app for the user's browser. The URL is parsed, never
 * substring-matched: only `https:` with a host and without embedded credentials passes.
 */
export function parseExternalUrl(input: string): URL | null {
  if (input.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url;
}
