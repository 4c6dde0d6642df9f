// The proposal as a web page: the same resolved view the PDF renders.
import { Fragment, useEffect, useRef, type ReactNode, type RefObject } from "react";
import type { PartId } from "~/domain/strategy/model";
import { onboardingRows, type Line, type ProposalView } from "~/domain/strategy/view";
import { priceWithVat, pricesNetNote, regimeOrRate } from "~/domain/strategy/price-with-vat";

/**
 * One part of the proposal, folded in a <details> (no JavaScript needed to open it): on a phone the page
 * is a list of headings with the summary and the investment (where the reader chooses) open, on a wide
 * screen and in print every part is open (app.css, ::details-content; useUnfoldParts once hydrated).
 */
function Part({ id, view, children }: { id: PartId; view: ProposalView; children: ReactNode }) {
  const edited = view.edits[id];
  return (
    <section className="proposal-part" id={`part-${id}`} aria-labelledby={`part-${id}-title`}>
      <details className="part-fold" open={openOnPhones.has(id) || undefined}>
        <summary>
          <h2 id={`part-${id}-title`}>{view.partTitles[id]}</h2>
        </summary>
        {edited ? (
          <div className="edited">
            {edited.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
            <p className="hint">{view.label.edited}</p>
          </div>
        ) : (
          children
        )}
      </details>
    </section>
  );
}

const openOnPhones: ReadonlySet<PartId> = new Set<PartId>(["summary", "investment"]);

/** Wide screens read the parts unfolded; a link to a part (the contents, #part-…) unfolds it on any screen. */
function useUnfoldParts(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const folds = () => Array.from(root.current?.querySelectorAll<HTMLDetailsElement>("details.part-fold") ?? []);
    if (window.matchMedia("(min-width: 760px)").matches) for (const d of folds()) d.open = true;
    // From now on the parts open and close as the reader asks (app.css stops forcing them open).
    root.current?.setAttribute("data-unfolded", "");
    const unfoldTarget = () => {
      const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      const fold = target?.querySelector<HTMLDetailsElement>("details.part-fold");
      if (fold && !fold.open) {
        fold.open = true;
        target?.scrollIntoView();
      }
    };
    unfoldTarget();
    window.addEventListener("hashchange", unfoldTarget);
    return () => window.removeEventListener("hashchange", unfoldTarget);
  }, [root]);
}

interface Column {
  label: string | undefined;
  num?: boolean;
}

/**
 * A table whose rows become stacked cards on a phone (app.css, .stack-table and .card-table): the first cell heads
 * the card, every other cell carries its column's name (data-label) so it still reads on its own.
 */
