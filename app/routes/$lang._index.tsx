import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getProfile } from "~/models/profile.server";
import { getPageBrand } from "~/models/brand-logo.server";
import { formatPartitaIva, isValidPartitaIva } from "~/domain/italian-ids";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["landing", "questionnaire", "settings.proposals.logoAlt"] } satisfies I18nHandle;

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const [profile, brand] = await Promise.all([getProfile(locale), getPageBrand()]);
  return { profile, brand };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.profile ? `${data.profile.displayName} · Socialbrief` : "Socialbrief" },
];

const howSteps = ["intake", "proposal", "call", "start"] as const;
const beliefs = ["planning", "conversions", "crisis"] as const;

export default function Landing() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { profile, brand } = useLoaderData<typeof loader>();
  const number = new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { useGrouping: "always" } as Intl.NumberFormatOptions);
  const maxFollowers = Math.max(1, ...(profile?.audience.map((a) => a.followers) ?? [1]));
  const startHref = `/${locale}/intake`;

  return (
    <main id="main" className="page landing" style={brand.style}>
      <section className="hero landing-hero" aria-labelledby="landing-heading">
        {brand.logoSrc ? (
          <p className="brand-logo">
            <img src={brand.logoSrc} alt={t("settings.proposals.logoAlt", { name: brand.studioName })} height={56} />
          </p>
        ) : null}
        <p className="eyebrow">{t("landing.eyebrow")}</p>
        <h1 id="landing-heading">{t("landing.heading")}</h1>
        <p className="lead">{t("landing.lead")}</p>
        <p className="cta-row">
          <Link to={startHref} reloadDocument className="button primary button-large">
            {t("landing.start")}
          </Link>
        </p>
        <p className="hint">{t("landing.startHint")}</p>
        <p className="hint">
          <Link to={`/${locale}/privacy`}>{t("landing.privacyStart")}</Link>
        </p>
      </section>

      {profile ? (
        <section className="card profile" aria-labelledby="profile-heading">
          <div className="profile-head">
            {profile.photoUrl ? (
              <img src={profile.photoUrl} alt={t("landing.photoAlt", { name: profile.displayName })} width={120} height={120} className="profile-photo" />
            ) : null}
            <div>
              <h2 id="profile-heading">
                <span className="visually-hidden">{t("landing.aboutHeading")}: </span>
                {profile.displayName}
              </h2>
              <p className="profile-headline">{profile.headline}</p>
            </div>
          </div>
          <p className="profile-bio">{profile.bio}</p>

          {profile.audience.length > 0 ? (
            <figure className="audience">
              <figcaption>
                <h3>{t("landing.audienceHeading")}</h3>
                <span className="hint">{t("landing.audienceCaption")}</span>
              </figcaption>
              <ul className="audience-list">
                {profile.audience.map((a) => (
                  <li key={a.channel}>
                    <span className="audience-channel">{t(`questionnaire.fields.channel_${a.channel}.label`)}</span>
                    <span className="audience-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((a.followers / maxFollowers) * 100)}%` }} />
                    </span>
                    <span className="audience-figure">{t("landing.followers", { figure: number.format(a.followers) })}</span>
                  </li>
                ))}
              </ul>
            </figure>
          ) : null}

          <h3>{t("landing.contactsHeading")}</h3>
          <dl className="contacts">
            {profile.email ? (
              <>
                <dt>{t("landing.email")}</dt>
                <dd>
                  <a href={`mailto:${profile.email}`}>{profile.email}</a>
                </dd>
              </>
            ) : null}
            {profile.phone ? (
              <>
                <dt>{t("landing.phone")}</dt>
                <dd>
                  <a href={`tel:${profile.phone.replace(/\s+/g, "")}`}>{profile.phone}</a>
                </dd>
              </>
            ) : null}
            {profile.city ? (
              <>
                <dt>{t("landing.city")}</dt>
                <dd>{profile.city}</dd>
              </>
            ) : null}
            {profile.vatNumber ? (
              <>
                <dt>{t("landing.vat")}</dt>
                <dd>{isValidPartitaIva(profile.vatNumber) ? formatPartitaIva(profile.vatNumber) : profile.vatNumber}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="how-heading">
        <h2 id="how-heading">{t("landing.howHeading")}</h2>
        <ol className="how-steps">
          {howSteps.map((step) => (
            <li key={step} className="card">
              <h3>{t(`landing.how.${step}.title`)}</h3>
              <p>{t(`landing.how.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="beliefs-heading">
        <h2 id="beliefs-heading">{t("landing.beliefsHeading")}</h2>
        <ul className="beliefs">
          {beliefs.map((b) => (
            <li key={b}>{t(`landing.beliefs.${b}`)}</li>
          ))}
        </ul>
      </section>

      <section className="cta-again card" aria-labelledby="cta-heading">
        <h2 id="cta-heading">{t("landing.ctaAgain")}</h2>
        <Link to={startHref} reloadDocument className="button primary button-large">
          {t("landing.start")}
        </Link>
      </section>
    </main>
  );
}
