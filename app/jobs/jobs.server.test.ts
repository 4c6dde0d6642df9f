import { describe, expect, it } from "vitest";
import { getT, locales } from "~/i18n/i18n";
import { backoffSeconds, jobKinds, MAX_ATTEMPTS, publicError } from "./jobs.server";

describe("job retries", () => {
  it("wait twice as long after each failure, an hour at most", () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([10, 20, 40, 80]);
    expect(backoffSeconds(20)).toBe(3600);
    // Every wait before the last attempt: about 21 minutes in all.
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffSeconds(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBe(1270);
  });

  it("tell the owner the error's first line, never a stack or a password in a URL", () => {
    const error = new Error("connect ECONNREFUSED smtps://studio:s3cret@mail.example.it:465\n    at TCPConnectWrap.afterConnect");
    expect(publicError(error)).toBe("connect ECONNREFUSED smtps://***@mail.example.it:465");
    expect(publicError("x".repeat(500))).toHaveLength(300);
    expect(publicError(new Error(""))).toBe("unknown error");
  });

  it("have a label in Italian and English for every kind (the owner's page of failed jobs)", () => {
    for (const locale of locales) {
      const labels = jobKinds.map((kind) => getT(locale)(`email.outbox.jobs.kinds.${kind}`));
      labels.forEach((label, i) => expect(label, `${locale} ${jobKinds[i]}`).not.toBe(`email.outbox.jobs.kinds.${jobKinds[i]}`));
      expect(new Set(labels).size).toBe(jobKinds.length);
    }
  });
});
