// Where to go after a form (login's `redirectTo`, the payment panel's way back):
// only a path on this site. Browsers drop tabs and newlines from a Location and
// read `\` as `/`, so `/<TAB>/evil.example/` or `/\evil.example` would leave the
// site; anything that resolves to another origin, or carries control
// characters, whitespace or backslashes, gets the fallback.
const BASE = "http://socialbrief.invalid";

/** A same-site path (pathname, query and fragment, percent-encoded) for `to`, else `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The resolved path must still be a plain local path (dot segments may not turn it into `//host`).
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
