import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy";
import { getEnv } from "~/utils/env.server";
import { formatPartitaIva, isValidPartitaIva } from "~/domain/italian-ids";
import { getProfile } from "~/models/profile.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["landing.privacy"] } satisfies I18nHandle;

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const profile = await getProfile(locale);
  return {
    retentionDays: getEnv().DRAFT_RETENTION_DAYS,
    controller: profile
      ? { name: profile.displayName, email: profile.email, vat: profile.vatNumber && isValidPartitaIva(profile.vatNumber) ? formatPartitaIva(profile.vatNumber) : profile.vatNumber }
      : null,
  };
}

export const meta: MetaFunction = () => [{ title: "Privacy · Socialbrief" }];

const sections = ["what", "why", "drafts", "marketing", "keep", "rights"] as const;

export default function PrivacyNotice() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { controller, retentionDays } = useLoaderData<typeof loader>();
  const version = new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", { dateStyle: "long", timeZone: "Europe/Rome" }).format(new Date(`${PRIVACY_NOTICE_VERSION}T12:00:00Z`));
  return (
    <main id="main" className="page narrow">
      <article className="card prose">
        <h1>{t("landing.privacy.title")}</h1>
        <p className="hint">{t("landing.privacy.updated", { version })}</p>
        {controller ? (
          <>
            <h2>{t("landing.privacy.controllerHeading")}</h2>
            <p>
              {controller.email
                ? t("landing.privacy.controller", { name: controller.name, email: controller.email, vat: controller.vat ? ` (${controller.vat})` : "" })
                : t("landing.privacy.controllerNoEmail", { name: controller.name, vat: controller.vat ? ` (${controller.vat})` : "" })}
            </p>
          </>
        ) : null}
        {sections.map((s) => (
          <section key={s}>
            <h2>{t(`landing.privacy.${s}Heading`)}</h2>
            <p>{t(`landing.privacy.${s}`, { days: retentionDays })}</p>
          </section>
        ))}
        <p>
          <Link to={`/${locale}/intake`} reloadDocument>{t("landing.privacy.back")}</Link>
        </p>
      </article>
    </main>
  );
}
