// The owner's brand: logo upload and serving, the logo on the PDF cover, the
// web pages and emails; brand colours with the contrast check; email settings.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { action as logoAction } from "~/routes/$lang.owner.settings_.logo";
import { loader as settingsLoader, action as proposalSettingsAction } from "~/routes/$lang.owner.settings_.proposals";
import { action as ownerSettingsAction } from "~/routes/$lang.owner.settings";
import { loader as logoLoader } from "~/routes/brand.logo";
import { loader as landingLoader } from "~/routes/$lang._index";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as outboxMessageLoader } from "~/routes/$lang.owner.outbox.$id";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { complete } from "~/domain/intake/fixtures";
import { settingsToForm } from "~/domain/strategy/settings-form";
import { formFields } from "../form-fields";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { getOwnerSettings } from "~/models/settings.server";
import { getT } from "~/i18n/i18n";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { closeEmailTransports, sendEmail } from "~/utils/email.server";
import { resetEnvForTests } from "~/utils/env.server";
import { settingsTestEmail } from "~/emails/templates";
import { call, get, post, runJobs, irrelevantPasswordHash } from "./helpers";

async function signedIn(role: "owner" | "member") {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@brand.example`, name: role, role, passwordHash: await irrelevantPasswordHash() },
  });
  return { user, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
}

/** A valid w×h PNG of one colour (RGB, no interlace). */
function png(w: number, h: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function upload(lang: string, cookie: string, file: Blob | null, filename = "logo.png", intent?: string): Request {
  const form = new FormData();
  if (file) form.append("logo", file, filename);
  if (intent) form.append("intent", intent);
  return new Request(`http://localhost/${lang}/owner/settings/logo`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

async function submitted(organisation: string) {
  const answers = { ...complete, about: { ...complete.about, organisation, email: `${organisation.length}@brand.example` } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  await runJobs(); // the confirmation and the owners' email, as the server's job runner sends them
  // The private link shows a proposal only once it is sent: sent as generated.
  const lead = await prisma.lead.findUniqueOrThrow({ where: { token: outcome.token }, select: { id: true } });
  await sendProposal(lead.id, null);
  return outcome.token;
}

describe("logo", () => {
  it("uploads a PNG, serves the same bytes with its type, ETag and caching, and puts it on the PDF cover, the pages and emails", async () => {
    const { cookie } = await signedIn("owner");
    const bytes = png(120, 40, [200, 30, 60]);
    const response = await call(logoAction, upload("it", cookie, new Blob([new Uint8Array(bytes)], { type: "application/octet-stream" }), "whatever.bin"), { lang: "it" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/it/owner/settings/proposals?logo=saved#logo");
    const sha = createHash("sha256").update(bytes).digest("hex");

    const served = await call(logoLoader, get(`/brand/logo?v=${sha}`), {});
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("ETag")).toBe(`"${sha}"`);
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(served.headers.get("Cache-Control")).toContain("immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    const unversioned = await call(logoLoader, get("/brand/logo"), {});
    expect(unversioned.headers.get("Cache-Control")).not.toContain("immutable");
    expect((await call(logoLoader, get("/brand/logo", { "If-None-Match": `"${sha}"` }), {})).status).toBe(304);

    // The PDF cover carries the image.
    const token = await submitted("Cantina Logo");
    const pdf = await call(pdfLoader, get(`/it/p/${token}/pdf`), { lang: "it", token });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), "sb-brand-"));
    const file = path.join(dir, "proposal.pdf");
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+120\s+40\b/);

    // The web proposal page and the landing page link the versioned logo.
    const page = (await (await call(pageLoader, get(`/it/p/${token}`), { lang: "it", token })).json()) as { brand: { logoSrc: string | null } };
    expect(page.brand.logoSrc).toBe(`/brand/logo?v=${sha}`);
    const landing = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as { brand: { logoSrc: string | null } };
    expect(landing.brand.logoSrc).toBe(`/brand/logo?v=${sha}`);

    // Emails carry its absolute address (APP_URL).
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "intake_received" }, orderBy: { createdAt: "desc" } });
    expect(email.html).toMatch(new RegExp(`<img [^>]*src="http://[^"]+/brand/logo\\?v=${sha}"`));

    // Removing it: the cover has no image again, the address answers 404.
    const removed = await call(logoAction, post("/it/owner/settings/logo", { intent: "remove" }, { Cookie: cookie }), { lang: "it" });
    expect(removed.headers.get("Location")).toBe("/it/owner/settings/proposals?logo=removed#logo");
    expect((await call(logoLoader, get(`/brand/logo?v=${sha}`), {})).status).toBe(404);
  });

  it("refuses a file that is not a PNG or JPEG (whatever its name), or too big, with a translated message", async () => {
    const { cookie } = await signedIn("owner");
    const svg = new Blob(["<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"], { type: "image/png" });
    const response = await call(logoAction, upload("en", cookie, svg, "logo.png"), { lang: "en" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/en/owner/settings/proposals?logoError=logoType#logo");
    expect(await prisma.brandLogo.count()).toBe(0);
    const page = (await (await call(settingsLoader, get("/en/owner/settings/proposals?logoError=logoType", { Cookie: cookie }), { lang: "en" })).json()) as { logoError: string };
    expect(page.logoError).toBe("logoType");
    expect(getT("en")(`settings.proposals.${page.logoError}`)).toBe("The file is not a PNG or JPEG image.");
    expect(getT("it")(`settings.proposals.${page.logoError}`)).toBe("Il file non è un'immagine PNG o JPEG.");
    // Unknown words in the address are not echoed.
    const odd = (await (await call(settingsLoader, get("/en/owner/settings/proposals?logoError=<script>", { Cookie: cookie }), { lang: "en" })).json()) as { logoError: string | null };
    expect(odd.logoError).toBeNull();

    const big = Buffer.concat([png(2, 2, [0, 0, 0]), Buffer.alloc(600 * 1024)]);
    const tooBig = await call(logoAction, upload("it", cookie, new Blob([new Uint8Array(big)], { type: "image/png" })), { lang: "it" });
    expect(tooBig.headers.get("Location")).toBe("/it/owner/settings/proposals?logoError=logoTooBig#logo");
    const none = await call(logoAction, upload("it", cookie, null), { lang: "it" });
    expect(none.headers.get("Location")).toBe("/it/owner/settings/proposals?logoError=logoMissing#logo");
    expect(await prisma.brandLogo.count()).toBe(0);
  });

  it("is for owners only: a member gets 403 and nothing is stored or removed", async () => {
    const { cookie: ownerCookie } = await signedIn("owner");
    await call(logoAction, upload("it", ownerCookie, new Blob([new Uint8Array(png(4, 4, [0, 0, 0]))])), { lang: "it" });
    const before = await prisma.brandLogo.findUniqueOrThrow({ where: { id: 1 } });
    const { cookie } = await signedIn("member");
    expect((await call(logoAction, upload("it", cookie, new Blob([new Uint8Array(png(8, 8, [255, 0, 0]))])), { lang: "it" })).status).toBe(403);
    expect((await call(logoAction, post("/it/owner/settings/logo", { intent: "remove" }, { Cookie: cookie }), { lang: "it" })).status).toBe(403);
    expect((await prisma.brandLogo.findUniqueOrThrow({ where: { id: 1 } })).sha256).toBe(before.sha256);
    await prisma.brandLogo.deleteMany();
  });
});

