// A local stand-in for the few parts of Stripe that Socialbrief uses, so the
// whole accept → pay → webhook flow works in the demo and in the tests with no
// Stripe keys and no network. server/index.ts starts it ONLY when
// STRIPE_SECRET_KEY is unset; with real keys it is never started.
//
// What it plays:
//   - the API the `stripe` SDK calls (form-encoded requests, Stripe-shaped
//     JSON answers and errors): POST /v1/checkout/sessions,
//     GET /v1/checkout/sessions/:id, GET /v1/checkout/sessions?payment_intent=,
//     POST /v1/checkout/sessions/:id/expire, POST /v1/refunds, and for the
//     monthly retainer GET/POST/DELETE /v1/subscriptions/:id (retrieve, set
//     cancel_at or cancel_at_period_end, cancel);
//   - Checkout in subscription mode (monthly price_data): paying it creates the
//     subscription and its first invoice, paid, and emits
//     checkout.session.completed, customer.subscription.created and invoice.paid;
//   - the hosted checkout page (Italian or English, from the session's locale)
//     where the payer picks what happens: card paid, bank debit confirmed
//     later, bank debit failing later, card declined, or cancel;
//   - webhooks: events signed like Stripe's (Stripe-Signature
//     t=<unix seconds>,v1=<HMAC-SHA256 of "t.body" with the webhook secret>)
//     and POSTed to the app, retried a few times when the app does not answer 2xx;
//   - a small dashboard at / (refunds, re-deliveries; per subscription "renew
//     now (succeed)", "renew now (fail)" and "cancel", each emitting the events
//     Stripe would: invoice.paid or invoice.payment_failed with
//     customer.subscription.updated, or customer.subscription.deleted, which a
//     renewal at the cancel date emits too), and a JSON control API
//     under /_standin/ for tests: complete a session (optionally with another
//     amount), send async results, refund, re-deliver an event, list events.
// Everything lives in memory; it listens on 127.0.0.1 only.
// It refuses to start with NODE_ENV=production unless STRIPE_STANDIN=1 (the
// demo, the browser tests): a real deployment never sends payers to it.
import { createHmac, randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { addMonths } from "../app/domain/subscription";
import { getEnv, type Env } from "../app/utils/env.server";
import { escapeHtml } from "./html";

export interface StandinDelivery {
  at: string;
  status: number | null;
  error?: string;
}

interface StripeEventObject {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

export interface StandinEvent extends StripeEventObject {
  deliveries: StandinDelivery[];
}

export interface StandinSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_details: { email: string; name: null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment" | "subscription";
  payment_intent: string | null;
  /** Subscription mode: the subscription the completed session started. */
  subscription: string | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid";
  status: "open" | "complete" | "expired";
  success_url: string;
  url: string | null;
}

interface LineItem {
  description: string;
  detail: string;
  currency: string;
  unit_amount: number;
  quantity: number;
  amount_total: number;
}

interface SessionEntry {
  session: StandinSession;
  lineItems: LineItem[];
  intentMetadata: Record<string, string>;
  description: string | null;
  /** Subscription mode: subscription_data.metadata, which the subscription and its invoices carry. */
  subscriptionMetadata: Record<string, string>;
}

export interface StandinSubscription {
  id: string;
  object: "subscription";
  status: "active" | "past_due" | "canceled" | "incomplete" | "unpaid";
  customer: string;
  created: number;
  start_date: number;
  currency: string;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  latest_invoice: string | null;
  livemode: false;
  metadata: Record<string, string>;
  items: {
    object: "list";
    data: Array<{
      id: string;
      object: "subscription_item";
      current_period_start: number;
      current_period_end: number;
      quantity: number;
      price: { id: string; object: "price"; currency: string; unit_amount: number; recurring: { interval: "month"; interval_count: 1 }; nickname: string };
    }>;
  };
}

interface StandinInvoice {
  id: string;
  object: "invoice";
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  billing_reason: "subscription_create" | "subscription_cycle";
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  livemode: false;
  metadata: Record<string, string>;
  period_start: number;
  period_end: number;
  status: "paid" | "open";
  status_transitions: { paid_at: number | null };
  lines: { object: "list"; data: Array<{ id: string; object: "line_item"; amount: number; currency: string; description: string; period: { start: number; end: number } }> };
  parent: { type: "subscription_details"; quote_details: null; subscription_details: { subscription: string; metadata: Record<string, string> } };
}

interface SubscriptionEntry {
  subscription: StandinSubscription;
  lineItems: LineItem[];
  customerEmail: string | null;
  invoices: StandinInvoice[];
}

interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  latest_charge: string | null;
  status: "processing" | "succeeded" | "requires_payment_method";
}

interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: true;
  created: number;
  currency: string;
  description: string | null;
  livemode: false;
  metadata: Record<string, string>;
  paid: true;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded";
  /** A subscription invoice's charge: its invoice (as Stripe's charges carried it before API 2025-03-31; the app also asks /v1/invoice_payments). */
  invoice: string | null;
}

interface Refund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: "succeeded";
}

interface EventRecord {
  event: StripeEventObject;
  deliveries: StandinDelivery[];
  delivered: Promise<number | null>;
}

type Settled = Array<{ id: string; type: string; deliveries: StandinDelivery[] }>;
type Outcome = "paid" | "processing" | "declined";
type Lang = "it" | "en";

export interface StripeStandin {
  url: string;
  port: number;
  /** Every event so far, oldest first, with its deliveries. */
  events(): StandinEvent[];
  session(id: string): StandinSession;
  complete(sessionId: string, options?: { outcome?: Outcome; amountTotal?: number }): Promise<{ session: StandinSession; events: Settled }>;
  asyncResult(sessionId: string, result: "succeeded" | "failed"): Promise<{ session: StandinSession; events: Settled }>;
  expire(sessionId: string): Promise<{ session: StandinSession; events: Settled }>;
  refund(params: { payment_intent?: string; charge?: string; amount?: number }): Promise<{ refund: { id: string; amount: number }; events: Settled }>;
  subscription(id: string): StandinSubscription;
  /** The next month of a subscription is billed now: paid ("succeeded") or the card fails ("failed"); at its cancel date it ends instead. */
  renew(subscriptionId: string, result: "succeeded" | "failed"): Promise<{ subscription: StandinSubscription; events: Settled }>;
  /** Cancels a subscription at once, as from Stripe's dashboard. */
  cancelSubscription(subscriptionId: string): Promise<{ subscription: StandinSubscription; events: Settled }>;
  /** Sends an event (again): a re-delivery keeps its id, as Stripe's do. */
  deliver(eventId: string): Promise<number | null>;
  /** Resolves once every event sent so far has been delivered (or given up on). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StandinLogger {
  warn?: (details: object, message: string) => void;
  error?: (details: object, message: string) => void;
}

export interface StandinOptions {
  /** 0 picks a free one. */
  port?: number;
  /** 127.0.0.1 */
  host?: string;
  /** Where events are sent. */
  webhookUrl?: string;
  /** How events are signed. */
  webhookSecret: string;
  /** Replaces the HTTP POST (tests call the route in-process). */
  deliver?: (payload: string, headers: Record<string, string>) => Promise<{ status: number }>;
  /** true: send each event as it happens; false queues them until deliver(eventId). */
  autoDeliver?: boolean;
  /** Time before a bank debit's result (1500). */
  asyncDelayMs?: number;
  /** Waits between delivery attempts ([500, 2000]). */
  retryDelaysMs?: number[];
  /** Shown on the checkout page, as Stripe shows the account's name ("Socialbrief"). */
  merchantName?: string;
  logger?: StandinLogger;
  /** The checked environment (default getEnv()): NODE_ENV and STRIPE_STANDIN decide whether it may start. */
  env?: Pick<Env, "NODE_ENV" | "STRIPE_STANDIN">;
}

