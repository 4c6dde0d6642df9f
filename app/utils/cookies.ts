/**
 * One cookie's value from a Cookie header, or null. Never throws: other
 * software on the same host may set cookies that are not valid
 * percent-encoding (`other=100%`), and they must not break our pages (Lucia's
 * own parser decodes every cookie and threw a URIError on them).
 */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}
