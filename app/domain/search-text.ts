// Search that an Italian user expects: "nicolo" finds "Nicolò", "CITTÀ" finds
// "città". Leads keep a folded copy of what the pipeline searches (name,
// email, organisation) and search terms are folded the same way, so both
// SQLite (whose LIKE folds ASCII only) and PostgreSQL match alike.

/** Lower case without accents: NFKD, combining marks dropped, then a few letters NFKD keeps whole. */
export function foldForSearch(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[øœ]/g, (c) => (c === "ø" ? "o" : "oe"))
    .replace(/æ/g, "ae")
    .replace(/ł/g, "l")
    .replace(/\s+/g, " ")
    .trim();
}

/** The folded text a lead is searched by. */
export function leadSearchText(lead: { name: string; email: string; organisation: string }): string {
  return foldForSearch(`${lead.name} ${lead.email} ${lead.organisation}`);
}