describe("brand colours", () => {
  it("refuses colours that fail WCAG AA with a translated message, and pages use the saved ones", async () => {
    const { cookie } = await signedIn("owner");
    const before = await getOwnerSettings();
    const bad = await call(proposalSettingsAction, post("/en/owner/settings/proposals", { ...formFields(settingsToForm(before, "en")), "branding.primaryColor": "#f4b860" }, { Cookie: cookie }), { lang: "en" });
    expect(bad.status).toBe(400);
    const { result } = (await bad.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error["branding.primaryColor"]?.[0]).toMatch(/^settings\.proposals\.primaryContrast\|\d/);
    expect(getT("en")("settings.proposals.primaryContrast", { max: "1.9" })).toContain("1.9:1");
    expect(await getOwnerSettings()).toEqual(before);

    const ok = await call(proposalSettingsAction, post("/it/owner/settings/proposals", { ...formFields(settingsToForm(before, "it")), version: "0", "branding.primaryColor": "#7a1f3d", "branding.accentColor": "#ffd166" }, { Cookie: cookie }), { lang: "it" });
    expect(ok.status).toBe(302);
    const landing = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as { brand: { style: Record<string, string> } };
    expect(landing.brand.style).toMatchObject({ "--navy": "#7a1f3d", "--amber": "#ffd166" });
  });
});

