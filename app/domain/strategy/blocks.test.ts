import { describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n";
import { applyBlockEdits, editedBlocks, listBlocks } from "./blocks";
import { buildProposal } from "./engine";
import { ISSUED_ON, prospectAnswers, prospects, type Prospect } from "./prospects.fixture";
import { defaultOwnerSettings } from "./settings";
import { proposalView } from "./view";

const t = getT("it");
const view = (p: Prospect) => proposalView(buildProposal({ answers: prospectAnswers(p), organisation: p.organisation, contactName: "Referente", issuedOn: ISSUED_ON }, defaultOwnerSettings), "it", (k, o) => t(k, o));

describe("block-level edits", () => {
  it("lists every sentence of every part, and no table figure, price or heading", () => {
    const blocks = listBlocks(view(prospects.hut));
    const parts = new Set(blocks.map((b) => b.part));
    expect(parts.size).toBe(15);
    const paths = blocks.map((b) => b.path);
    expect(paths).toContain("summary.0.text");
    expect(paths).toContain("channels.Instagram.reasons.0");
    expect(paths).toContain("investment.packages.crescita.reasons.0");
    expect(paths.some((p) => p.endsWith(".monthly") || p.endsWith(".price") || p.includes("partTitles"))).toBe(false);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("replaces one block and keeps the rest, the tables and the reasons", () => {
    const before = view(prospects.hut);
    const path = "channels.Instagram.reasons.0";
    const after = applyBlockEdits(before, { [path]: { text: "Instagram è il vostro canale: lo curiamo ogni giorno.", base: "x" } });
    const instagram = after.channels.find((c) => c.channel === "Instagram")!;
    expect(instagram.reasons[0]).toBe("Instagram è il vostro canale: lo curiamo ogni giorno.");
    expect(instagram.reasons.slice(1)).toEqual(before.channels.find((c) => c.channel === "Instagram")!.reasons.slice(1));
    expect(after.content.cadence).toEqual(before.content.cadence);
    expect(after.investment.packages).toEqual(before.investment.packages);
    // The view it was given is not changed.
    expect(before.channels.find((c) => c.channel === "Instagram")!.reasons[0]).not.toContain("ogni giorno");
  });

  it("follows a channel's row when the rows move, and says which edits the new rules would write differently", () => {
    const first = view(prospects.hut);
    const path = "channels.Facebook.reasons.0";
    const edits = { [path]: { text: "Testo dell'owner", base: first.channels.find((c) => c.channel === "Facebook")!.reasons[0]! } };
    expect(editedBlocks(first, edits)).toEqual([expect.objectContaining({ path, outdated: false, text: "Testo dell'owner" })]);
    // The answers change: Facebook is refused now, so its reasons are different.
    const changed = view({ ...prospects.hut, channels: { ...prospects.hut.channels, facebook: "refused" } });
    const [status] = editedBlocks(changed, edits);
    expect(status!.outdated).toBe(true);
    expect(status!.generated).toBe("Avete detto di non volere Facebook: lo lasciamo fuori.");
    // The edit still applies where its block still exists.
    expect(applyBlockEdits(changed, edits).channels.find((c) => c.channel === "Facebook")!.reasons[0]).toBe("Testo dell'owner");
  });

  it("drops an edit whose block no longer exists instead of writing it somewhere else", () => {
    const v = view(prospects.hut);
    const edits = { "summary.9.text": { text: "altrove", base: "" } };
    expect(JSON.stringify(applyBlockEdits(v, edits))).not.toContain("altrove");
    expect(editedBlocks(v, edits)[0]).toMatchObject({ generated: null, outdated: true });
  });
});
