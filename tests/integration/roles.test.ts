// Roles, checked on the server: a member works leads and proposals, and gets
// 403 from every owner-only loader and action, with nothing changed.
import { beforeEach, describe, expect, it } from "vitest";
import { action as settingsAction, loader as settingsLoader } from "~/routes/$lang.owner.settings";
import { action as proposalSettingsAction, loader as proposalSettingsLoader } from "~/routes/$lang.owner.settings_.proposals";
import { action as teamAction, loader as teamLoader } from "~/routes/$lang.owner.team";
import { action as privacyAction, loader as privacyLoader } from "~/routes/$lang.owner.privacy-requests";
import { loader as privacyExportLoader } from "~/routes/$lang.owner.privacy-requests.export";
import { loader as csvLoader } from "~/routes/$lang.owner.leads[.csv]";
import { loader as pipelineLoader } from "~/routes/$lang.owner._index";
import { action as leadAction, loader as leadLoader } from "~/routes/$lang.owner.leads.$leadId";
import { action as reviewAction, loader as reviewLoader } from "~/routes/$lang.owner.proposals.$leadId";
import { loader as outboxLoader } from "~/routes/$lang.owner.outbox";
import { loader as outboxMessageLoader } from "~/routes/$lang.owner.outbox.$id";
import { loader as dashboardLoader } from "~/routes/$lang.owner.dashboard";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { createInvite, requestPasswordReset } from "~/models/account.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { call, get, post, runJobs, irrelevantPasswordHash } from "./helpers";

async function staff(role: "owner" | "member", name: string) {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name, role, passwordHash: await irrelevantPasswordHash() },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

let owner: Awaited<ReturnType<typeof staff>>;
let member: Awaited<ReturnType<typeof staff>>;
let leadId: string;

/** Everything an owner-only action could change, to compare before and after. */
async function snapshot() {
  const [users, invites, profile, settings, leads, emails, audit] = await Promise.all([
    prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, disabledAt: true } }),
    prisma.invite.count(),
    prisma.profile.findFirst(),
    prisma.settings.findFirst(),
    prisma.lead.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, email: true, erasedAt: true } }),
    prisma.emailMessage.count(),
    prisma.auditLog.count(),
  ]);
  return { users, invites, profile, settings, leads, emails, audit };
}

// Every test starts from empty tables (tests/setup-db.ts): the shared rows are made anew for each.
beforeEach(async () => {
  owner = await staff("owner", "Olga Owner");
  member = await staff("member", "Mario Member");
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers: { ...complete, about: { ...complete.about, email: "client@lagoblu.example" } } }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  await runJobs(); // the confirmation and the owners' email, as the server's job runner sends them
  leadId = (await prisma.lead.findFirstOrThrow({ where: { token: outcome.token } })).id;
});

