import { emailIt } from "./email.it";
import { settingsIt } from "./settings.it";
import { landingIt } from "./landing.it";
import { questionnaireIt } from "./questionnaire.it";
import { planIt } from "./plan.it";
import { accountIt } from "./account.it";
import { paymentIt } from "./payment.it";
import { retainerIt } from "./retainer.it";
import { invoiceIt } from "./invoice.it";
import { pipelineIt } from "./pipeline.it";
import type { Widen } from "./widen";

// Italian is the default language. Every key here must exist in en.ts (a unit test checks).
export const it = {
  meta: { title: "Socialbrief: strategia social su misura", description: "Raccontaci la tua organizzazione: ricevi una proposta di strategia social con le ragioni di ogni scelta." },
  nav: { home: "Inizio", login: "Accesso staff", logout: "Esci", leads: "Contatti", language: "Lingua", switchTo: "English", skip: "Vai al contenuto" },
  goals: {
    awareness: "Farsi conoscere",
    engagement: "Coinvolgere il pubblico",
    traffic: "Portare visite al sito",
    leads: "Contatti e vendite",
    reputation: "Reputazione e fiducia",
    community: "Curare la community",
    recruiting: "Trovare personale",
    civic: "Partecipazione civica",
    donations: "Donazioni e raccolta fondi",
  },
  intake: {
    heading: "Iniziamo dalla tua organizzazione",
    lead: "Quattro domande per una prima proposta di strategia social. I social non si improvvisano: si pianificano.",
    name: "Il tuo nome e cognome",
    email: "Email",
    emailHint: "Ti scriviamo solo per questa proposta.",
    organisation: "Organizzazione",
    organisationHint: "Azienda, ente, associazione o nome professionale.",
    goal: "L'obiettivo più importante",
    goalPlaceholder: "Scegli un obiettivo",
    submit: "Ricevi la proposta",
    privacy: "Inviando accetti che trattiamo questi dati per risponderti, come spiegato nell'informativa privacy.",
    errorSummary: "Controlla i campi evidenziati.",
  },
  errors: {
    erasedTitle: "Questo link non è più attivo",
    erasedBody: "I dati di questo link privato sono stati cancellati su richiesta dell'interessato: qui non c'è più nulla da mostrare. Se pensi che sia un errore, contatta lo studio.",
    partitaIva: "Partita IVA non valida: controlla le 11 cifre (l'ultima è una cifra di controllo).",
    choose: "Scegli una delle opzioni proposte.",
    text: "Scrivi un testo.",
    phone: "Inserisci un numero di telefono valido, per esempio +39 333 1234567.",
    url: "Inserisci un indirizzo web valido, per esempio www.esempio.it.",
    number: "Inserisci un numero intero, per esempio 1.500 o 12k.",
    date: "Inserisci una data valida.",
    datePast: "La data non può essere nel passato.",
    goalRepeated: "Hai già scelto questo obiettivo.",
    tooLarge: "Troppi dati inviati insieme.",
    required: "Campo obbligatorio.",
    email: "Inserisci un indirizzo email valido, per esempio nome@azienda.it.",
    tooLong: "Troppo lungo: al massimo {{max}} caratteri. Il testo è ancora qui: accorcialo per andare avanti.",
    goal: "Scegli uno degli obiettivi proposti.",
    invalidLogin: "Email o password non corretti.",
    tooManyRequests: "Troppi tentativi. Riprova tra qualche minuto.",
    notFoundTitle: "Pagina non trovata",
    notFoundBody: "L'indirizzo non esiste o non è più disponibile.",
    badRequestTitle: "Richiesta non leggibile",
    badRequestBody: "I dati inviati non sono un modulo che possiamo leggere. Torna alla pagina, ricaricala e riprova.",
    serverTitle: "Qualcosa è andato storto",
    serverBody: "Abbiamo registrato l'errore. Riprova tra poco.",
    busyTitle: "Troppe richieste in questo momento",
    busyBody: "Il servizio è molto occupato. Riprova tra qualche secondo.",
    backHome: "Torna all'inizio",
  },
  proposal: {
    title: "Proposta di strategia social",
    validUntil: "Valida fino al {{date}}",
    download: "Scarica il PDF",
    submitted: "Grazie! Abbiamo ricevuto le tue risposte.",
    renewal: {
      ask: "Chiedi il rinnovo della proposta",
      hint: "Avvisiamo lo studio: ti manderà una proposta aggiornata, con una nuova scadenza.",
      requested: "Richiesta di rinnovo inviata: lo studio ti scriverà con una proposta aggiornata.",
      notExpired: "La proposta è ancora valida: puoi sceglierla e accettarla da questa pagina.",
    },
    privateLink: "Questo indirizzo è privato: conservalo per tornare alla tua proposta.",
    pending: {
      title: "Abbiamo ricevuto le tue risposte",
      intro: "Grazie, {{name}}: le risposte per {{organisation}} sono arrivate.",
      expected: "Riceverai la tua proposta entro {{date}}.",
      how: "Te la invieremo per email, con il PDF allegato, e da quel momento la troverai anche a questo indirizzo.",
      pdfTitle: "La proposta non è ancora pronta",
      pdfBody: "Il PDF sarà disponibile quando ti invieremo la proposta, entro {{date}}.",
      back: "Torna alla tua pagina",
    },
  },
  login: {
    heading: "Accesso staff",
    email: "Email",
    password: "Password",
    submit: "Accedi",
  },
  leads: {
    heading: "Contatti ricevuti",
    empty: "Nessun contatto per ora.",
    name: "Nome",
    organisation: "Organizzazione",
    goal: "Obiettivo",
    received: "Ricevuto",
    status: "Stato",
    open: "Apri proposta",
    count_one: "{{count}} contatto",
    count_other: "{{count}} contatti",
    signedInAs: "Accesso come {{name}}",
  },
  status: { new: "Nuovo", reviewing: "In valutazione", proposal_sent: "Proposta inviata", accepted: "Accettata", paid: "Pagato", lost: "Perso" },
  health: { ok: "ok" },
  email: emailIt,
  settings: settingsIt,
  landing: landingIt,
  questionnaire: questionnaireIt,
  plan: planIt,
  account: accountIt,
  payment: paymentIt,
  retainer: retainerIt,
  invoice: invoiceIt,
  pipeline: pipelineIt,
};

export type Messages = Widen<typeof it>;