function CardTable({ columns, rows, className }: { columns: Column[]; rows: Array<{ key: string; className?: string; cells: ReactNode[] }>; className?: string }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className={`table stack-table card-table${className ? ` ${className}` : ""}`}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.num ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.className}>
              {r.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.num ? "num" : undefined} data-label={columns[i]?.label}>
                    <span className="cell-value">{cell}</span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Reasons({ reasons, label }: { reasons: string[]; label: string }) {
  if (!reasons.length) return null;
  return (
    <div className="reasons">
      <span className="reasons-label">{label}</span>
      <ul>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

function Lines({ lines, why }: { lines: Line[]; why: string }) {
  return (
    <ol className="summary-lines">
      {lines.map((l) => (
        <li key={l.text}>
          <strong>{l.text}</strong>
          <Reasons reasons={l.reasons} label={why} />
        </li>
      ))}
    </ol>
  );
}

const List = ({ items }: { items: string[] }) => (
  <ul className="bullets">
    {items.map((i) => (
      <li key={i}>{i}</li>
    ))}
  </ul>
);

/**
 * The prospect's choice, when the page lets them choose: the package cards carry the package radios and the
 * add-ons table the add-on boxes (each package and add-on shown once), inside the form `wrap` renders.
 */
export interface OfferChoice {
  packageId: string;
  addOnIds: readonly string[];
  /** The accessible name of a package's radio, e.g. "Choose Complete". */
  pickLabel: (packageName: string) => string;
  packageLegend: string;
  wrap: (offer: ReactNode) => ReactNode;
}

export function ProposalDocumentView({ view, contentsLabel, choice }: { view: ProposalView; contentsLabel: string; choice?: OfferChoice | null }) {
  const L = view.label;
  const max = Math.max(1, ...view.situation.chart.map((c) => c.followers));
  const root = useRef<HTMLDivElement>(null);
  useUnfoldParts(root);
  const regime = regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent);
  const packages = view.investment.packages.map((p) => {
    const price = priceWithVat(p.monthlyNetCents, regime, view.locale, L);
    return (
      <div key={p.id} className={p.recommended ? "card package recommended" : "card package"}>
        {p.recommended ? <p className="badge badge-recommended">{L.recommended}</p> : null}
        <h3>{p.name}</h3>
        <p className="price">
          {p.monthly} <span className="hint">{price.plusVat}</span> <span className="hint">{L.perMonth}</span>
        </p>
        <p className="hint">{price.withVat}</p>
        {choice ? (
          <label className="choice package-pick">
            <input type="radio" name="package" value={p.id} defaultChecked={choice.packageId === p.id} /> {choice.pickLabel(p.name)}
          </label>
        ) : null}
        <List items={p.includes} />
        <Reasons reasons={p.reasons} label={L.why!} />
      </div>
    );
  });
  const offer = (
    <>
      {choice ? (
        <fieldset className="packages-pick">
          <legend className="visually-hidden">{choice.packageLegend}</legend>
          <div className="packages">{packages}</div>
        </fieldset>
      ) : (
        <div className="packages">{packages}</div>
      )}
      {view.investment.gaps?.length ? (
        <div className="card gaps">
          <h3>{L.gapsTitle}</h3>
          <p>{view.investment.gaps[0]}</p>
          <List items={view.investment.gaps.slice(1)} />
        </div>
      ) : null}
      <h3 id="addons-title">{L.addOns}</h3>
      <CardTable
        className="addons"
        columns={[{ label: L.addOn }, { label: L.price, num: true }, { label: L.why }]}
        rows={view.investment.addOns.map((a) => ({
          key: a.id,
          cells: [
            <>
              {choice ? (
                <label className="choice addon-pick">
                  <input type="checkbox" name="addon" value={a.id} defaultChecked={choice.addOnIds.includes(a.id)} aria-describedby="addons-title" /> {a.name}
                </label>
              ) : (
                a.name
              )}
              {a.suggested ? <span className="badge badge-suggested">{L.suggested}</span> : null}
            </>,
            <>
              {a.price} <span className="hint">{a.recurring ? L.perMonth : L.oneOff}</span>
            </>,
            a.reasons.join(" "),
          ],
        }))}
      />
      <p className="hint">{pricesNetNote(regime, view.locale, L)}</p>
    </>
  );
  return (
    <div className="proposal-doc" ref={root}>
      <nav aria-label={contentsLabel} className="card toc">
        <h2>{contentsLabel}</h2>
        <ol>
          {(Object.keys(view.partTitles) as PartId[]).map((id) => (
            <li key={id}>
              <a href={`#part-${id}`}>{view.partTitles[id]}</a>
            </li>
          ))}
        </ol>
      </nav>

      <Part id="summary" view={view}>
        <Lines lines={view.summary} why={L.why!} />
      </Part>

      <Part id="situation" view={view}>
        {view.situation.rows.length ? (
          <CardTable
            columns={[{ label: L.channel }, { label: L.status }, { label: L.handle }, { label: L.followers, num: true }, { label: L.frequency }, { label: L.runBy }]}
            rows={view.situation.rows.map((r) => ({ key: r.channel, cells: [r.channel, r.status, <span key="h" className="break">{r.handle}</span>, r.followers, r.frequency, r.runBy] }))}
          />
        ) : null}
        {view.situation.chart.length ? (
          <figure className="audience">
            <figcaption>
              <h3>{L.audienceChart}</h3>
            </figcaption>
            <ul className="audience-list">
              {view.situation.chart.map((c) => (
                <li key={c.channel}>
                  <span className="audience-channel">{c.channel}</span>
                  <span className="audience-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round((c.followers / max) * 100)}%` }} />
                  </span>
                  <span className="audience-figure">{c.label}</span>
                </li>
              ))}
            </ul>
          </figure>
        ) : null}
        <List items={view.situation.observations} />
      </Part>

      <Part id="audience" view={view}>
        <List items={view.audience.points} />
        {view.audience.personas ? (
          <blockquote className="personas">
            <p className="hint">{L.personas}</p>
            <p>{view.audience.personas}</p>
          </blockquote>
        ) : null}
        {view.audience.hypotheses ? (
          <div className="personas personas-hypotheses">
            <h3>{view.audience.hypotheses.title}</h3>
            <p className="hint">{view.audience.hypotheses.note}</p>
            {view.audience.hypotheses.personas.map((p) => (
              <div key={p.name} className="persona">
                <p>
                  <strong>{p.name}</strong> {p.text}
                </p>
                <Reasons reasons={p.reasons} label={L.why!} />
              </div>
            ))}
          </div>
        ) : null}
      </Part>

      <Part id="objectives" view={view}>
        {view.objectives.map((o) => (
          <div key={o.goal} className="objective">
            <h3>
              {o.rank}: {o.goal}
            </h3>
            {o.target ? (
              <p>
                <strong>{L.target}:</strong> {o.target}
              </p>
            ) : null}
            <List items={o.kpis} />
            <Reasons reasons={o.reasons} label={L.why!} />
          </div>
        ))}
      </Part>

      <Part id="channels" view={view}>
        <CardTable
          columns={[{ label: L.channel }, { label: L.priority }, { label: L.why }]}
          rows={view.channels
            .filter((c) => c.priority !== "leave" || c.reasons.length)
            .map((c) => ({
              key: c.channel,
              className: `priority-${c.priority}`,
              cells: [
                c.channel,
                c.priorityLabel,
                <ul key="r" className="plain">
                  {c.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>,
              ],
            }))}
        />
      </Part>

      <Part id="content" view={view}>
        <h3>{L.pillars}</h3>
        <List items={view.content.pillars} />
        <CardTable
          columns={[{ label: L.channel }, { label: L.postsPerWeek, num: true }, { label: L.formats }, { label: L.why }]}
          rows={view.content.cadence.map((c) => ({ key: c.channel, cells: [c.channel, c.posts, c.formats, (c.reasons ?? []).join(" ")] }))}
        />
        <Reasons reasons={view.content.reasons} label={L.why!} />
        {view.content.languages?.length ? (
          <>
            <h3>{L.languagesTitle}</h3>
            <List items={view.content.languages} />
          </>
        ) : null}
        {view.content.rules?.length ? (
          <>
            <h3>{L.rulesTitle}</h3>
            <ul className="bullets rules">
              {view.content.rules.map((r) => (
                <li key={r.text}>
                  {r.text} <span className="hint">{r.reasons.join(" ")}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Part>

      <Part id="community" view={view}>
        <List items={[view.community.business, view.community.outside, view.community.tone, ...view.community.rules]} />
        <Reasons reasons={view.community.reasons} label={L.why!} />
        {view.community.byChannel?.length ? (
          <>
            <h3>{L.replyByChannel}</h3>
            <CardTable
              columns={[{ label: L.channel }, { label: L.replyOffice }, { label: L.replyOutside }, { label: L.why }]}
              rows={view.community.byChannel.map((c) => ({ key: c.channel, cells: [c.channel, c.business, c.outside, c.reasons.join(" ")] }))}
            />
          </>
        ) : null}
      </Part>

      <Part id="crisis" view={view}>
        <p className={view.crisis.reinforced ? "badge badge-reinforced" : "badge"}>{view.crisis.level}</p>
        {view.crisis.story?.length ? (
          <>
            <h3>{L.storyTitle}</h3>
            <List items={view.crisis.story} />
          </>
        ) : null}
        <Reasons reasons={view.crisis.reasons} label={L.why!} />
        <CardTable
          columns={[{ label: L.level }, { label: L.situation }, { label: L.responseTime }, { label: L.actions }]}
          rows={view.crisis.severities.map((s) => ({ key: s.level, cells: [s.level, s.description, s.response, s.actions] }))}
        />
        <h3>{L.escalation}</h3>
        <List items={view.crisis.escalation} />
        {view.crisis.authorities ? (
          <>
            <h3>{L.authorities}</h3>
            <List items={view.crisis.authorities} />
          </>
        ) : null}
        {view.crisis.fakeNews ? (
          <>
            <h3>{L.fakeNews}</h3>
            <List items={view.crisis.fakeNews} />
          </>
        ) : null}
        <h3>{L.holding}</h3>
        <List items={view.crisis.holding} />
      </Part>

      <Part id="roles" view={view}>
        <CardTable
          className="raci"
          columns={[{ label: L.activity }, { label: L.studio }, { label: view.roles.approverLabel }, { label: view.roles.spokespersonLabel }]}
          rows={view.roles.raci.map((r) => ({ key: r.activity, cells: [r.activity, r.studio, r.approver, r.spokesperson] }))}
        />
        {view.roles.legend?.length ? <List items={view.roles.legend} /> : null}
      </Part>

      <Part id="measurement" view={view}>
        <h3>{L.kpis}</h3>
        <List items={view.measurement.kpis} />
        <List items={view.measurement.cadence} />
        {view.measurement.sources?.length ? (
          <>
            <h3>{L.sourcesTitle}</h3>
            <ul className="plain hint">
              {view.measurement.sources.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </>
        ) : null}
      </Part>

      <Part id="roadmap" view={view}>
        <div className="roadmap">
          {view.roadmap.map((step) => (
            <div key={step.title} className="card">
              <h3>{step.title}</h3>
              <List items={step.items} />
            </div>
          ))}
        </div>
      </Part>

      <Part id="workflow" view={view}>
        <List items={view.workflow.points} />
        {view.workflow.seasons ? (
          <>
            <h3>{L.seasonsTitle}</h3>
            <CardTable
              className="seasons"
              columns={[{ label: L.month }, { label: L.intensityCol }, { label: L.postsWeek, num: true }, { label: L.drivers }]}
              rows={view.workflow.seasons.months.map((mo) => ({ key: mo.month, className: `intensity-${mo.intensity}`, cells: [mo.month, mo.intensityLabel, mo.posts, mo.drivers] }))}
            />
            <Reasons reasons={view.workflow.seasons.reasons} label={L.why!} />
          </>
        ) : null}
        <h3>{L.calendar}</h3>
        <CardTable
          columns={[{ label: L.day }, { label: L.channel }, { label: L.pillar }, { label: L.format }]}
          rows={view.workflow.calendar.map((e, i) => ({ key: String(i), cells: [e.day, e.channel, e.pillar, e.format] }))}
        />
      </Part>

      <Part id="investment" view={view}>
        {choice ? choice.wrap(offer) : offer}
        <h3>{L.onboarding}</h3>
        <dl className="invoice">
          {onboardingRows(view.investment.onboarding, L.net ?? "").map((row) => (
            <Fragment key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.amount}</dd>
            </Fragment>
          ))}
          <dt>{L.total}</dt>
          <dd>
            <strong data-testid="onboarding-total">{view.investment.onboarding.total}</strong>
          </dd>
        </dl>
        {(view.investment.onboarding.notes ?? []).map((note) => (
          <p className="hint tax-note" key={note}>
            {note}
          </p>
        ))}
        <p className="hint">{view.validUntil}</p>
      </Part>

      <Part id="terms" view={view}>
        <List items={view.terms} />
      </Part>

      <Part id="nextSteps" view={view}>
        <ol className="bullets">
          {view.nextSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </Part>
    </div>
  );
}
