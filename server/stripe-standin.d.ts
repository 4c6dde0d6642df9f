// Types for server/stripe-standin.js (plain Node ESM, used by server/index.js and the tests).

export interface StandinDelivery {
  at: string;
  status: number | null;
  error?: string;
}

export interface StandinEvent {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
  livemode: false;
  deliveries: StandinDelivery[];
}

export interface StandinSession {
  id: string;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  client_reference_id: string | null;
  locale: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_status: "paid" | "unpaid";
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string | null;
  url: string | null;
}

type Settled = Array<{ id: string; type: string; deliveries: StandinDelivery[] }>;

export interface StripeStandin {
  url: string;
  port: number;
  events(): StandinEvent[];
  session(id: string): StandinSession;
  complete(sessionId: string, options?: { outcome?: "paid" | "processing" | "declined"; amountTotal?: number }): Promise<{ session: StandinSession; events: Settled }>;
  asyncResult(sessionId: string, result: "succeeded" | "failed"): Promise<{ session: StandinSession; events: Settled }>;
  expire(sessionId: string): Promise<{ session: StandinSession; events: Settled }>;
  refund(params: { payment_intent?: string; charge?: string; amount?: number }): Promise<{ refund: { id: string; amount: number }; events: Settled }>;
  deliver(eventId: string): Promise<number | null>;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StandinOptions {
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret: string;
  deliver?: (payload: string, headers: Record<string, string>) => Promise<{ status: number }>;
  autoDeliver?: boolean;
  asyncDelayMs?: number;
  retryDelaysMs?: number[];
  merchantName?: string;
  logger?: { warn?: (...args: unknown[]) => void; error?: (...args: unknown[]) => void };
}

export function startStripeStandin(options: StandinOptions): Promise<StripeStandin>;
export function parseStripeForm(text: string): Record<string, unknown>;
export function signPayload(payload: string, secret: string, timestamp?: number): string;
