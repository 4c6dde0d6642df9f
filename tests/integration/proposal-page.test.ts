import { describe, expect, it } from "vitest";
import { loader as proposalLoader } from "~/routes/$lang.p.$token";
import { createLead } from "~/models/lead.server";
import { call, get } from "./helpers";

describe("proposal page", () => {
  it("shows the lead's proposal in the URL's language, privately", async () => {
    const lead = await createLead({ name: "Chiara Neri", email: "chiara@agriturismo-neri.example", organisation: "Agriturismo Neri", goal: "awareness", locale: "it" });
    const page = await call(proposalLoader, get(`/it/p/${lead.token}`), { lang: "it", token: lead.token });
    expect(page.headers.get("Cache-Control")).toContain("no-store");
    expect(page.headers.get("X-Robots-Tag")).toBe("noindex");
    const data = (await page.json()) as { text: { preparedFor: string; goal: string; channels: { name: string; reason: string }[] } };
    expect(data.text.preparedFor).toBe("Preparata per Chiara Neri, Agriturismo Neri");
    expect(data.text.goal).toBe("Farsi conoscere");
    expect(data.text.channels.map((c) => c.name)).toEqual(["Instagram", "TikTok", "Facebook"]);

    const english = await call(proposalLoader, get(`/en/p/${lead.token}`), { lang: "en", token: lead.token });
    const en = (await english.json()) as { text: { goal: string; title: string } };
    expect(en.text.title).toBe("Social media strategy proposal");
    expect(en.text.goal).toBe("Get known");
  });

  it("answers 404 for an unknown token or an unsupported language", async () => {
    expect((await call(proposalLoader, get("/it/p/nope"), { lang: "it", token: "nope" })).status).toBe(404);
    const lead = await createLead({ name: "A", email: "a@example.com", organisation: "B", goal: "leads", locale: "it" });
    expect((await call(proposalLoader, get(`/de/p/${lead.token}`), { lang: "de", token: lead.token })).status).toBe(404);
  });
});
