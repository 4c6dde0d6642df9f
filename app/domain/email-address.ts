// Email addresses as people type them, international domains included. A
// browser sends the address of an <input type="email"> with its domain in
// punycode ("info@xn--caff-8oa.it" for "info@caffè.it"); people read and search
// the Unicode form, so that is the one stored and shown. Lower case throughout:
// two spellings of one address are one address. Pure: the browser's form check
// and the server use the same functions (punycode.js, the well-kept package
// Node itself once bundled, for the conversion).
import { toASCII, toUnicode } from "punycode/punycode.es6.js";
import { z } from "zod";

function split(address: string): [string, string] | null {
  const at = address.lastIndexOf("@");
  return at > 0 ? [address.slice(0, at), address.slice(at + 1)] : null;
}

/** The address as stored and shown: lower case, its domain in Unicode (NFC). */
export function normaliseEmail(address: string): string {
  const parts = split(address.trim());
  if (!parts) return address.trim().toLowerCase();
  const [local, domain] = parts;
  try {
    return `${local.toLowerCase()}@${toUnicode(domain.toLowerCase()).normalize("NFC")}`;
  } catch {
    return `${local.toLowerCase()}@${domain.toLowerCase()}`;
  }
}

/** The same address with its domain in punycode, as mail servers (and the email check) want it. */
export function asciiEmail(address: string): string {
  const parts = split(address);
  if (!parts) return address;
  try {
    return `${parts[0]}@${toASCII(parts[1].normalize("NFC"))}`;
  } catch {
    return address;
  }
}

const plainEmail = z.string().email();

/** True for an address whose ASCII form is a valid email (Unicode in the domain allowed, not in the local part). */
export function isEmailAddress(address: string): boolean {
  return plainEmail.safeParse(asciiEmail(address)).success;
}
