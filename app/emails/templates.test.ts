// What a recipient sees, in the HTML part and the plain-text part, for every
// email in both languages, with and without the studio's branding.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/i18n";
import { defaultEmailBrand, type EmailBrand } from "./brand";
import { renderEmail } from "./render";
import {
  escapeHtml,
  intakeReceivedEmail,
  inviteEmail,
  loginAlertEmail,
  newLeadEmail,
  ownerPaymentEmail,
  ownerRenewalEmail,
  passwordResetEmail,
  paymentReceivedEmail,
  proposalAcceptedEmail,
  proposalSentEmail,
  resumeLinkEmail,
  settingsTestEmail,
  type EmailContent,
} from "./templates";

const hostile = `Eve <script>alert("x")</script> & 'Co' {{name}} $t(email.common.signature)`;

function decode(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text a reader sees in the HTML part: head, hidden preview and comments dropped, tags dropped, entities decoded. */
function visibleText(html: string): string {
  return decode(
    html
      .replace(/<head>[\s\S]*<\/head>/, "")
      .replace(/<div style="display:none[^"]*"[^>]*>[\s\S]*?<\/div><\/div>/, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/[\u200b-\u200f\ufeff\u00a0]/g, " ")
    .replace(/\s+/g, " ");
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));
}

function images(html: string): string[] {
  return [...html.matchAll(/<img[^>]*>/g)].map((m) => m[0]);
}

/** Both parts as a recipient gets them. */
async function seen(content: EmailContent, brand: EmailBrand = defaultEmailBrand) {
  const email = await renderEmail(content, brand);
  return { ...email, visible: visibleText(email.html), links: hrefs(email.html), images: images(email.html) };
}

describe("escapeHtml (hand-built pages outside the emails)", () => {
  it("escapes markup and both kinds of quotes", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(escapeHtml(`a & b's "c"`)).toBe("a &amp; b&#39;s &quot;c&quot;");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });
});

const at = new Date("2026-12-25T10:00:00Z");
const site = "https://brief.example.it";
type Case = { build: (locale: Locale) => EmailContent; url: (locale: Locale) => string | null; it: [string, string, string | null]; en: [string, string, string | null] };