describe("a member", () => {
  it("gets 403 from every owner-only page", async () => {
    const c = { Cookie: member.cookie };
    const pages: Array<[string, (args: never) => Promise<unknown>, string, Record<string, string>]> = [
      ["settings", settingsLoader as never, "/it/owner/settings", { lang: "it" }],
      ["proposal settings", proposalSettingsLoader as never, "/it/owner/settings/proposals", { lang: "it" }],
      ["team", teamLoader as never, "/it/owner/team", { lang: "it" }],
      ["privacy requests", privacyLoader as never, "/it/owner/privacy-requests?email=client%40lagoblu.example", { lang: "it" }],
      ["privacy export", privacyExportLoader as never, "/it/owner/privacy-requests/export?email=client%40lagoblu.example", { lang: "it" }],
      ["CSV export", csvLoader as never, "/it/owner/leads.csv", { lang: "it" }],
    ];
    for (const [name, loader, url, params] of pages) {
      const response = await call(loader, get(url, c), params);
      expect([name, response.status]).toEqual([name, 403]);
    }
  });

  it("gets 403 from every owner-only action, and nothing changes", async () => {
    const before = await snapshot();
    const c = { Cookie: member.cookie };
    const actions: Array<[string, (args: never) => Promise<unknown>, string, Record<string, string>]> = [
      ["save profile", settingsAction as never, "/it/owner/settings", { displayName: "Hacked", headlineIt: "x", headlineEn: "x", bioIt: "x", bioEn: "x" }],
      ["test email", settingsAction as never, "/it/owner/settings", { intent: "test-email" }],
      ["prices", proposalSettingsAction as never, "/it/owner/settings/proposals", { "package.0.price": "1", onboardingFee: "0" }],
      ["invite", teamAction as never, "/it/owner/team", { intent: "invite", email: "friend@example.com", name: "Friend", role: "owner" }],
      ["promote self", teamAction as never, "/it/owner/team", { intent: "role", userId: member.user.id, role: "owner" }],
      ["demote owner", teamAction as never, "/it/owner/team", { intent: "role", userId: owner.user.id, role: "member" }],
      ["disable owner", teamAction as never, "/it/owner/team", { intent: "disable", userId: owner.user.id }],
      ["erase person", privacyAction as never, "/it/owner/privacy-requests", { email: "client@lagoblu.example", confirm: "client@lagoblu.example" }],
    ];
    for (const [name, action, url, fields] of actions) {
      const response = await call(action, post(url, fields, c), { lang: "it" });
      expect([name, response.status]).toEqual([name, 403]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("works leads and proposals: pipeline, lead page, status, notes, proposal text", async () => {
    const c = { Cookie: member.cookie };
    expect((await call(pipelineLoader, get("/it/owner", c), { lang: "it" })).status).toBe(200);
    expect((await call(dashboardLoader, get("/it/owner/dashboard", c), { lang: "it" })).status).toBe(200);
    expect((await call(leadLoader, get(`/it/owner/leads/${leadId}`, c), { lang: "it", leadId })).status).toBe(200);
    expect((await call(leadAction, post(`/it/owner/leads/${leadId}`, { intent: "note", body: "ok" }, c), { lang: "it", leadId })).status).toBe(302);
    const review = await call(reviewLoader, get(`/it/owner/proposals/${leadId}`, c), { lang: "it", leadId });
    expect(review.status).toBe(200);
    expect(await review.json()).toMatchObject({ canEditPrices: false, prices: {} });
    // Text only, prices left as they are: saved.
    const saved = await call(reviewAction, post(`/it/owner/proposals/${leadId}`, { intent: "save", "part-summary": "Testo del collaboratore.", "price-onboarding": "" }, c), { lang: "it", leadId });
    expect(saved.status).toBe(302);
    expect((await prisma.proposal.findUniqueOrThrow({ where: { leadId } })).textEdits).toContain("Testo del collaboratore.");
  });

  it("cannot change a proposal's prices (403, nothing saved), while the owner can", async () => {
    const c = { Cookie: member.cookie };
    const saved = () => prisma.proposal.findUnique({ where: { leadId }, select: { textEdits: true, priceEdits: true } });
    const before = await saved();
    const attempts: Array<Record<string, string>> = [{ "price-onboarding": "1,00" }, { "price-onboarding": "abc" }, { "price-package-completo": "10" }];
    for (const fields of attempts) {
      const response = await call(reviewAction, post(`/it/owner/proposals/${leadId}`, { intent: "save", "part-summary": "Cambiato", ...fields }, c), { lang: "it", leadId });
      expect(response.status).toBe(403);
    }
    expect(await saved()).toEqual(before);

    const ownerSave = await call(reviewAction, post(`/it/owner/proposals/${leadId}`, { intent: "save", "price-onboarding": "250,00" }, { Cookie: owner.cookie }), { lang: "it", leadId });
    expect(ownerSave.status).toBe(302);
    expect(JSON.parse((await prisma.proposal.findUniqueOrThrow({ where: { leadId } })).priceEdits)).toEqual({ onboarding: 25000 });
    // The owner's price, sent back unchanged by a member, is accepted.
    const keep = await call(reviewAction, post(`/it/owner/proposals/${leadId}`, { intent: "save", "price-onboarding": "250,00" }, c), { lang: "it", leadId });
    expect(keep.status).toBe(302);
  });

  it("never reads someone else's password reset link or invitation in the outbox", async () => {
    await requestPasswordReset({ email: owner.user.email });
    await createInvite({ email: "new.owner@example.com", name: "New Owner", role: "owner", invitedBy: { id: owner.user.id, name: owner.user.name }, locale: "it" });
    await requestPasswordReset({ email: member.user.email });
    await runJobs();
    const secret = await prisma.emailMessage.findMany({ where: { kind: { in: ["password_reset", "invite"] } } });
    expect(secret).toHaveLength(3);

    const list = async (who: typeof member) =>
      ((await (await call(outboxLoader, get("/it/owner/outbox", { Cookie: who.cookie }), { lang: "it" })).json()) as { messages: Array<{ id: string; kind: string; to: string }> }).messages;
    const seen = await list(member);
    expect(seen.filter((m) => m.kind === "password_reset" || m.kind === "invite").map((m) => m.to)).toEqual([member.user.email]);
    expect(seen.some((m) => m.kind === "intake_received")).toBe(true);
    expect((await list(owner)).filter((m) => m.kind === "password_reset" || m.kind === "invite")).toHaveLength(3);

    for (const message of secret) {
      const response = await call(outboxMessageLoader, get(`/it/owner/outbox/${message.id}`, { Cookie: member.cookie }), { lang: "it", id: message.id });
      expect([message.to, response.status]).toEqual([message.to, message.to === member.user.email ? 200 : 403]);
    }
  });
});

describe("an owner", () => {
  it("reaches every owner-only page", async () => {
    const c = { Cookie: owner.cookie };
    expect((await call(settingsLoader, get("/it/owner/settings", c), { lang: "it" })).status).toBe(200);
    expect((await call(proposalSettingsLoader, get("/it/owner/settings/proposals", c), { lang: "it" })).status).toBe(200);
    expect((await call(teamLoader, get("/it/owner/team", c), { lang: "it" })).status).toBe(200);
    expect((await call(privacyLoader, get("/it/owner/privacy-requests", c), { lang: "it" })).status).toBe(200);
    expect((await call(csvLoader, get("/it/owner/leads.csv", c), { lang: "it" })).status).toBe(200);
  });
});
