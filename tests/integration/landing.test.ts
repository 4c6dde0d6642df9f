import { beforeEach, describe, expect, it } from "vitest";
import { loader as landingLoader } from "~/routes/$lang._index";
import { loader as privacyLoader } from "~/routes/$lang.privacy";
import { prisma } from "~/utils/db.server";
import { call, get } from "./helpers";

const profile = {
  id: 1,
  displayName: "Marta Prova",
  headlineIt: "Social media manager per il turismo",
  headlineEn: "Social media manager for tourism",
  bioIt: "Curo le pagine di hotel e comuni: «pianificare» è la parola d'ordine.",
  bioEn: "I run the pages of hotels and towns.",
  photoUrl: "/demo/profile.svg",
  email: "marta@prova.example",
  phone: "+39 000 111 2222",
  city: "Nuoro",
  vatNumber: "01234567897",
  audience: JSON.stringify([
    { channel: "instagram", followers: 23000 },
    { channel: "facebook", followers: 115000 },
  ]),
};

type LandingData = { profile: { headline: string; bio: string; audience: { channel: string; followers: number }[]; vatNumber: string } | null };

describe("landing page", () => {
  beforeEach(async () => {
    await prisma.profile.deleteMany();
  });

  it("shows the owner's profile in the URL's language, largest audience first", async () => {
    await prisma.profile.create({ data: profile });
    const it_ = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as LandingData;
    expect(it_.profile?.headline).toBe("Social media manager per il turismo");
    expect(it_.profile?.bio).toContain("«pianificare»");
    expect(it_.profile?.audience).toEqual([
      { channel: "facebook", followers: 115000 },
      { channel: "instagram", followers: 23000 },
    ]);
    const en = (await (await call(landingLoader, get("/en"), { lang: "en" })).json()) as LandingData;
    expect(en.profile?.headline).toBe("Social media manager for tourism");
  });

  it("still renders without a profile or with damaged audience figures", async () => {
    const none = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as LandingData;
    expect(none.profile).toBeNull();
    await prisma.profile.create({ data: { ...profile, audience: "{not json" } });
    const damaged = (await (await call(landingLoader, get("/it"), { lang: "it" })).json()) as LandingData;
    expect(damaged.profile?.audience).toEqual([]);
  });

  it("rejects an unsupported language with 404", async () => {
    expect((await call(landingLoader, get("/de"), { lang: "de" })).status).toBe(404);
  });
});

describe("privacy notice", () => {
  it("names the controller with the formatted VAT number", async () => {
    await prisma.profile.deleteMany();
    await prisma.profile.create({ data: profile });
    const data = (await (await call(privacyLoader, get("/it/privacy"), { lang: "it" })).json()) as { controller: { name: string; vat: string; email: string } };
    expect(data.controller).toEqual({ name: "Marta Prova", vat: "IT 01234567897", email: "marta@prova.example" });
  });
});
