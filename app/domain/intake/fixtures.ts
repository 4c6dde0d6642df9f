// A complete, valid set of raw questionnaire answers (a hotel on a lake), for
// tests and benchmarks. Invented data.
import type { RawAnswers } from "./definition";

export const complete: RawAnswers = {
  about: { organisation: "Hotel Lago Blu", sector: "hospitality", size: "s10_49", website: "www.lagoblu.example", contactName: "Elena Riva", role: "Direttrice", email: "Elena@LagoBlu.example", phone: "+39 0365 123456", language: "it" },
  audience: { ageBands: ["a25_34", "a35_44"], places: "Lombardia, Germania", languages: ["it", "de"] },
  goals: { goal1: "leads", goal2: "awareness", budgetBand: "b1000_2500", timeframe: "m6", startDate: "2027-01-15", peakSeasons: ["summer"] },
  channels: { facebook: "present", instagram: "present", x: "none", linkedin: "wanted", tiktok: "refused", youtube: "none", threads: "none", whatsapp: "none", newsletter: "none" },
  channelDetails: { facebook_followers: "4.800", facebook_frequency: "weekly", facebook_runBy: "staff", instagram_handle: "@lagoblu", instagram_followers: "2300" },
  crisis: { hadCrisis: "yes" },
  crisisDetails: { crisisTypes: ["reviews_wave"], crisisOpen: "no", authorities: "no" },
  roles: { approver: "Elena", coverHours: ["office", "weekends"] },
  review: {},
};
