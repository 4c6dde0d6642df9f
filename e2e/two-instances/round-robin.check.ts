// Runs after the two-instance browser tests (project "round-robin" of
// playwright.two-instances.config.ts): the proxy's counts prove the tests went
// through both instances, pages and form posts alike, and the stand-in's
// webhooks came in through the proxy, with no request finding an instance down.
import { expect, test } from "@playwright/test";
import { instances } from "./env";
import { STATS_PATH, type InstanceCounts } from "./proxy";

test("both instances served pages and form posts through the round-robin proxy; webhooks came through it", async ({ request }) => {
  const counts = (await (await request.get(STATS_PATH)).json()) as Record<string, InstanceCounts>;
  console.log(`requests per instance: ${JSON.stringify(counts)}`);
  expect(Object.keys(counts).sort()).toEqual(instances.map((i) => i.name).sort());
  for (const { name } of instances) {
    expect(counts[name]!.requests, `requests served by instance ${name}`).toBeGreaterThan(10);
    expect(counts[name]!.posts, `form posts served by instance ${name}`).toBeGreaterThan(0);
    expect(counts[name]!.errors, `requests that found instance ${name} down`).toBe(0);
  }
  expect(instances.reduce((sum, { name }) => sum + counts[name]!.webhooks, 0), "Stripe webhooks through the proxy").toBeGreaterThan(0);
});