describe("email settings", () => {
  it("saves sender name, reply-to and signature, which the next stored email carries (outbox mode)", async () => {
    const { user, cookie } = await signedIn("owner");
    const saved = await call(
      ownerSettingsAction,
      post("/it/owner/settings", { intent: "email-settings", version: "0", senderName: "Studio Mare", replyTo: "ciao@studiomare.example", signatureIt: "Giulia di Studio Mare\n+39 070 000", signatureEn: "Giulia, Studio Mare" }, { Cookie: cookie }),
      { lang: "it" },
    );
    expect(saved.status).toBe(302);
    expect((await getOwnerSettings()).email).toEqual({ senderName: "Studio Mare", replyTo: "ciao@studiomare.example", signature: { it: "Giulia di Studio Mare\n+39 070 000", en: "Giulia, Studio Mare" } });

    const test = await call(ownerSettingsAction, post("/it/owner/settings", { intent: "test-email" }, { Cookie: cookie }), { lang: "it" });
    expect(await test.json()).toEqual({ emailTest: "outbox" });
    const message = await prisma.emailMessage.findFirstOrThrow({ where: { to: user.email, kind: "settings_test" }, orderBy: { createdAt: "desc" } });
    expect(message.html).toMatch(/<p[^>]*>Studio Mare<\/p>/);
    expect(message.html).toContain("Giulia di Studio Mare</span><span><br/>+39 070 000");
    expect(message.html).toContain("Per rispondere scrivi a ciao@studiomare.example.");
    expect(message.text).toContain("-- \nGiulia di Studio Mare\n+39 070 000\n");
    expect(message.text).toContain("ciao@studiomare.example");
    // The outbox shows who it comes from (EMAIL_FROM's address under the saved name) and where replies go.
    expect(message.from).toMatch(/^Studio Mare <[^<>\s]+@[^<>\s]+>$/);
    expect(message.replyTo).toBe("ciao@studiomare.example");
    const shown = (await (await call(outboxMessageLoader, get(`/it/owner/outbox/${message.id}`, { Cookie: cookie }), { lang: "it", id: message.id })).json()) as { message: { from: string; replyTo: string } };
    expect(shown.message).toMatchObject({ from: message.from, replyTo: "ciao@studiomare.example" });
  });

  it("refuses a bad reply-to or sender name with field messages, and members get 403", async () => {
    const { cookie } = await signedIn("owner");
    const before = (await getOwnerSettings()).email;
    const bad = await call(ownerSettingsAction, post("/it/owner/settings", { intent: "email-settings", senderName: 'Evil "x" <a@b>', replyTo: "not-an-address" }, { Cookie: cookie }), { lang: "it" });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { emailResult: { error: Record<string, string[]> } };
    expect(body.emailResult.error.replyTo).toEqual(["errors.email"]);
    expect(body.emailResult.error.senderName).toEqual(["settings.email.badSenderName"]);
    const member = await signedIn("member");
    expect((await call(ownerSettingsAction, post("/it/owner/settings", { intent: "email-settings", senderName: "Hacked" }, { Cookie: member.cookie }), { lang: "it" })).status).toBe(403);
    expect((await getOwnerSettings()).email).toEqual(before);
  });

  it("sends over SMTP from the saved sender name (EMAIL_FROM's address) with the saved Reply-To", async () => {
    const { cookie } = await signedIn("owner");
    await call(ownerSettingsAction, post("/it/owner/settings", { intent: "email-settings", version: "0", senderName: "Studio Mare", replyTo: "ciao@studiomare.example" }, { Cookie: cookie }), { lang: "it" });
    const raws: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          raws.push(Buffer.concat(chunks).toString("utf8"));
          done();
        });
      },
    });
    const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)));
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvForTests();
    try {
      const result = await sendEmail({ kind: "settings_test", to: "someone@brand.example", locale: "it", ...settingsTestEmail({ locale: "it", transport: "test" }) });
      expect(result.status).toBe("sent");
      expect(raws[0]).toMatch(/^From: Studio Mare <no-reply@socialbrief\.local>\r?$/m);
      expect(raws[0]).toMatch(/^Reply-To: ciao@studiomare\.example\r?$/m);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      closeEmailTransports();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