// Every email: its subject, heading and button (label and link) in Italian and English.
const emails: Record<string, Case> = {
  "resume link": {
    build: (locale) => resumeLinkEmail({ locale, url: `${site}/${locale}/intake/resume/abc?x=1&y=2`, organisation: "Cantina Lodi", expiresAt: at }),
    url: (locale) => `${site}/${locale}/intake/resume/abc?x=1&y=2`,
    it: ["Il tuo link per riprendere il questionario", "Riprendi il questionario quando vuoi", "Riprendi il questionario"],
    en: ["Your link to continue the questionnaire", "Continue the questionnaire whenever you like", "Continue the questionnaire"],
  },
  "questionnaire reminder": {
    build: (locale) => resumeLinkEmail({ locale, url: `${site}/${locale}/intake/resume/abc`, organisation: "Cantina Lodi", expiresAt: at, reminder: true }),
    url: (locale) => `${site}/${locale}/intake/resume/abc`,
    it: ["Il tuo questionario ti aspetta", "Vuoi finire il questionario?", "Riprendi il questionario"],
    en: ["Your questionnaire is waiting for you", "Would you like to finish the questionnaire?", "Continue the questionnaire"],
  },
  "intake received": {
    build: (locale) => intakeReceivedEmail({ locale, name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl: `${site}/${locale}/p/tok`, proposal: { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } }),
    url: (locale) => `${site}/${locale}/p/tok`,
    it: ["Abbiamo ricevuto le tue risposte", "Grazie, Piero Lodi!", "Apri la tua pagina"],
    en: ["We have received your answers", "Thank you, Piero Lodi!", "Open your page"],
  },
  "new lead": {
    build: (locale) => newLeadEmail({ locale, name: "Giulia Verdi", organisation: "Comune di Sale", email: "giulia@sale.example", sector: null, goals: [], leadUrl: `${site}/${locale}/owner/leads/lead_1` }),
    url: (locale) => `${site}/${locale}/owner/leads/lead_1`,
    it: ["Nuovo contatto: Comune di Sale", "Nuovo contatto da Comune di Sale", "Apri il contatto"],
    en: ["New lead: Comune di Sale", "New lead from Comune di Sale", "Open the lead"],
  },
  "settings test": {
    build: (locale) => settingsTestEmail({ locale, transport: "smtp.example.it" }),
    url: () => null,
    it: ["Prova: la posta di Socialbrief funziona", "La posta funziona", null],
    en: ["Test: Socialbrief email works", "Email works", null],
  },
  "proposal sent": {
    build: (locale) => proposalSentEmail({ locale, name: "Piero", organisation: "Cantina Lodi", url: `${site}/${locale}/p/tok`, validUntil: at }),
    url: (locale) => `${site}/${locale}/p/tok`,
    it: ["La tua proposta di strategia social, Cantina Lodi", "Ecco la tua proposta, Piero", "Apri la proposta"],
    en: ["Your social media strategy proposal, Cantina Lodi", "Here is your proposal, Piero", "Open the proposal"],
  },
  "password reset": {
    build: (locale) => passwordResetEmail({ locale, url: `${site}/${locale}/reset/tok`, expiresAt: at }),
    url: (locale) => `${site}/${locale}/reset/tok`,
    it: ["Reimposta la password di Socialbrief", "Reimposta la password", "Scegli una nuova password"],
    en: ["Reset your Socialbrief password", "Reset your password", "Choose a new password"],
  },
  "login alert": {
    build: (locale) => loginAlertEmail({ locale, failures: 5, resetUrl: `${site}/${locale}/forgot`, when: at }),
    url: (locale) => `${site}/${locale}/forgot`,
    it: ["Tentativi di accesso non riusciti al tuo account Socialbrief", "Qualcuno sta provando ad accedere al tuo account", "Reimposta la password"],
    en: ["Failed sign-in attempts on your Socialbrief account", "Someone is trying to sign in to your account", "Reset your password"],
  },
  invitation: {
    build: (locale) => inviteEmail({ locale, url: `${site}/${locale}/invite/tok`, name: "Mia", inviterName: "Olga", role: "member", expiresAt: at }),
    url: (locale) => `${site}/${locale}/invite/tok`,
    it: ["Olga ti invita nel team di Socialbrief", "Ciao Mia, ti aspettiamo nel team", "Accetta l'invito"],
    en: ["Olga invites you to the Socialbrief team", "Hello Mia, the team is waiting for you", "Accept the invitation"],
  },
  "proposal accepted": {
    build: (locale) => proposalAcceptedEmail({ locale, name: "Piero", organisation: "Cantina Lodi", version: 2, url: `${site}/${locale}/p/tok` }),
    url: (locale) => `${site}/${locale}/p/tok`,
    it: ["Proposta accettata: Cantina Lodi", "Grazie, Piero", "Apri l'area cliente"],
    en: ["Proposal accepted: Cantina Lodi", "Thank you, Piero", "Open the client area"],
  },
  "payment received": {
    build: (locale) => paymentReceivedEmail({ locale, organisation: "Cantina Lodi", amount: "1.200,00 €", url: `${site}/${locale}/p/tok/receipt/pay_1` }),
    url: (locale) => `${site}/${locale}/p/tok/receipt/pay_1`,
    it: ["Pagamento ricevuto: Cantina Lodi", "Pagamento ricevuto", "Apri la ricevuta"],
    en: ["Payment received: Cantina Lodi", "Payment received", "Open the receipt"],
  },
  "renewal request (to the owners)": {
    build: (locale) => ownerRenewalEmail({ locale, organisation: "Cantina Lodi", name: "Piero", expiredOn: "1/12/2026", leadUrl: `${site}/${locale}/owner/leads/lead_1` }),
    url: (locale) => `${site}/${locale}/owner/leads/lead_1`,
    it: ["Cantina Lodi chiede di rinnovare la proposta", "Richiesta di rinnovo: Cantina Lodi", "Apri il contatto"],
    en: ["Cantina Lodi asks to renew their proposal", "Renewal request: Cantina Lodi", "Open the lead"],
  },
  "payment (to the owners)": {
    build: (locale) => ownerPaymentEmail({ locale, event: "paid", organisation: "Cantina Lodi", name: "Piero", packageName: "", amount: "1.200,00 €", leadUrl: `${site}/${locale}/owner/leads/lead_1` }),
    url: (locale) => `${site}/${locale}/owner/leads/lead_1`,
    it: ["Pagamento ricevuto da Cantina Lodi", "Pagamento ricevuto da Cantina Lodi", "Apri il contatto"],
    en: ["Payment received from Cantina Lodi", "Payment received from Cantina Lodi", "Open the lead"],
  },
};