const API_VERSION = "2026-02-25.clover";
const DAY_S = 24 * 60 * 60;

const words = {
  it: {
    title: "Pagamento",
    standin: "Simulatore locale di Stripe: nessun pagamento reale, nessun dato di carta.",
    payTo: "Pagamento a",
    email: "Email",
    total: "Totale",
    outcome: "Esito da simulare",
    card: "Carta: pagamento riuscito",
    debitOk: "Addebito bancario: confermato dopo qualche secondo",
    debitFail: "Addebito bancario: non riuscito dopo qualche secondo",
    declined: "Carta rifiutata",
    pay: "Paga {amount}",
    cancel: "Annulla e torna al sito",
    declinedError: "La carta è stata rifiutata (simulazione). Non è stato addebitato nulla: scegli un altro esito o annulla.",
    complete: "Questo pagamento è già stato completato.",
    expired: "Questa sessione di pagamento è scaduta.",
    back: "Torna al sito",
    notFound: "Sessione di pagamento non trovata.",
    dashboard: "Simulatore Stripe: pagamenti",
    sessions: "Sessioni di pagamento",
    events: "Eventi inviati",
    refund: "Rimborsa tutto",
    refundPart: "Rimborsa l'importo",
    refundAmount: "Importo da rimborsare, in euro (vuoto: tutto il resto)",
    invoices: "Fatture degli abbonamenti",
    refunded: "Rimborsato",
    redeliver: "Invia di nuovo",
    none: "Nessuna.",
    id: "Id",
    amount: "Importo",
    status: "Stato",
    actions: "Azioni",
    type: "Tipo",
    delivery: "Consegna",
    perMonth: "{amount} al mese",
    subscribe: "Abbonati: {amount} al mese",
    monthlyNote: "Addebito ogni mese sulla carta, fino alla disdetta.",
    subscriptions: "Abbonamenti",
    renewOk: "Rinnova ora (riesce)",
    renewFail: "Rinnova ora (non riesce)",
    cancelSubscription: "Annulla",
    periodEnd: "Fine periodo",
  },
  en: {
    title: "Payment",
    standin: "Local Stripe stand-in: no real payment, no card data.",
    payTo: "Pay",
    email: "Email",
    total: "Total",
    outcome: "Outcome to simulate",
    card: "Card: payment succeeds",
    debitOk: "Bank debit: confirmed after a few seconds",
    debitFail: "Bank debit: fails after a few seconds",
    declined: "Card declined",
    pay: "Pay {amount}",
    cancel: "Cancel and go back",
    declinedError: "The card was declined (simulated). Nothing was charged: choose another outcome or cancel.",
    complete: "This payment is already complete.",
    expired: "This checkout session has expired.",
    back: "Back to the site",
    notFound: "Checkout session not found.",
    dashboard: "Stripe stand-in: payments",
    sessions: "Checkout sessions",
    events: "Events sent",
    refund: "Refund in full",
    refundPart: "Refund the amount",
    refundAmount: "Amount to refund, in euros (empty: all the rest)",
    invoices: "Subscription invoices",
    refunded: "Refunded",
    redeliver: "Send again",
    none: "None.",
    id: "Id",
    amount: "Amount",
    status: "Status",
    actions: "Actions",
    type: "Type",
    delivery: "Delivery",
    perMonth: "{amount} per month",
    subscribe: "Subscribe: {amount} per month",
    monthlyNote: "Charged to the card every month until cancelled.",
    subscriptions: "Subscriptions",
    renewOk: "Renew now (succeed)",
    renewFail: "Renew now (fail)",
    cancelSubscription: "Cancel",
    periodEnd: "Period end",
  },
};

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(14).toString("hex")}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: FormTree = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1] ?? "", ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")];
    let node = root;
    path.forEach((segment, index) => {
      const key = segment === "" ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) node[key] = value;
      else {
        const next = node[key];
        if (typeof next === "object") node = next;
        else {
          const child: FormTree = {};
          node[key] = child;
          node = child;
        }
      }
    });
  }
  const parsed = withArrays(root);
  return isRecord(parsed) ? parsed : {};
}

interface FormTree {
  [key: string]: string | FormTree;
}

function withArrays(value: string | FormTree): unknown {
  if (typeof value !== "object") return value;
  const keys = Object.keys(value);
  const mapped = new Map(keys.map((k) => [k, withArrays(value[k] ?? "")]));
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.map(Number).sort((a, b) => a - b).map((k) => mapped.get(String(k)));
  return Object.fromEntries(mapped);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field of a parsed form that is itself an object ({} when it is not). */
function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

const stringOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

// A JSON body of the control API (/_standin/…); other fields (refund metadata, reason) pass through.
const ControlInput = z
  .object({
    outcome: z.enum(["paid", "processing", "declined"]).optional(),
    amountTotal: z.number().int().min(0).optional(),
    result: z.enum(["succeeded", "failed"]).optional(),
  })
  .passthrough();

function controlInput(text: string): z.infer<typeof ControlInput> {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new StripeError(400, "Invalid JSON body.", "parameter_invalid");
  }
  const parsed = ControlInput.safeParse(json);
  if (!parsed.success) throw new StripeError(400, `Invalid body: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.`, "parameter_invalid");
  return parsed.data;
}

/** The Stripe-Signature header for a payload, as Stripe computes it. */
export function signPayload(payload: string, secret: string, timestamp: number = nowSeconds()): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

function formatAmount(cents: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(lang === "it" ? "it-IT" : "en-GB", { style: "currency", currency: currency.toUpperCase(), useGrouping: "always" }).format(cents / 100);
}

class StripeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

function requireString(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== "string" || value === "") throw new StripeError(400, `Missing required param: ${name}.`, "parameter_missing", name);
  return value;
}

function toInt(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new StripeError(400, `Invalid integer: ${name}`, "parameter_invalid_integer", name);
  return n;
}

function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(record(value)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Whether the stand-in may run: always outside production, in production only with STRIPE_STANDIN=1. */
export function standinAllowed(env: Pick<Env, "NODE_ENV" | "STRIPE_STANDIN">): boolean {
  return env.NODE_ENV !== "production" || env.STRIPE_STANDIN === "1";
}

/**
 * Starts the stand-in (see StandinOptions). Resolves with a handle: url, port,
 * close(), and the control methods of StripeStandin.
 */
export async function startStripeStandin(options: StandinOptions): Promise<StripeStandin> {
  const {
    port = 0,
    host = "127.0.0.1",
    webhookUrl,
    webhookSecret,
    deliver: deliverOverride,
    autoDeliver = true,
    asyncDelayMs = 1500,
    retryDelaysMs = [500, 2000],
    merchantName = "Socialbrief",
    logger,
    env = getEnv(),
  } = options;
  if (!standinAllowed(env)) throw new Error("stripe stand-in: refusing to start with NODE_ENV=production without STRIPE_STANDIN=1");
  if (!webhookSecret) throw new Error("stripe stand-in: webhookSecret is required");

  const sessions = new Map<string, SessionEntry>();
  const idempotent = new Map<string, unknown>();
  const paymentIntents = new Map<string, PaymentIntent>();
  const charges = new Map<string, Charge>();
  /** A paid subscription invoice's payment intent (Stripe's invoice_payments). */
  const invoiceIntents = new Map<string, string>();
  const subscriptions = new Map<string, SubscriptionEntry>();
  const events: EventRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  const post = async (payload: string, headers: Record<string, string>): Promise<{ status: number }> => {
    if (deliverOverride) return deliverOverride(payload, headers);
    if (!webhookUrl) return { status: 0 };
    const response = await fetch(webhookUrl, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  };

  async function deliverOnce(record: EventRecord): Promise<number | null> {
    const payload = JSON.stringify(record.event, null, 2);
    const headers = {
      "Content-Type": "application/json; charset=utf-8",
      "Stripe-Signature": signPayload(payload, webhookSecret),
      "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks) socialbrief-standin",
    };
    try {
      const { status } = await post(payload, headers);
      record.deliveries.push({ at: new Date().toISOString(), status });
      return status;
    } catch (error) {
      record.deliveries.push({ at: new Date().toISOString(), status: null, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  /** Sends an event (again), retrying while the app does not answer 2xx; resolves with the last status. */
  async function deliver(eventId: string): Promise<number | null> {
    const record = events.find((r) => r.event.id === eventId);
    if (!record) throw new StripeError(404, `No such event: '${eventId}'`, "resource_missing");
    let status = await deliverOnce(record);
    for (const wait of retryDelaysMs) {
      if (status !== null && status >= 200 && status < 300) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
      status = await deliverOnce(record);
    }
    if (status === null || status < 200 || status >= 300) logger?.warn?.({ eventId, status }, "stripe stand-in: webhook not accepted");
    return status;
  }

  function emit(type: string, object: StandinSession | Charge | StandinSubscription | StandinInvoice): EventRecord {
    const event: StripeEventObject = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      data: { object: { ...structuredClone(object) } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const deliveries: StandinDelivery[] = [];
    // Pushed before the first delivery starts: deliver() looks the event up.
    const record: EventRecord = { event, deliveries, delivered: Promise.resolve(null) };
    events.push(record);
    if (autoDeliver) record.delivered = deliver(event.id);
    return record;
  }

  function later(fn: () => unknown, ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void Promise.resolve().then(fn).catch((error) => logger?.error?.({ err: error }, "stripe stand-in: scheduled step failed"));
    }, ms);
    timers.add(timer);
  }

  function getSession(id: string): SessionEntry {
    const session = sessions.get(id);
    if (!session) throw new StripeError(404, `No such checkout.session: '${id}'`, "resource_missing", "session");
    return session;
  }

  function createSession(params: Record<string, unknown>): StandinSession {
    const mode = params.mode ?? "payment";
    if (mode !== "payment" && mode !== "subscription") throw new StripeError(400, "The stand-in supports mode=payment and mode=subscription only.", "parameter_invalid", "mode");
    const successUrl = requireString(params, "success_url");
    const items = Array.isArray(params.line_items) ? params.line_items : [];
    if (items.length === 0) throw new StripeError(400, "Missing required param: line_items.", "parameter_missing", "line_items");
    const lineItems = items.map((item: unknown, index): LineItem => {
      const data = record(item).price_data;
      if (!isRecord(data)) throw new StripeError(400, "The stand-in supports line_items[].price_data only.", "parameter_invalid", `line_items[${index}]`);
      const quantity = toInt(record(item).quantity ?? "1", `line_items[${index}][quantity]`);
      const unit = toInt(data.unit_amount, `line_items[${index}][price_data][unit_amount]`);
      const product = record(data.product_data);
      const interval = record(data.recurring).interval;
      if (mode === "subscription" && interval !== "month") throw new StripeError(400, "The stand-in's subscriptions bill monthly: price_data[recurring][interval]=month.", "parameter_invalid", `line_items[${index}][price_data][recurring]`);
      if (mode === "payment" && interval !== undefined) throw new StripeError(400, "A recurring price needs mode=subscription.", "parameter_invalid", `line_items[${index}][price_data][recurring]`);
      return {
        description: stringOrNull(product.name) ?? "",
        detail: stringOrNull(product.description) ?? "",
        currency: String(data.currency ?? "").toLowerCase(),
        unit_amount: unit,
        quantity,
        amount_total: unit * quantity,
      };
    });
    const currency = lineItems[0]?.currency ?? "";
    if (!currency || lineItems.some((l) => l.currency !== currency)) throw new StripeError(400, "All line items need the same currency.", "parameter_invalid", "line_items");
    const total = lineItems.reduce((sum, l) => sum + l.amount_total, 0);
    const created = nowSeconds();
    const id = newId("cs_test");
    const customerEmail = stringOrNull(params.customer_email);
    const session: StandinSession = {
      id,
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      cancel_url: stringOrNull(params.cancel_url),
      client_reference_id: stringOrNull(params.client_reference_id),
      created,
      currency,
      customer: null,
      customer_details: customerEmail ? { email: customerEmail, name: null } : null,
      customer_email: customerEmail,
      expires_at: params.expires_at ? toInt(params.expires_at, "expires_at") : created + DAY_S,
      livemode: false,
      locale: stringOrNull(params.locale),
      metadata: stringMap(params.metadata),
      mode,
      payment_intent: null,
      subscription: null,
      payment_method_types: ["card", "sepa_debit"],
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      url: `${baseUrl}/c/pay/${id}`,
    };
    const intentData = record(params.payment_intent_data);
    sessions.set(id, { session, lineItems, intentMetadata: stringMap(intentData.metadata), description: stringOrNull(intentData.description), subscriptionMetadata: stringMap(record(params.subscription_data).metadata) });
    return session;
  }

  function newCharge(intent: PaymentIntent, invoice: string | null = null): Charge {
    const charge: Charge = {
      id: newId("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      description: intent.description,
      livemode: false,
      metadata: { ...intent.metadata },
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: "succeeded",
      invoice,
    };
    charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    intent.status = "succeeded";
    return charge;
  }

  /**
   * The payer finished the checkout page. outcome: "paid" (card), "processing"
   * (a bank debit whose result comes later), or "declined" (nothing happens).
   * amountTotal replaces what was charged (to test a differing amount).
   */
  function complete(sessionId: string, { outcome = "paid", amountTotal }: { outcome?: Outcome; amountTotal?: unknown } = {}): { session: StandinSession; records: EventRecord[] } {
    const entry = getSession(sessionId);
    const { session } = entry;
    if (session.status !== "open") throw new StripeError(400, `This Checkout Session is ${session.status}.`, "checkout_session_not_open");
    if (outcome === "declined") return { session, records: [] };
    if (amountTotal !== undefined) session.amount_total = toInt(amountTotal, "amountTotal");
    if (session.mode === "subscription") return startSubscription(entry);
    const intent: PaymentIntent = {
      id: newId("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      currency: session.currency,
      description: entry.description,
      metadata: entry.intentMetadata,
      latest_charge: null,
      status: "processing",
    };
    paymentIntents.set(intent.id, intent);
    session.status = "complete";
    session.url = null;
    session.payment_intent = intent.id;
    if (outcome === "paid") {
      newCharge(intent);
      session.payment_status = "paid";
    }
    return { session, records: [emit("checkout.session.completed", session)] };
  }

  /** The later result of a bank debit: "succeeded" or "failed". */
  function asyncResult(sessionId: string, result: unknown): { session: StandinSession; records: EventRecord[] } {
    const { session } = getSession(sessionId);
    const intent = session.payment_intent ? paymentIntents.get(session.payment_intent) : null;
    if (session.status !== "complete" || !intent || session.payment_status === "paid") throw new StripeError(400, "This session has no payment in progress.", "payment_intent_unexpected_state");
    if (result === "succeeded") {
      newCharge(intent);
      session.payment_status = "paid";
      return { session, records: [emit("checkout.session.async_payment_succeeded", session)] };
    }
    intent.status = "requires_payment_method";
    return { session, records: [emit("checkout.session.async_payment_failed", session)] };
  }

  function expire(sessionId: string): { session: StandinSession; records: EventRecord[] } {
    const { session } = getSession(sessionId);
    if (session.status !== "open") throw new StripeError(400, `Only Checkout Sessions with a status of open can be expired. This session is ${session.status}.`, "checkout_session_not_open");
    session.status = "expired";
    session.url = null;
    return { session, records: [emit("checkout.session.expired", session)] };
  }

  // ---------------------------------------------------------------- subscriptions

  const toSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const monthAfter = (seconds: number) => toSeconds(addMonths(new Date(seconds * 1000), 1));

  function getSubscription(id: string): SubscriptionEntry {
    const entry = subscriptions.get(id);
    if (!entry) throw new StripeError(404, `No such subscription: '${id}'`, "resource_missing", "id");
    return entry;
  }

  /** The invoice of the month [start, end) of a subscription, paid or (its card failing) open. */
  function newInvoice(entry: SubscriptionEntry, start: number, end: number, reason: StandinInvoice["billing_reason"], paid: boolean): StandinInvoice {
    const { subscription } = entry;
    const total = entry.lineItems.reduce((sum, l) => sum + l.amount_total, 0);
    const invoice: StandinInvoice = {
      id: newId("in"),
      object: "invoice",
      amount_due: total,
      amount_paid: paid ? total : 0,
      amount_remaining: paid ? 0 : total,
      attempt_count: 1,
      billing_reason: reason,
      created: nowSeconds(),
      currency: subscription.currency,
      customer: subscription.customer,
      customer_email: entry.customerEmail,
      livemode: false,
      metadata: {},
      period_start: start,
      period_end: end,
      status: paid ? "paid" : "open",
      status_transitions: { paid_at: paid ? nowSeconds() : null },
      lines: { object: "list", data: entry.lineItems.map((l) => ({ id: newId("il"), object: "line_item", amount: l.amount_total, currency: l.currency, description: l.description, period: { start, end } })) },
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: subscription.id, metadata: { ...subscription.metadata } } },
    };
    entry.invoices.push(invoice);
    subscription.latest_invoice = invoice.id;
    if (paid) {
      // The month is charged to the card: a payment intent and its charge, which the dashboard can refund.
      const intent: PaymentIntent = { id: newId("pi"), object: "payment_intent", amount: total, currency: subscription.currency, description: null, metadata: { ...subscription.metadata }, latest_charge: null, status: "processing" };
      paymentIntents.set(intent.id, intent);
      invoiceIntents.set(invoice.id, intent.id);
      newCharge(intent, invoice.id);
    }
    return invoice;
  }

  /** A subscription-mode session paid on the checkout page: the subscription and its first month's invoice, paid. */
  function startSubscription(entry: SessionEntry): { session: StandinSession; records: EventRecord[] } {
    const { session } = entry;
    const now = nowSeconds();
    const item = (l: LineItem) => ({
      id: newId("si"),
      object: "subscription_item" as const,
      current_period_start: now,
      current_period_end: monthAfter(now),
      quantity: l.quantity,
      price: { id: newId("price"), object: "price" as const, currency: l.currency, unit_amount: l.unit_amount, recurring: { interval: "month" as const, interval_count: 1 as const }, nickname: l.description },
    });
    const subscription: StandinSubscription = {
      id: newId("sub"),
      object: "subscription",
      status: "active",
      customer: newId("cus"),
      created: now,
      start_date: now,
      currency: session.currency,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      latest_invoice: null,
      livemode: false,
      metadata: { ...entry.subscriptionMetadata },
      items: { object: "list", data: entry.lineItems.map(item) },
    };
    const sub: SubscriptionEntry = { subscription, lineItems: entry.lineItems, customerEmail: session.customer_email, invoices: [] };
    subscriptions.set(subscription.id, sub);
    const invoice = newInvoice(sub, now, monthAfter(now), "subscription_create", true);
    session.status = "complete";
    session.url = null;
    session.payment_status = "paid";
    session.subscription = subscription.id;
    session.customer = subscription.customer;
    return {
      session,
      records: [emit("checkout.session.completed", session), emit("customer.subscription.created", subscription), emit("invoice.paid", invoice)],
    };
  }

  const periodEnd = (subscription: StandinSubscription) => subscription.items.data[0]?.current_period_end ?? subscription.start_date;

  function endSubscription(entry: SubscriptionEntry): EventRecord[] {
    const { subscription } = entry;
    if (subscription.status === "canceled") throw new StripeError(400, "This subscription is canceled already.", "resource_missing");
    const now = nowSeconds();
    subscription.status = "canceled";
    subscription.canceled_at = subscription.canceled_at ?? now;
    subscription.ended_at = now;
    return [emit("customer.subscription.deleted", subscription)];
  }

  /**
   * The end of the month being paid is here (sooner than in life: a button): a
   * subscription due to end by then ends; otherwise the next month is billed,
   * paid or failing, and the subscription follows (active or past_due).
   */
  function renew(subscriptionId: string, result: unknown): { subscription: StandinSubscription; records: EventRecord[] } {
    const entry = getSubscription(subscriptionId);
    const { subscription } = entry;
    if (subscription.status === "canceled") throw new StripeError(400, "This subscription is canceled.", "subscription_canceled");
    const end = periodEnd(subscription);
    if (subscription.cancel_at_period_end || (subscription.cancel_at !== null && subscription.cancel_at <= end)) return { subscription, records: endSubscription(entry) };
    const paid = result !== "failed";
    const next = monthAfter(end);
    for (const item of subscription.items.data) {
      item.current_period_start = end;
      item.current_period_end = next;
    }
    const invoice = newInvoice(entry, end, next, "subscription_cycle", paid);
    subscription.status = paid ? "active" : "past_due";
    return { subscription, records: [emit(paid ? "invoice.paid" : "invoice.payment_failed", invoice), emit("customer.subscription.updated", subscription)] };
  }

  /** POST /v1/subscriptions/:id: cancel_at (a unix time, or "" to clear it) and cancel_at_period_end. */
  function updateSubscription(id: string, params: Record<string, unknown>): { subscription: StandinSubscription; records: EventRecord[] } {
    const entry = getSubscription(id);
    const { subscription } = entry;
    if (subscription.status === "canceled") throw new StripeError(400, "A canceled subscription can only update its cancellation_details and metadata.", "subscription_canceled");
    if (params.cancel_at !== undefined) {
      subscription.cancel_at = params.cancel_at === "" ? null : toInt(params.cancel_at, "cancel_at");
      if (subscription.cancel_at !== null) subscription.cancel_at_period_end = false;
    }
    if (params.cancel_at_period_end !== undefined) {
      subscription.cancel_at_period_end = params.cancel_at_period_end === "true";
      // Stripe shows the period end as the cancel date.
      subscription.cancel_at = subscription.cancel_at_period_end ? periodEnd(subscription) : null;
    }
    if (params.metadata !== undefined) subscription.metadata = { ...subscription.metadata, ...stringMap(params.metadata) };
    subscription.canceled_at = subscription.cancel_at !== null ? nowSeconds() : null;
    return { subscription, records: [emit("customer.subscription.updated", subscription)] };
  }

  function refund(params: Record<string, unknown>): { refund: Refund; records: EventRecord[] } {
    let charge: Charge | undefined;
    if (typeof params.charge === "string") charge = charges.get(params.charge);
    else if (typeof params.payment_intent === "string") {
      const intent = paymentIntents.get(params.payment_intent);
      charge = intent?.latest_charge ? charges.get(intent.latest_charge) : undefined;
    } else throw new StripeError(400, "One of charge or payment_intent is required.", "parameter_missing", "charge");
    if (!charge) throw new StripeError(400, "This payment has no successful charge to refund.", "charge_not_refundable", "payment_intent");
    const remaining = charge.amount - charge.amount_refunded;
    const amount = params.amount === undefined ? remaining : toInt(params.amount, "amount");
    if (amount <= 0 || amount > remaining) throw new StripeError(400, `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`, "amount_too_large", "amount");
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refundObject: Refund = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: stringMap(params.metadata),
      payment_intent: charge.payment_intent,
      reason: typeof params.reason === "string" ? params.reason : null,
      status: "succeeded",
    };
    return { refund: refundObject, records: [emit("charge.refunded", charge)] };
  }

  const settle = async (records: EventRecord[]): Promise<Settled> => {
    await Promise.all(records.map((r) => r.delivered));
    return records.map((r) => ({ id: r.event.id, type: r.event.type, deliveries: r.deliveries }));
  };

  // ---------------------------------------------------------------- HTTP

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { "Cache-Control": "no-store", ...headers });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown): void => send(res, status, JSON.stringify(value, null, 2), { "Content-Type": "application/json; charset=utf-8" });
  const sendError = (res: ServerResponse, error: unknown): void => {
    const known = error instanceof StripeError ? error : undefined;
    const status = known?.status ?? 500;
    sendJson(res, status, {
      error: { type: status >= 500 ? "api_error" : "invalid_request_error", message: known?.message ?? "Stand-in error", code: known?.code, param: known?.param },
    });
  };

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 256 * 1024) throw new StripeError(413, "Request too large.", "request_too_large");
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function pageLang(req: IncomingMessage, session: StandinSession | null): Lang {
    const locale = session?.locale ?? "auto";
    if (locale.startsWith("it")) return "it";
    if (locale.startsWith("en")) return "en";
    return /^\s*en/i.test(req.headers["accept-language"] ?? "") ? "en" : "it";
  }

  function page(lang: Lang, title: string, body: string): string {
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1f36; background: #f6f9fc; line-height: 1.5; }
body { margin: 0; }
main { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1.1rem 3rem; }
main.wide { max-width: 64rem; }
.banner { background: #fff4dc; color: #5c3c00; border: 1px solid #e8c77a; border-radius: 8px; padding: .6rem .8rem; font-size: .92rem; margin: 0 0 1.2rem; }
.card { background: #fff; border: 1px solid #d7dde5; border-radius: 12px; padding: 1.25rem; box-shadow: 0 2px 6px rgba(26,31,54,.06); }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
.merchant { color: #424770; margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .45rem .3rem; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: 700; border-bottom: 0; font-size: 1.05rem; }
.detail { display: block; color: #4f566b; font-size: .88rem; font-weight: 400; }
fieldset { border: 1px solid #d7dde5; border-radius: 8px; padding: .6rem .9rem .8rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
label.choice { display: flex; gap: .6rem; align-items: center; padding: .45rem 0; min-height: 44px; cursor: pointer; }
input[type=radio] { width: 1.15rem; height: 1.15rem; accent-color: #4f46e5; margin: 0; }
button { font: inherit; font-weight: 700; border-radius: 8px; min-height: 46px; padding: .7rem 1.2rem; cursor: pointer; }
.pay { width: 100%; background: #4338ca; border: 1px solid #4338ca; color: #fff; font-size: 1.05rem; }
.pay:hover { background: #3730a3; }
.secondary { background: #fff; border: 1px solid #4338ca; color: #3730a3; }
.cancel { margin-top: .8rem; width: 100%; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #f4b860; outline-offset: 2px; }
.error { color: #a4161a; background: #fdecea; border: 1px solid #a4161a; border-radius: 8px; padding: .6rem .8rem; font-weight: 600; }
.email { color: #4f566b; margin: 0 0 .8rem; }
a { color: #3730a3; }
form.inline { display: inline; }
.wrap { overflow-x: auto; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
  }

  function checkoutPage(req: IncomingMessage, entry: SessionEntry, error?: string): string {
    const { session, lineItems } = entry;
    const lang = pageLang(req, session);
    const w = words[lang];
    const money = (cents: number) => formatAmount(cents, session.currency, lang);
    const merchant = merchantName;
    if (session.status !== "open") {
      const message = session.status === "complete" ? w.complete : w.expired;
      const back = session.status === "complete" ? session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) : (session.cancel_url ?? "/");
      return page(lang, w.title, `<main><p class="banner" role="note">${escapeHtml(w.standin)}</p><div class="card"><h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(w.back)}</a></p></div></main>`);
    }
    const rows = lineItems
      .map((l) => `<tr><th scope="row">${escapeHtml(l.description)}${l.detail ? `<span class="detail">${escapeHtml(l.detail)}</span>` : ""}</th><td class="num">${escapeHtml(money(l.amount_total))}</td></tr>`)
      .join("");
    const option = (value: string, label: string, checked: boolean) =>
      `<label class="choice"><input type="radio" name="outcome" value="${value}"${checked ? " checked" : ""}> <span>${escapeHtml(label)}</span></label>`;
    // A subscription is paid by card each month: the amount is a monthly one, and no bank debit is offered.
    const monthly = session.mode === "subscription";
    const headline = monthly ? w.perMonth.replace("{amount}", money(session.amount_total)) : money(session.amount_total);
    return page(
      lang,
      `${w.title} · ${merchant}`,
      `<main>
<p class="banner" role="note">${escapeHtml(w.standin)}</p>
<div class="card">
<h1>${escapeHtml(w.payTo)} ${escapeHtml(merchant)}</h1>
<p class="merchant" data-testid="standin-headline">${escapeHtml(headline)}</p>
${monthly ? `<p class="email">${escapeHtml(w.monthlyNote)}</p>` : ""}
${session.customer_email ? `<p class="email">${escapeHtml(w.email)}: ${escapeHtml(session.customer_email)}</p>` : ""}
<table>
<caption class="merchant" style="text-align:left">${escapeHtml(w.title)}</caption>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${escapeHtml(w.total)}</th><td class="num" data-testid="standin-total">${escapeHtml(headline)}</td></tr></tfoot>
</table>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/c/pay/${escapeHtml(session.id)}">
<fieldset>
<legend>${escapeHtml(w.outcome)}</legend>
${option("card", w.card, true)}
${monthly ? "" : `${option("debit_ok", w.debitOk, false)}\n${option("debit_fail", w.debitFail, false)}`}
${option("declined", w.declined, false)}
</fieldset>
<button type="submit" name="action" value="pay" class="pay">${escapeHtml(monthly ? w.subscribe.replace("{amount}", money(session.amount_total)) : w.pay.replace("{amount}", money(session.amount_total)))}</button>
<button type="submit" name="action" value="cancel" class="secondary cancel">${escapeHtml(w.cancel)}</button>
</form>
</div>
</main>`,
    );
  }

  function dashboardPage(req: IncomingMessage): string {
    const lang = pageLang(req, null);
    const w = words[lang];
    /** Refund all that is left, or an amount typed (a partial refund), of a payment intent; `label` names it for screen readers. */
    const refundForms = (intent: string, label: string) =>
      `<form class="inline" method="post" action="/dashboard/refund"><input type="hidden" name="payment_intent" value="${escapeHtml(intent)}"><button type="submit" class="secondary">${escapeHtml(w.refund)} <span class="visually-hidden">${escapeHtml(label)}</span></button></form> <form class="inline" method="post" action="/dashboard/refund"><input type="hidden" name="payment_intent" value="${escapeHtml(intent)}"><label>${escapeHtml(w.refundAmount)} <span class="visually-hidden">${escapeHtml(label)}</span> <input name="amount" inputmode="decimal" size="8" required></label> <button type="submit" class="secondary">${escapeHtml(w.refundPart)} <span class="visually-hidden">${escapeHtml(label)}</span></button></form>`;
    const sessionRows = [...sessions.values()]
      .reverse()
      .map(({ session }) => {
        const intent = session.payment_intent ? paymentIntents.get(session.payment_intent) : null;
        const charge = intent?.latest_charge ? charges.get(intent.latest_charge) : null;
        const refundable = intent && charge && charge.amount_refunded < charge.amount;
        const state = [session.status, session.payment_status, charge?.refunded ? "refunded" : charge?.amount_refunded ? "partially_refunded" : ""].filter(Boolean).join(" · ");
        return `<tr><td>${escapeHtml(session.id)}<span class="detail">${escapeHtml(session.customer_email ?? "")}</span></td><td class="num">${escapeHtml(formatAmount(session.amount_total, session.currency, lang))}</td><td>${escapeHtml(state)}</td><td>${
          refundable ? refundForms(intent.id, session.id) : ""
        }</td></tr>`;
      })
      .join("");
    const eventRows = [...events]
      .reverse()
      .map(({ event, deliveries }) => {
        const last = deliveries.at(-1);
        return `<tr><td>${escapeHtml(event.id)}</td><td>${escapeHtml(event.type)}</td><td>${escapeHtml(last ? String(last.status ?? last.error ?? "") : "—")}</td><td><form class="inline" method="post" action="/dashboard/redeliver"><input type="hidden" name="event" value="${escapeHtml(event.id)}"><button type="submit" class="secondary">${escapeHtml(w.redeliver)} <span class="visually-hidden">${escapeHtml(event.id)}</span></button></form></td></tr>`;
      })
      .join("");
    const day = (seconds: number | null) => (seconds === null ? "—" : new Intl.DateTimeFormat(lang === "it" ? "it-IT" : "en-GB", { dateStyle: "medium", timeZone: "Europe/Rome" }).format(new Date(seconds * 1000)));
    const subscriptionRows = [...subscriptions.values()]
      .reverse()
      .map(({ subscription, lineItems, customerEmail }) => {
        const total = lineItems.reduce((sum, l) => sum + l.amount_total, 0);
        const button = (action: string, label: string) =>
          `<form class="inline" method="post" action="/dashboard/subscription"><input type="hidden" name="subscription" value="${escapeHtml(subscription.id)}"><input type="hidden" name="action" value="${action}"><button type="submit" class="secondary">${escapeHtml(label)} <span class="visually-hidden">${escapeHtml(subscription.id)}</span></button></form>`;
        const state = [subscription.status, subscription.cancel_at ? `cancel_at ${day(subscription.cancel_at)}` : ""].filter(Boolean).join(" · ");
        return `<tr data-subscription="${escapeHtml(subscription.id)}"><td>${escapeHtml(subscription.id)}<span class="detail">${escapeHtml(customerEmail ?? "")}</span></td><td class="num">${escapeHtml(w.perMonth.replace("{amount}", formatAmount(total, subscription.currency, lang)))}</td><td>${escapeHtml(state)}</td><td>${escapeHtml(day(periodEnd(subscription)))}</td><td>${
          subscription.status === "canceled" ? "" : `${button("renew_ok", w.renewOk)} ${button("renew_fail", w.renewFail)} ${button("cancel", w.cancelSubscription)}`
        }</td></tr>`;
      })
      .join("");
    const invoiceRows = [...subscriptions.values()]
      .reverse()
      .flatMap(({ invoices }) => [...invoices].reverse())
      .filter((invoice) => invoice.status === "paid")
      .map((invoice) => {
        const intentId = invoiceIntents.get(invoice.id);
        const intent = intentId ? paymentIntents.get(intentId) : undefined;
        const charge = intent?.latest_charge ? charges.get(intent.latest_charge) : undefined;
        const state = charge?.refunded ? w.refunded : charge?.amount_refunded ? `${w.refunded}: ${formatAmount(charge.amount_refunded, invoice.currency, lang)}` : invoice.status;
        return `<tr data-invoice="${escapeHtml(invoice.id)}"><td>${escapeHtml(invoice.id)}<span class="detail">${escapeHtml(invoice.parent.subscription_details.subscription)} · ${escapeHtml(day(invoice.period_start))}</span></td><td class="num">${escapeHtml(formatAmount(invoice.amount_paid, invoice.currency, lang))}</td><td>${escapeHtml(state)}</td><td>${
          intent && charge && charge.amount_refunded < charge.amount ? refundForms(intent.id, invoice.id) : ""
        }</td></tr>`;
      })
      .join("");
    const table = (caption: string, head: string[], rows: string) =>
      rows
        ? `<div class="wrap"><table><caption style="text-align:left;font-weight:700">${escapeHtml(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div>`
        : `<h2>${escapeHtml(caption)}</h2><p>${escapeHtml(w.none)}</p>`;
    return page(
      lang,
      w.dashboard,
      `<style>.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style><main class="wide"><p class="banner" role="note">${escapeHtml(w.standin)}</p><h1>${escapeHtml(w.dashboard)}</h1>${table(w.sessions, [w.id, w.amount, w.status, w.actions], sessionRows)}${table(w.subscriptions, [w.id, w.amount, w.status, w.periodEnd, w.actions], subscriptionRows)}${table(w.invoices, [w.id, w.amount, w.status, w.actions], invoiceRows)}${table(w.events, [w.id, w.type, w.delivery, w.actions], eventRows)}</main>`,
    );
  }

  const redirect = (res: ServerResponse, location: string) => send(res, 303, "", { Location: location });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://standin.local");
    const path = url.pathname;
    const method = req.method ?? "GET";
    /** The id in the path when it matches `pattern` (one capture group). */
    const idIn = (pattern: RegExp): string | undefined => pattern.exec(path)?.[1];

    // --- the API the SDK calls
    if (path.startsWith("/v1/")) {
      if (!/^Bearer (sk|rk)_test_\w+$/.test(req.headers.authorization ?? "")) {
        return sendJson(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
      }
      const body = method === "POST" ? parseStripeForm(await readBody(req)) : parseStripeForm(url.search.slice(1));
      const key = method === "POST" ? req.headers["idempotency-key"] : undefined;
      const cacheKey = key ? `${path}:${key}` : null;
      if (cacheKey && idempotent.has(cacheKey)) return sendJson(res, 200, idempotent.get(cacheKey));
      let id: string | undefined;
      let result: unknown;
      if (path === "/v1/checkout/sessions" && method === "POST") result = createSession(body);
      else if (path === "/v1/checkout/sessions" && method === "GET") {
        const data = [...sessions.values()].map((e) => e.session).filter((s) => !body.payment_intent || s.payment_intent === body.payment_intent);
        result = { object: "list", data, has_more: false, url: "/v1/checkout/sessions" };
      } else if ((id = idIn(/^\/v1\/checkout\/sessions\/([\w]+)$/)) && method === "GET") result = getSession(id).session;
      else if ((id = idIn(/^\/v1\/checkout\/sessions\/([\w]+)\/expire$/)) && method === "POST") result = expire(id).session;
      else if (path === "/v1/refunds" && method === "POST") result = refund(body).refund;
      else if (path === "/v1/invoice_payments" && method === "GET") {
        const wanted = record(body.payment).payment_intent;
        const data = [...invoiceIntents]
          .filter(([invoice, intent]) => (typeof wanted !== "string" || intent === wanted) && (typeof body.invoice !== "string" || invoice === body.invoice))
          .map(([invoice, intent]) => ({ id: `inpay_${invoice}`, object: "invoice_payment", invoice, is_default: true, livemode: false, status: "paid", payment: { type: "payment_intent", payment_intent: intent } }));
        result = { object: "list", data, has_more: false, url: "/v1/invoice_payments" };
      }
      else if ((id = idIn(/^\/v1\/subscriptions\/([\w]+)$/)) && method === "GET") result = getSubscription(id).subscription;
      else if ((id = idIn(/^\/v1\/subscriptions\/([\w]+)$/)) && method === "POST") result = updateSubscription(id, body).subscription;
      else if ((id = idIn(/^\/v1\/subscriptions\/([\w]+)$/)) && method === "DELETE") {
        endSubscription(getSubscription(id));
        result = getSubscription(id).subscription;
      }
      else return sendJson(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } });
      if (cacheKey) idempotent.set(cacheKey, result);
      return sendJson(res, 200, result);
    }

    // --- the hosted checkout page
    const payId = idIn(/^\/c\/pay\/([\w]+)$/);
    if (payId) {
      const entry = sessions.get(payId);
      if (!entry) return send(res, 404, page("it", words.it.notFound, `<main><h1>${escapeHtml(words.it.notFound)}</h1><p lang="en">${escapeHtml(words.en.notFound)}</p></main>`), { "Content-Type": "text/html; charset=utf-8" });
      if (method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        const { session } = entry;
        if (session.status !== "open") return send(res, 200, checkoutPage(req, entry), { "Content-Type": "text/html; charset=utf-8" });
        if (form.get("action") === "cancel") return redirect(res, session.cancel_url ?? `/c/pay/${session.id}`);
        const outcome = form.get("outcome") ?? "card";
        if (outcome === "declined") {
          return send(res, 402, checkoutPage(req, entry, words[pageLang(req, session)].declinedError), { "Content-Type": "text/html; charset=utf-8" });
        }
        if (session.mode === "subscription" && outcome !== "card") return send(res, 400, checkoutPage(req, entry), { "Content-Type": "text/html; charset=utf-8" });
        complete(session.id, { outcome: outcome === "card" ? "paid" : "processing" });
        if (outcome === "debit_ok" || outcome === "debit_fail") later(() => asyncResult(session.id, outcome === "debit_ok" ? "succeeded" : "failed"), asyncDelayMs);
        return redirect(res, session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
      }
      return send(res, 200, checkoutPage(req, entry), { "Content-Type": "text/html; charset=utf-8" });
    }

    // --- the dashboard (refunds made "in Stripe", re-deliveries)
    if (path === "/" && method === "GET") return send(res, 200, dashboardPage(req), { "Content-Type": "text/html; charset=utf-8" });
    if (path === "/dashboard/refund" && method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      // An amount in euros ("12,50"): that much; none: all that is left.
      const typed = (form.get("amount") ?? "").trim();
      const euros = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(typed);
      if (typed && !euros) throw new StripeError(400, "The amount is euros, e.g. 12,50.", "parameter_invalid_integer", "amount");
      const amount = euros ? Number(euros[1]) * 100 + Number((euros[2] ?? "").padEnd(2, "0")) : undefined;
      await settle(refund({ payment_intent: form.get("payment_intent") ?? "", ...(amount === undefined ? {} : { amount }) }).records);
      return redirect(res, "/");
    }
    if (path === "/dashboard/subscription" && method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const subscriptionId = form.get("subscription") ?? "";
      const action = form.get("action");
      await settle(action === "cancel" ? endSubscription(getSubscription(subscriptionId)) : renew(subscriptionId, action === "renew_fail" ? "failed" : "succeeded").records);
      return redirect(res, "/");
    }
    if (path === "/dashboard/redeliver" && method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      await deliver(form.get("event") ?? "");
      return redirect(res, "/");
    }

    // --- the control API for tests
    if (path.startsWith("/_standin/")) {
      const text = method === "POST" ? await readBody(req) : "";
      const input = controlInput(text);
      let id: string | undefined;
      if (path === "/_standin/events" && method === "GET") return sendJson(res, 200, { data: events.map((r) => ({ ...r.event, deliveries: r.deliveries })) });
      if ((id = idIn(/^\/_standin\/sessions\/([\w]+)\/complete$/)) && method === "POST") {
        const { session, records } = complete(id, { outcome: input.outcome, amountTotal: input.amountTotal });
        return sendJson(res, 200, { session, events: await settle(records) });
      }
      if ((id = idIn(/^\/_standin\/sessions\/([\w]+)\/async$/)) && method === "POST") {
        const { session, records } = asyncResult(id, input.result);
        return sendJson(res, 200, { session, events: await settle(records) });
      }
      if (path === "/_standin/refunds" && method === "POST") {
        const { refund: made, records } = refund(input);
        return sendJson(res, 200, { refund: made, events: await settle(records) });
      }
      if ((id = idIn(/^\/_standin\/events\/([\w]+)\/deliver$/)) && method === "POST") return sendJson(res, 200, { status: await deliver(id) });
      if ((id = idIn(/^\/_standin\/subscriptions\/([\w]+)\/renew$/)) && method === "POST") {
        const { subscription, records } = renew(id, input.result);
        return sendJson(res, 200, { subscription, events: await settle(records) });
      }
      if ((id = idIn(/^\/_standin\/subscriptions\/([\w]+)\/cancel$/)) && method === "POST") {
        const records = endSubscription(getSubscription(id));
        return sendJson(res, 200, { subscription: getSubscription(id).subscription, events: await settle(records) });
      }
    }
    return send(res, 404, "Not found", { "Content-Type": "text/plain; charset=utf-8" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!(error instanceof StripeError)) logger?.error?.({ err: error }, "stripe stand-in: request failed");
      if (!res.headersSent) sendError(res, error);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  baseUrl = `http://${host}:${boundPort}`;

  return {
    url: baseUrl,
    port: boundPort,
    /** Every event so far, oldest first, with its deliveries. */
    events: () => events.map((r) => ({ ...r.event, deliveries: r.deliveries })),
    session: (id) => structuredClone(getSession(id).session),
    complete: async (sessionId, opts) => {
      const { session, records } = complete(sessionId, opts);
      return { session: structuredClone(session), events: await settle(records) };
    },
    asyncResult: async (sessionId, result) => {
      const { session, records } = asyncResult(sessionId, result);
      return { session: structuredClone(session), events: await settle(records) };
    },
    expire: async (sessionId) => {
      const { session, records } = expire(sessionId);
      return { session: structuredClone(session), events: await settle(records) };
    },
    refund: async (params) => {
      const { refund: made, records } = refund(params);
      return { refund: made, events: await settle(records) };
    },
    subscription: (id) => structuredClone(getSubscription(id).subscription),
    renew: async (subscriptionId, result) => {
      const { subscription, records } = renew(subscriptionId, result);
      return { subscription: structuredClone(subscription), events: await settle(records) };
    },
    cancelSubscription: async (subscriptionId) => {
      const records = endSubscription(getSubscription(subscriptionId));
      return { subscription: structuredClone(getSubscription(subscriptionId).subscription), events: await settle(records) };
    },
    /** Sends an event (again): a re-delivery keeps its id, as Stripe's do. */
    deliver,
    /** Resolves once every event sent so far has been delivered (or given up on). */
    idle: async () => {
      await Promise.all(events.map((r) => r.delivered));
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
