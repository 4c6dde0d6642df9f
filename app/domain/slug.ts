// Names made safe for file names and ids: "Città & Co." → "citta-co".
import { foldForSearch } from "./search-text";

/** Lower case ASCII letters and digits joined by single dashes; "" when nothing is left. */
export function slug(value: string): string {
  return foldForSearch(value).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
