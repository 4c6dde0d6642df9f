import type { Widen } from "./widen";
import type { retainerIt } from "./retainer.it";

// The monthly retainer as a Stripe subscription: client area, cancellation, lead panel, dashboard, emails.
export const retainerEn: Widen<typeof retainerIt> = {
  portal: {
    heading: "Monthly retainer",
    intro: "The chosen package's fee is paid every month by card, with Stripe. Minimum term: {{months}} months; after it you can cancel whenever you like and the retainer ends with the month being paid.",
    start: "Start the monthly retainer: {{amount}} a month",
    bankTransfer: "Public bodies pay the retainer by bank transfer against each month's electronic invoice: no card is charged.",
    disabled: "Online payment is not active: the retainer is paid by bank transfer against each month's invoice.",
    nothingDue: "The chosen package has no monthly fee to pay online.",
    started: "Thank you: the retainer starts as soon as Stripe confirms the first month's payment. This page updates by itself.",
    checkoutCancelled: "You did not start the retainer: you can do it from here whenever you like.",
    unavailable: "Payment is not available right now. Please try again in a few minutes.",
    already: "The monthly retainer is already active (or starting): no second one was opened.",
    ended: "The monthly retainer has ended. Write to us to start it again.",
    statusLabel: "Status",
    statuses: { incomplete: "Starting", active: "Active", past_due: "Payment failed", canceled: "Ended", unpaid: "Unpaid" },
    monthly: "Monthly amount",
    nextRenewal: "Next renewal",
    minimumTerm: "Minimum term until",
    endsOn: "Ends on",
    pastDue: "The last renewal did not go through: Stripe will try the card again. If your card changed, write to us.",
    cancel: "Cancel the retainer",
    cancelled: "Cancellation recorded: the retainer ends on {{date}}.",
    payments: "Months paid",
    noPayments: "No month paid yet.",
  },
  checkout: {
    itemFee: "Monthly retainer · {{studio}}",
    itemNet: "Monthly retainer · {{studio}} (taxable amount)",
  },
  cancel: {
    title: "Cancel the monthly retainer?",
    beforeTerm: "The minimum term ends on {{date}}: if you cancel now the retainer runs until that day and then ends. Nothing more is charged after it.",
    afterTerm: "The minimum term is over: if you cancel now the retainer ends with the month being paid, on {{date}}.",
    afterTermNoDate: "The minimum term is over: if you cancel now the retainer ends with the month being paid.",
    confirm: "Yes, cancel the retainer",
    back: "No, back to the client area",
    notCancellable: "This retainer cannot be cancelled now (it is not active, or already ending).",
  },
  owner: {
    heading: "Monthly retainer",
    none: "The client has not started the monthly retainer.",
    status: "Status",
    monthly: "Monthly amount",
    nextRenewal: "Next renewal",
    minimumTerm: "Minimum term ends",
    cancelAt: "Ends on",
    failedRenewals: "Failed renewals",
    paidMonths: "Months paid",
    subscriptionId: "Stripe subscription",
  },
  dashboard: {
    heading: "Monthly retainers",
    mrr: "Monthly recurring revenue (MRR)",
    mrrHint: "Sum of the monthly fees of the active subscriptions, today (whatever the period chosen).",
    count: "Subscriptions",
  },
  email: {
    failed: {
      subject: "Retainer renewal failed: {{organisation}}",
      heading: "The retainer payment did not go through",
      intro: "We could not charge {{amount}} for the monthly retainer of {{organisation}}. Stripe will try again in the coming days; if your card changed or expired, reply to this email.",
      button: "Open the client area",
    },
    owner: {
      failedSubject: "Renewal failed: {{organisation}}",
      failedIntro: "The monthly retainer renewal of {{organisation}} ({{amount}}) did not go through. The client has been told.",
      button: "Open the lead",
    },
  },
};
