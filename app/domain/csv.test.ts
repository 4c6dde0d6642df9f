import { describe, expect, it } from "vitest";
import { csvCell, guardFormula, toCsv } from "./csv";
import { csvDate, csvDateTime, leadsCsv, type CsvLeadInput } from "./pipeline-csv";
import { getT } from "~/i18n/i18n";

describe("CSV for Excel with Italian settings", () => {
  it("starts with a BOM, splits on semicolons, ends lines with CRLF and quotes every field", () => {
    const text = toCsv(["Nome", "Note"], [["Rossi; Bianchi", 'Disse "sì"\nsubito'], [null, ""]]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1)).toBe('"Nome";"Note"\r\n"Rossi; Bianchi";"Disse ""sì""\nsubito"\r\n"";""\r\n');
  });

  it("keeps a typed formula from running", () => {
    for (const bad of ["=HYPERLINK(\"http://x\")", "+39 333 1234567", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "  =1"]) {
      expect(guardFormula(bad)).toBe(`'${bad}`);
    }
    for (const fine of ["Hotel = casa", "a+b", "email@example.com", "", "12,5"]) expect(guardFormula(fine)).toBe(fine);
    expect(csvCell('=1+"2"')).toBe(`"'=1+""2"""`);
  });

  it("writes dates as Italian Excel reads them, in Rome time", () => {
    // 23:30 UTC on 31 January is 00:30 on 1 February in Rome.
    expect(csvDateTime(new Date("2026-01-31T23:30:00Z"), "it")).toBe("01/02/2026 00:30");
    expect(csvDateTime(new Date("2026-07-05T08:05:00Z"), "en")).toBe("05/07/2026 10:05");
    expect(csvDate(new Date("2027-01-15T00:00:00Z"), "it")).toBe("15/01/2027");
  });

  it("builds the leads file with translated labels", () => {
    const lead: CsvLeadInput = {
      createdAt: new Date("2026-03-02T09:00:00Z"),
      updatedAt: new Date("2026-03-03T09:00:00Z"),
      status: "proposal_sent",
      name: "=Elena Riva",
      email: "elena@lagoblu.example",
      phone: "+39 0365 123456",
      role: null,
      organisation: 'Hotel "Lago"; Blu',
      sector: "hospitality",
      size: "s10_49",
      website: null,
      locale: "it",
      budgetBand: "b1000_2500",
      startDate: new Date("2027-01-15T00:00:00Z"),
      hasCrisis: true,
      crisisOpen: false,
      marketingConsent: false,
      assignedTo: { name: "Marta" },
      goals: [
        { goal: "awareness", rank: 2 },
        { goal: "leads", rank: 1 },
      ],
      channels: [
        { channel: "facebook", status: "present" },
        { channel: "linkedin", status: "wanted" },
        { channel: "instagram", status: "present" },
      ],
      proposal: { firstOpenedAt: null, versions: [{ sentAt: new Date("2026-03-04T15:00:00Z") }] },
    };
    const t = getT("it");
    const text = leadsCsv([lead], "it", (k, o) => t(k, o));
    const [header, row, end] = text.slice(1).split("\r\n");
    expect(end).toBe("");
    expect(header!.split(";")[0]).toBe('"Ricevuto il"');
    const cells = row!.split(/;(?=")/);
    expect(cells.slice(0, 4)).toEqual(['"02/03/2026 10:00"', '"Proposta inviata"', `"'=Elena Riva"`, '"elena@lagoblu.example"']);
    expect(row).toContain(`"'+39 0365 123456"`);
    expect(row).toContain('"Hotel ""Lago""; Blu"');
    expect(row).toContain('"Contatti e vendite, Farsi conoscere"');
    expect(row).toContain('"Facebook, Instagram"');
    expect(row).toContain('"Hotel e ospitalità"');
    expect(row).toContain('"15/01/2027"');
    expect(row).toContain('"04/03/2026 16:00"');
  });
});
