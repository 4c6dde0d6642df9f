import { describe, expect, it } from "vitest";
import { brandEmail, escapeHtml, intakeReceivedEmail, newLeadEmail, resumeLinkEmail } from "./templates";

const hostile = `Eve <script>alert("x")</script> & 'Co' {{name}} $t(email.common.signature)`;

/** The text a reader sees in the HTML part: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

describe("escapeHtml", () => {
  it("escapes markup and both kinds of quotes", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(escapeHtml(`a & b's "c"`)).toBe("a &amp; b&#39;s &quot;c&quot;");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });
});

describe("resume link email", () => {
  const url = "https://brief.example.it/it/intake/resume/abc123?x=1&y=2";
  const expiresAt = new Date("2026-12-25T10:00:00Z");

  it("gives the private link and its expiry the Italian way", () => {
    const email = resumeLinkEmail({ locale: "it", url, organisation: "Cantina Lodi", expiresAt });
    expect(email.subject).toBe("Il tuo link per riprendere il questionario");
    for (const part of [email.text, visibleText(email.html)]) {
      expect(part).toContain("continuare il questionario per Cantina Lodi");
      expect(part).toContain("Il link scade il 25 dicembre 2026");
      expect(part).toContain("non inoltrarlo");
      expect(part).toContain(url);
    }
    expect(hrefs(email.html)).toContain(url);
    expect(email.html).toContain('<html lang="it">');
    expect(email.html).toContain("#1f3a5f");
  });

  it("speaks English, with the English date, and works without an organisation", () => {
    const email = resumeLinkEmail({ locale: "en", url, organisation: null, expiresAt });
    expect(email.subject).toBe("Your link to continue the questionnaire");
    for (const part of [email.text, visibleText(email.html)]) {
      expect(part).toContain("Here is your private link to continue the questionnaire where you left off.");
      expect(part).toContain("The link expires on 25 December 2026");
      expect(part).toContain("do not forward it");
      expect(part).toContain(url);
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

  it("thanks the prospect, says by when the proposal comes and links to their page, in both languages", () => {
    const it_ = intakeReceivedEmail({ locale: "it", name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl, proposal: pending });
    const en = intakeReceivedEmail({ locale: "en", name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl, proposal: pending });
    expect(it_.subject).toBe("Abbiamo ricevuto le tue risposte");
    expect(en.subject).toBe("We have received your answers");
    for (const part of [it_.text, visibleText(it_.html)]) {
      expect(part).toContain("Grazie, Piero Lodi!");
      expect(part).toContain("Abbiamo ricevuto le risposte per Cantina Lodi.");
      expect(part).toContain("Riceverai la tua proposta di strategia social entro venerdì 13 marzo 2026");
      expect(part).toContain("Apri la tua pagina");
      expect(part).toContain(proposalUrl);
      expect(part).not.toContain("è pronta");
    }
    for (const part of [en.text, visibleText(en.html)]) {
      expect(part).toContain("Thank you, Piero Lodi!");
      expect(part).toContain("You will receive your social media strategy proposal by Friday, 13 March 2026");
      expect(part).toContain("Open your page");
      expect(part).toContain(proposalUrl);
    }
    expect(hrefs(it_.html)).toEqual([proposalUrl, proposalUrl]);
  });

  it("says the proposal is ready when the studio sent it at once", () => {
    const it_ = intakeReceivedEmail({ locale: "it", name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl, proposal: { sent: true } });
    const en = intakeReceivedEmail({ locale: "en", name: "Piero Lodi", organisation: "Cantina Lodi", proposalUrl, proposal: { sent: true } });
    expect(it_.subject).toBe("Abbiamo ricevuto le tue risposte: ecco la tua proposta");
    expect(en.subject).toBe("We have received your answers: here is your proposal");
    expect(it_.text).toContain("La tua proposta di strategia social è pronta");
    expect(it_.text).toContain("Apri la proposta");
    expect(en.text).toContain("Your social media strategy proposal is ready");
    expect(it_.text).not.toContain("entro");
  });

  it("escapes a hostile name in the HTML and keeps it literal in the text", () => {
    const email = intakeReceivedEmail({ locale: "it", name: hostile, organisation: `"><img src=x onerror=alert(1)>`, proposalUrl, proposal: pending });
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;");
    expect(email.html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    // What the reader sees, and the plain text, is exactly what was typed: no interpolation inside values.
    const expected = `Grazie, ${hostile}!`;
    expect(visibleText(email.html)).toContain(expected);
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

  it("tells the owner who wrote, with the details and a link", () => {
    const email = newLeadEmail({ locale: "it", ...base });
    expect(email.subject).toBe("Nuovo contatto: Comune di Sale");
    expect(email.text).toContain("Giulia Verdi ha compilato il questionario.");
    expect(email.text).toContain("Email: giulia@sale.example");
    expect(email.text).toContain("Settore: Pubblica amministrazione");
    expect(email.text).toContain("Obiettivi:\n- Partecipazione civica\n- Farsi conoscere");
    expect(email.text).toContain(base.leadUrl);
    const seen = visibleText(email.html);
    for (const value of ["Giulia Verdi", "giulia@sale.example", "Pubblica amministrazione", "Partecipazione civica", "Farsi conoscere"]) {
      expect(seen).toContain(value);
    }
    expect(hrefs(email.html)).toContain(base.leadUrl);
  });

  it("says when the sector and goals were not given, in English too", () => {
    const email = newLeadEmail({ locale: "en", ...base, sector: null, goals: [] });
    expect(email.subject).toBe("New lead: Comune di Sale");
    expect(email.text).toContain("Sector: Not given");
    expect(email.text).toContain("Goals: Not given");
    expect(visibleText(email.html)).toContain("Open the lead");
  });

  it("keeps the subject on one line and escapes every value in the HTML", () => {
    const email = newLeadEmail({
      locale: "it",
      ...base,
      organisation: "Evil\r\nBcc: victim@example.com",
      name: hostile,
      email: `x"@evil.example`,
      sector: "<b>bold</b>",
      goals: ["<i>goal</i>"],
    });
    expect(email.subject).toBe("Nuovo contatto: Evil Bcc: victim@example.com");
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const raw of ["<script", "<b>bold", "<i>goal", `x"@`]) expect(email.html).not.toContain(raw);
    expect(email.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(email.text).toContain("Settore: <b>bold</b>");
  });
});

describe("brandEmail (the owner's email settings)", () => {
  const email = () => resumeLinkEmail({ locale: "en", url: "https://brief.example.it/en/intake/resume/tok", organisation: "Lodi Wines", expiresAt: new Date("2026-12-25T10:00:00Z") });

  it("changes nothing with the default settings", () => {
    const content = email();
    expect(brandEmail({ ...content, locale: "en" }, { senderName: "", replyTo: null, signature: "", logoUrl: null })).toEqual(content);
  });

  it("puts the sender name or logo in the header, the signature and the reply-to address in both parts, escaped", () => {
    const branded = brandEmail({ ...email(), locale: "en" }, { senderName: "Studio <Mare>", replyTo: "ciao@studiomare.example", signature: "Giulia & team\nStudio Mare", logoUrl: null });
    expect(branded.html).toContain("<!--brand-->Studio &lt;Mare&gt;<!--/brand-->");
    expect(branded.html).toContain("Giulia &amp; team<br>Studio Mare");
    expect(branded.html).toContain("To reply, write to ciao@studiomare.example.");
    expect(branded.html).not.toContain("The Socialbrief team");
    expect(branded.text.endsWith("-- \nGiulia & team\nStudio Mare\nAutomatic message sent by Socialbrief. To reply, write to ciao@studiomare.example.\n")).toBe(true);
    const logo = brandEmail({ ...email(), locale: "en" }, { senderName: "Studio Mare", replyTo: null, signature: "", logoUrl: "https://brief.example.it/brand/logo?v=abc" });
    expect(logo.html).toContain('<img src="https://brief.example.it/brand/logo?v=abc" alt="Studio Mare"');
    expect(logo.text).toBe(email().text);
  });
});
