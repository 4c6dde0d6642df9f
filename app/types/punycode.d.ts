// punycode.js (the npm package's ES module, by path, so that Node's deprecated
// built-in of the same name is never picked) ships no types: the two functions used.
declare module "punycode/punycode.es6.js" {
  /** A domain name with Unicode labels turned into punycode ("caffè.it" → "xn--caff-8oa.it"). */
  export function toASCII(domain: string): string;
  /** A domain name with punycode labels turned back into Unicode ("xn--caff-8oa.it" → "caffè.it"). */
  export function toUnicode(domain: string): string;
}
