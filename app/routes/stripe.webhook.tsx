// Stripe's webhook endpoint (POST /stripe/webhook). The signature is checked
// on the raw body, byte for byte, before anything else; a bad or missing one
// gets 400 and changes nothing. A signed event whose payload does not have the
// shape we read (zod, checkStripeEvent) is recorded and answered 200
// {"ignored": true}. A verified event is applied exactly once
// (models/stripe-webhook.server.ts). 2xx tells Stripe to stop; a 500 (database
// down) makes it retry later, which is what we want then.
import type { ActionFunctionArgs } from "@remix-run/node";
import { checkStripeEvent, processStripeEvent, recordInvalidStripeEvent } from "~/models/stripe-webhook.server";
import { logger } from "~/utils/logger.server";
import { getStripe, webhookSecret } from "~/utils/stripe.server";

const plain = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function loader() {
  return plain(405, "Method Not Allowed");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return plain(405, "Method Not Allowed");
  const signature = request.headers.get("Stripe-Signature");
  const body = Buffer.from(await request.arrayBuffer());
  let raw: unknown;
  try {
    if (!signature) throw new Error("no Stripe-Signature header");
    raw = getStripe().webhooks.constructEvent(body, signature, webhookSecret());
  } catch (error) {
    // constructEvent parses the JSON only after the signature checked out:
    // a SyntaxError is a signed body that is not JSON (malformed, below).
    if (!(error instanceof SyntaxError)) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "stripe webhook refused: bad signature");
      return plain(400, "Bad signature");
    }
    raw = undefined;
  }
  const checked = checkStripeEvent(raw, body);
  if (!checked.ok) {
    // Correctly signed but not the shape we act on: recorded and acknowledged,
    // so Stripe does not retry it for days (a retry would be the same bytes).
    try {
      const result = await recordInvalidStripeEvent(checked);
      logger.warn({ eventId: checked.id, type: checked.type, problem: checked.problem, ...result }, "stripe webhook ignored: malformed event");
      return Response.json({ ignored: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      logger.error({ err: error, eventId: checked.id, type: checked.type }, "stripe webhook failed; Stripe will retry");
      return plain(500, "Error");
    }
  }
  const { event } = checked;
  try {
    const result = await processStripeEvent(event);
    logger.info({ eventId: event.id, type: event.type, ...result }, "stripe webhook");
    return Response.json({ received: true, ...result }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logger.error({ err: error, eventId: event.id, type: event.type }, "stripe webhook failed; Stripe will retry");
    return plain(500, "Error");
  }
}
