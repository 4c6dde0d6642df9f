// The proposal as a web page: the same resolved view the PDF renders.
import { Fragment, type ReactNode } from "react";
import type { PartId } from "~/domain/strategy/model";
import { onboardingRows, type Line, type ProposalView } from "~/domain/strategy/view";
import { priceWithVat, pricesNetNote, regimeOrRate } from "~/domain/strategy/price-with-vat";

function Part({ id, view, children }: { id: PartId; view: ProposalView; children: ReactNode }) {
  const edited = view.edits[id];
  return (
    <section className="proposal-part" id={`part-${id}`} aria-labelledby={`part-${id}-title`}>
      <h2 id={`part-${id}-title`}>{view.partTitles[id]}</h2>
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
    </section>
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

export function ProposalDocumentView({ view, contentsLabel, chooser }: { view: ProposalView; contentsLabel: string; chooser?: ReactNode }) {
  const L = view.label;
  const max = Math.max(1, ...view.situation.chart.map((c) => c.followers));
  return (
    <div className="proposal-doc">
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
          <div className="table-wrap" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{L.channel}</th>
                  <th scope="col">{L.status}</th>
                  <th scope="col">{L.handle}</th>
                  <th scope="col" className="num">
                    {L.followers}
                  </th>
                  <th scope="col">{L.frequency}</th>
                  <th scope="col">{L.runBy}</th>
                </tr>
              </thead>
              <tbody>
                {view.situation.rows.map((r) => (
                  <tr key={r.channel}>
                    <th scope="row">{r.channel}</th>
                    <td>{r.status}</td>
                    <td className="break">{r.handle}</td>
                    <td className="num">{r.followers}</td>
                    <td>{r.frequency}</td>
                    <td>{r.runBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.channel}</th>
                <th scope="col">{L.priority}</th>
                <th scope="col">{L.why}</th>
              </tr>
            </thead>
            <tbody>
              {view.channels
                .filter((c) => c.priority !== "leave" || c.reasons.length)
                .map((c) => (
                  <tr key={c.channel} className={`priority-${c.priority}`}>
                    <th scope="row">{c.channel}</th>
                    <td>{c.priorityLabel}</td>
                    <td>
                      <ul className="plain">
                        {c.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </Part>

      <Part id="content" view={view}>
        <h3>{L.pillars}</h3>
        <List items={view.content.pillars} />
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.channel}</th>
                <th scope="col" className="num">
                  {L.postsPerWeek}
                </th>
                <th scope="col">{L.formats}</th>
                <th scope="col">{L.why}</th>
              </tr>
            </thead>
            <tbody>
              {view.content.cadence.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{c.channel}</th>
                  <td className="num">{c.posts}</td>
                  <td>{c.formats}</td>
                  <td>{(c.reasons ?? []).join(" ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
            <div className="table-wrap" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{L.channel}</th>
                    <th scope="col">{L.replyOffice}</th>
                    <th scope="col">{L.replyOutside}</th>
                    <th scope="col">{L.why}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.community.byChannel.map((c) => (
                    <tr key={c.channel}>
                      <th scope="row">{c.channel}</th>
                      <td>{c.business}</td>
                      <td>{c.outside}</td>
                      <td>{c.reasons.join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.level}</th>
                <th scope="col">{L.situation}</th>
                <th scope="col">{L.responseTime}</th>
                <th scope="col">{L.actions}</th>
              </tr>
            </thead>
            <tbody>
              {view.crisis.severities.map((s) => (
                <tr key={s.level}>
                  <th scope="row">{s.level}</th>
                  <td>{s.description}</td>
                  <td>{s.response}</td>
                  <td>{s.actions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div className="table-wrap" tabIndex={0}>
          <table className="table raci">
            <thead>
              <tr>
                <th scope="col">{L.activity}</th>
                <th scope="col">{L.studio}</th>
                <th scope="col">{view.roles.approverLabel}</th>
                <th scope="col">{view.roles.spokespersonLabel}</th>
              </tr>
            </thead>
            <tbody>
              {view.roles.raci.map((r) => (
                <tr key={r.activity}>
                  <th scope="row">{r.activity}</th>
                  <td>{r.studio}</td>
                  <td>{r.approver}</td>
                  <td>{r.spokesperson}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
            <div className="table-wrap" tabIndex={0}>
              <table className="table seasons">
                <thead>
                  <tr>
                    <th scope="col">{L.month}</th>
                    <th scope="col">{L.intensityCol}</th>
                    <th scope="col" className="num">
                      {L.postsWeek}
                    </th>
                    <th scope="col">{L.drivers}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.workflow.seasons.months.map((mo) => (
                    <tr key={mo.month} className={`intensity-${mo.intensity}`}>
                      <th scope="row">{mo.month}</th>
                      <td>{mo.intensityLabel}</td>
                      <td className="num">{mo.posts}</td>
                      <td>{mo.drivers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Reasons reasons={view.workflow.seasons.reasons} label={L.why!} />
          </>
        ) : null}
        <h3>{L.calendar}</h3>
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.day}</th>
                <th scope="col">{L.channel}</th>
                <th scope="col">{L.pillar}</th>
                <th scope="col">{L.format}</th>
              </tr>
            </thead>
            <tbody>
              {view.workflow.calendar.map((e, i) => (
                <tr key={i}>
                  <th scope="row">{e.day}</th>
                  <td>{e.channel}</td>
                  <td>{e.pillar}</td>
                  <td>{e.format}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Part>

      <Part id="investment" view={view}>
        <div className="packages">
          {view.investment.packages.map((p) => (
            <div key={p.id} className={p.recommended ? "card package recommended" : "card package"}>
              {p.recommended ? <p className="badge badge-recommended">{L.recommended}</p> : null}
              <h3>{p.name}</h3>
              <p className="price">
                {p.monthly} <span className="hint">{priceWithVat(p.monthlyNetCents, regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L).plusVat}</span>{" "}
                <span className="hint">{L.perMonth}</span>
              </p>
              <p className="hint">{priceWithVat(p.monthlyNetCents, regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L).withVat}</p>
              <List items={p.includes} />
              <Reasons reasons={p.reasons} label={L.why!} />
            </div>
          ))}
        </div>
        {view.investment.gaps?.length ? (
          <div className="card gaps">
            <h3>{L.gapsTitle}</h3>
            <p>{view.investment.gaps[0]}</p>
            <List items={view.investment.gaps.slice(1)} />
          </div>
        ) : null}
        <h3>{L.addOns}</h3>
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{L.addOn}</th>
                <th scope="col" className="num">
                  {L.price}
                </th>
                <th scope="col">{L.why}</th>
              </tr>
            </thead>
            <tbody>
              {view.investment.addOns.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.name}
                    {a.suggested ? <span className="badge badge-suggested">{L.suggested}</span> : null}
                  </th>
                  <td className="num">
                    {a.price} <span className="hint">{a.recurring ? L.perMonth : L.oneOff}</span>
                  </td>
                  <td>{a.reasons.join(" ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{pricesNetNote(regimeOrRate(view.investment.taxRegime, view.investment.vatRatePercent), view.locale, L)}</p>
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
        {chooser}
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