const standard = { it: ["Il team di Socialbrief", "Messaggio automatico inviato da Socialbrief."], en: ["The Socialbrief team", "Automatic message sent by Socialbrief."] } as const;

describe.each(Object.entries(emails))("%s email", (_name, email) => {
  it.each(["it", "en"] as const)("in %s: subject, heading, button with its link, the standard sign-off, in both parts", async (locale) => {
    const [subject, heading, button] = email[locale];
    const url = email.url(locale);
    const { subject: sent, html, text, visible, links, images } = await seen(email.build(locale));
    expect(sent).toBe(subject);
    expect(html).toContain(`<html dir="ltr" lang="${locale}">`);
    expect(html).toContain(`<title>${escapeHtml(subject).replace(/&#39;/g, "&#x27;")}</title>`);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${escapeHtml(heading).replace(/&#39;/g, "&#x27;").replace(/[?]/g, "\\?")}</h1>`));
    expect(text.startsWith(`${heading}\n\n`)).toBe(true);
    if (button && url) {
      // The button, and the address written out under it for when the button does not work.
      expect(links).toEqual([url, url]);
      expect(visible).toContain(button);
      expect(visible).toContain(url);
      expect(text).toContain(`${button}:\n${url}\n`);
    } else {
      expect(links).toEqual([]);
    }
    const [signature, automatic] = standard[locale];
    expect(visible).toContain(`Socialbrief ${heading}`); // the header bar names the product
    expect(visible).toContain(signature);
    expect(visible).toContain(automatic);
    expect(text.endsWith(`\n\n-- \n${signature}\n${automatic}\n`)).toBe(true);
    expect(images).toEqual([]);
    // Nothing in the other language.
    const other = standard[locale === "it" ? "en" : "it"];
    for (const part of [visible, text]) for (const words of other) expect(part).not.toContain(words);
  });
});

describe("resume link email", () => {
  const url = "https://brief.example.it/it/intake/resume/abc123?x=1&y=2";
  const expiresAt = new Date("2026-12-25T10:00:00Z");

  it("gives the private link and its expiry the Italian way, in the studio's colour", async () => {
    const email = await seen(resumeLinkEmail({ locale: "it", url, organisation: "Cantina Lodi", expiresAt }));
    for (const part of [email.text, email.visible]) {
      expect(part).toContain("continuare il questionario per Cantina Lodi");
      expect(part).toContain("Il link scade il 25 dicembre 2026");
      expect(part).toContain("non inoltrarlo");
    }
    expect(email.html).toContain("background-color:#1f3a5f");
    const teal = await seen(resumeLinkEmail({ locale: "it", url, organisation: "Cantina Lodi", expiresAt }), { ...defaultEmailBrand, color: "#0f5c5c" });
    expect(teal.html).toContain("background-color:#0f5c5c");
    expect(teal.html).not.toContain("#1f3a5f");
  });

  it("speaks English, with the English date, and works without an organisation", async () => {
    const email = await seen(resumeLinkEmail({ locale: "en", url, organisation: null, expiresAt }));
    for (const part of [email.text, email.visible]) {
      expect(part).toContain("Here is your private link to continue the questionnaire where you left off.");
      expect(part).toContain("The link expires on 25 December 2026");
      expect(part).toContain("do not forward it");
    }
    expect(email.text).not.toMatch(/questionario|scade/);
  });

  it("refuses links that are not http(s)", () => {
    expect(() => resumeLinkEmail({ locale: "it", url: "javascript:alert(1)", expiresAt })).toThrow(RangeError);
    expect(() => resumeLinkEmail({ locale: "it", url: "/it/intake/resume/abc", expiresAt })).toThrow(RangeError);
  });
});

describe("intake received email", () => {
  const proposalUrl = "https://brief.example.it/en/p/tok_123";

  // Friday 13 March 2026 at noon: the day the proposal is expected.
  const pending = { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } as const;

  // What each language says when the proposal is still to come, and when the studio sent it at once.
  it.each([
    {
      when: "says by when the proposal comes",
      proposal: pending,
      it: { subject: "Abbiamo ricevuto le tue risposte", says: ["Abbiamo ricevuto le risposte per Cantina Lodi.", "Riceverai la tua proposta di strategia social entro venerdì 13 marzo 2026"], not: "è pronta" },
      en: { subject: "We have received your answers", says: ["You will receive your social media strategy proposal by Friday, 13 March 2026"], not: "is ready" },
    },
    {
      when: "says the proposal is ready when the studio sent it at once",
      proposal: { sent: true } as const,
      it: { subject: "Abbiamo ricevuto le tue risposte: ecco la tua proposta", says: ["La tua proposta di strategia social è pronta", "Apri la proposta"], not: "entro" },
      en: { subject: "We have received your answers: here is your proposal", says: ["Your social media strategy proposal is ready", "Open the proposal"], not: "You will receive" },
    },
  ])("$when, in both languages", async ({ proposal, ...expected }) => {
    for (const locale of ["it", "en"] as const) {
      const email = await seen(intakeReceivedEmail({ locale, name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl, proposal }));
      expect(email.subject).toBe(expected[locale].subject);
      for (const part of [email.text, email.visible]) {
        for (const words of expected[locale].says) expect(part).toContain(words);
        expect(part).not.toContain(expected[locale].not);
      }
    }
  });

  it("escapes a hostile name in the HTML and keeps it literal in the text", async () => {
    const email = await seen(intakeReceivedEmail({ locale: "it", name: hostile, organisation: `"><img src=x onerror=alert(1)>`, proposalUrl, proposal: pending }));
    expect(email.html).not.toContain("<script");
    expect(email.images).toEqual([]);
    expect(email.html).toContain("Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;");
    expect(email.html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    // What the reader sees, and the plain text, is exactly what was typed: no interpolation inside values.
    const expected = `Grazie, ${hostile}!`;
    expect(email.visible).toContain(expected);
    expect(email.text).toContain(expected);
  });
});

describe("new lead email", () => {
  const base = {
    name: "Giulia Verdi",
    organisation: "Comune di Sale",
    email: "giulia@sale.example",
    sector: "Pubblica amministrazione",
    goals: ["Partecipazione civica", "Farsi conoscere"],
    leadUrl: "https://brief.example.it/it/owner/leads/lead_1",
  };

  it("tells the owner who wrote, with the details and a link", async () => {
    const email = await seen(newLeadEmail({ locale: "it", ...base }));
    expect(email.text).toContain("Giulia Verdi ha compilato il questionario.");
    expect(email.text).toContain("Nome: Giulia Verdi\nOrganizzazione: Comune di Sale\nEmail: giulia@sale.example\nSettore: Pubblica amministrazione\nObiettivi:\n- Partecipazione civica\n- Farsi conoscere");
    expect(email.visible).toContain("Nome Giulia Verdi Organizzazione Comune di Sale Email giulia@sale.example Settore Pubblica amministrazione Obiettivi Partecipazione civica Farsi conoscere");
  });

  it("says when the sector and goals were not given, in English too", async () => {
    const email = await seen(newLeadEmail({ locale: "en", ...base, sector: null, goals: [] }));
    expect(email.text).toContain("Sector: Not given\nGoals: Not given");
    expect(email.visible).toContain("Sector Not given Goals Not given");
  });

  it("keeps the subject on one line and escapes every value in the HTML", async () => {
    const email = await seen(
      newLeadEmail({ locale: "it", ...base, organisation: "Evil\r\nBcc: victim@example.com", name: hostile, email: `x"@evil.example`, sector: "<b>bold</b>", goals: ["<i>goal</i>"] }),
    );
    expect(email.subject).toBe("Nuovo contatto: Evil Bcc: victim@example.com");
    for (const raw of ["<script", "<b>bold", "<i>goal", `x"@`]) expect(email.html).not.toContain(raw);
    expect(email.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(email.visible).toContain("Settore <b>bold</b>");
    expect(email.text).toContain("Settore: <b>bold</b>");
  });
});

describe("the studio's branding (props of the layout)", () => {
  const content = (locale: Locale) => resumeLinkEmail({ locale, url: `https://brief.example.it/${locale}/intake/resume/tok`, organisation: "Lodi Wines", expiresAt: new Date("2026-12-25T10:00:00Z") });

  it("puts the sender name in the header, the signature and the reply-to address in both parts, escaped, in each language", async () => {
    const brand: EmailBrand = { ...defaultEmailBrand, senderName: "Studio <Mare>", replyTo: "ciao@studiomare.example", signature: "Giulia & team\nStudio Mare" };
    const en = await seen(content("en"), brand);
    expect(en.visible).toContain("Studio <Mare> Continue the questionnaire whenever you like");
    expect(en.html).toContain("Studio &lt;Mare&gt;");
    expect(en.html).toMatch(/Giulia &amp; team<\/span><span><br\/>Studio Mare/);
    expect(en.visible).toContain("Automatic message sent by Socialbrief. To reply, write to ciao@studiomare.example.");
    expect(en.visible).not.toContain("The Socialbrief team");
    expect(en.text.endsWith("-- \nGiulia & team\nStudio Mare\nAutomatic message sent by Socialbrief. To reply, write to ciao@studiomare.example.\n")).toBe(true);
    const it_ = await seen(content("it"), { ...brand, signature: "Giulia e il team" });
    expect(it_.visible).toContain("Per rispondere scrivi a ciao@studiomare.example.");
    expect(it_.text.endsWith("-- \nGiulia e il team\nMessaggio automatico inviato da Socialbrief. Per rispondere scrivi a ciao@studiomare.example.\n")).toBe(true);
  });

  it("shows the logo, named after the studio, instead of the name when there is one; none otherwise", async () => {
    const logo = await seen(content("en"), { ...defaultEmailBrand, senderName: "Studio Mare", logoUrl: "https://brief.example.it/brand/logo?v=abc" });
    expect(logo.images).toHaveLength(1);
    expect(logo.images[0]).toContain('alt="Studio Mare"');
    expect(logo.images[0]).toContain('src="https://brief.example.it/brand/logo?v=abc"');
    expect(logo.visible).not.toContain("Studio Mare Continue");
    // The plain text has no pictures: it is the same message as without the logo.
    expect(logo.text).toBe((await seen(content("en"))).text);
    expect((await seen(content("en"), { ...defaultEmailBrand, senderName: "Studio Mare" })).images).toEqual([]);
    await expect(renderEmail(content("en"), { ...defaultEmailBrand, logoUrl: "javascript:alert(1)" })).rejects.toThrow(RangeError);
  });

  it("a hostile sender name or signature is text, never markup", async () => {
    const email = await seen(content("en"), { ...defaultEmailBrand, senderName: hostile, signature: `<img src=x onerror=alert(1)>` });
    expect(email.html).not.toContain("<script");
    expect(email.images).toEqual([]);
    expect(email.visible).toContain(`${hostile} Continue`);
    expect(email.visible).toContain("<img src=x onerror=alert(1)>");
    expect(email.text).toContain("-- \n<img src=x onerror=alert(1)>\n");
  });
});
