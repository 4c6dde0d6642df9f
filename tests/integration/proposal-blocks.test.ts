import { describe, expect, it } from "vitest";
import { action as blocksAction, loader as blocksLoader } from "~/routes/$lang.owner.proposals.$leadId_.blocks";
import { action as reviewAction } from "~/routes/$lang.owner.proposals.$leadId";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { prisma } from "~/utils/db.server";
import { call, get, post, staffSession, submittedLead } from "./helpers";

interface BlocksData {
  editedCount: number;
  outdatedCount: number;
  parts: Array<{ id: string; blocks: Array<{ path: string; text: string; generated: string; edited: boolean; outdated: boolean; base: string | null }> }>;
}

describe("editing a proposal sentence by sentence", () => {
  it("rewrites one block, shows it as edited, keeps it through a save of the whole form, sends it and resets it", async () => {
    const { cookie } = await staffSession("member");
    const lead = await submittedLead("blocks@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const url = `/it/owner/proposals/${lead.id}/blocks`;
    const first = (await (await call(blocksLoader, get(url, { Cookie: cookie }), params)).json()) as BlocksData;
    expect(first.editedCount).toBe(0);
    const block = first.parts.find((p) => p.id === "channels")!.blocks[0]!;

    const saved = await call(blocksAction, post(url, { intent: "save", path: block.path, text: "Instagram è la vostra vetrina: lo curiamo noi, ogni giorno." }, { Cookie: cookie }), params);
    expect(saved.status).toBe(302);
    const after = (await (await call(blocksLoader, get(url, { Cookie: cookie }), params)).json()) as BlocksData;
    expect(after.editedCount).toBe(1);
    const edited = after.parts.find((p) => p.id === "channels")!.blocks[0]!;
    expect(edited).toMatchObject({ edited: true, outdated: false, text: "Instagram è la vostra vetrina: lo curiamo noi, ogni giorno.", base: block.text });
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.block.edited" } })).toBe(1);

    // Saving the whole-part form and prices keeps the block edit; the prospect sees nothing before sending.
    await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "save", expectedVersion: "0" }, { Cookie: cookie }), params);
    const before = await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    expect(JSON.stringify(await before.json())).not.toContain("vetrina");
    const sent = await call(reviewAction, post(`/it/owner/proposals/${lead.id}`, { intent: "send", expectedVersion: "0" }, { Cookie: cookie }), params);
    expect(sent.headers.get("Location")).toContain("sent=1");
    const page = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as { view: { channels: Array<{ reasons: string[] }> } };
    expect(page.view.channels[0]!.reasons[0]).toBe("Instagram è la vostra vetrina: lo curiamo noi, ogni giorno.");

    // Reset: back to the generated text, and the sent version keeps what was sent.
    await call(blocksAction, post(url, { intent: "reset", path: block.path }, { Cookie: cookie }), params);
    const reset = (await (await call(blocksLoader, get(url, { Cookie: cookie }), params)).json()) as BlocksData;
    expect(reset.editedCount).toBe(0);
    expect(reset.parts.find((p) => p.id === "channels")!.blocks[0]!.text).toBe(block.text);
    const still = (await (await call(pageLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token })).json()) as { view: { channels: Array<{ reasons: string[] }> } };
    expect(still.view.channels[0]!.reasons[0]).toContain("vetrina");
  });

  it("flags an edited block the rules would now write differently after the answers change", async () => {
    const { cookie } = await staffSession("member");
    const lead = await submittedLead("outdated@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const url = `/it/owner/proposals/${lead.id}/blocks`;
    const data = (await (await call(blocksLoader, get(url, { Cookie: cookie }), params)).json()) as BlocksData;
    const summary = data.parts.find((p) => p.id === "summary")!.blocks[0]!;
    await call(blocksAction, post(url, { intent: "save", path: summary.path, text: "La nostra sintesi, scritta a mano." }, { Cookie: cookie }), params);
    // The prospect's channels change (the studio updates the answers after a call).
    const answers = JSON.parse(lead.answers!) as Record<string, Record<string, unknown>>;
    answers.channels = { ...answers.channels, instagram: "refused" };
    await prisma.lead.update({ where: { id: lead.id }, data: { answers: JSON.stringify(answers) } });
    const later = (await (await call(blocksLoader, get(url, { Cookie: cookie }), params)).json()) as BlocksData;
    const block = later.parts.find((p) => p.id === "summary")!.blocks[0]!;
    expect(block).toMatchObject({ edited: true, outdated: true, text: "La nostra sintesi, scritta a mano." });
    expect(block.generated).not.toBe(summary.text);
    expect(later.outdatedCount).toBe(1);
  });

  it("refuses unknown blocks and empty or oversized text with a message, and strangers entirely", async () => {
    const { cookie } = await staffSession("member");
    const lead = await submittedLead("refuse@hotel.example");
    const params = { lang: "it", leadId: lead.id };
    const url = `/it/owner/proposals/${lead.id}/blocks`;
    const unknown = await call(blocksAction, post(url, { intent: "save", path: "summary.99.text", text: "x" }, { Cookie: cookie }), params);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ result: { error: { text: ["settings.review.blocks.unknown"] } } });
    const empty = await call(blocksAction, post(url, { intent: "save", path: "summary.0.text", text: "   " }, { Cookie: cookie }), params);
    expect(await empty.json()).toMatchObject({ result: { error: { text: ["settings.review.blocks.empty"] } } });
    const long = await call(blocksAction, post(url, { intent: "save", path: "summary.0.text", text: "a".repeat(2001) }, { Cookie: cookie }), params);
    expect(await long.json()).toMatchObject({ result: { error: { text: ["settings.review.blocks.tooLong"] } } });
    const bogus = await call(blocksAction, post(url, { intent: "delete-everything" }, { Cookie: cookie }), params);
    expect(bogus.status).toBe(400);
    expect(await bogus.json()).toMatchObject({ result: { error: { text: ["settings.review.blocks.unknown"] } } });
    const stranger = await call(blocksLoader, get(url), params);
    expect([302, 401]).toContain(stranger.status);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.block.edited" } })).toBe(0);
  });
});
