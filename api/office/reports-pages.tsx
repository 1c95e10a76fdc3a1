/** Reports for the quarterly and yearly accountability: figures, charts, and a CSV export. */
import { stringify } from 'csv-stringify/sync';
import { Router } from 'express';
import { phaseLabel, JourneyPhase } from '../../domain/journey';
import { sectorLabel } from '../../domain/labels';
import type { Db } from '../../platform/db';
import type { Session } from '../../services/staff/sessions';
import { ErrorSummary, TextField } from '../pages/form-fields';
import { Heading1, Heading2, Paragraph } from '../pages/layout';
import { sendPage } from '../pages/render';
import { Table } from '../pages/table';
import { OfficePage } from './office-page';
import { pageSession, requireOfficePage } from './page-guard';
import { buildReports, equalAccessLabel, ReportPeriod, reportRows, type Reports } from '../../services/office/reports';

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });

interface Bar {
  label: string;
  value: number;
  target?: number | null;
  text: string;
}

/** Rough width of SVG text at the chart's 15px font: wide enough for Dutch words in a sans-serif font. */
const textWidth = (text: string) => Math.ceil(text.length * 8.6);

/**
 * A horizontal bar chart in SVG; its figures are also in the table beside it, which screen readers
 * use. Each bar's label sits on its own line above the bar and its figure beside the bar's end, in
 * space reserved for it, so no text ever runs over a bar, however long the label or full the bar.
 */
function BarChart({ id, title, bars, max }: { id: string; title: string; bars: Bar[]; max: number }) {
  const figureSpace = Math.max(80, ...bars.map((bar) => textWidth(bar.text))) + 8;
  // Narrow enough that the text stays readable when the chart shrinks to a phone's width.
  const width = Math.max(420, ...bars.map((bar) => textWidth(bar.label)));
  const row = 50;
  const scale = (v: number) => (max === 0 ? 0 : ((width - figureSpace) * Math.min(v, max)) / max);
  return (
    <figure class="koers-chart" aria-labelledby={`${id}-titel`}>
      <svg viewBox={`0 0 ${width} ${bars.length * row + 6}`} width="100%" role="img" aria-labelledby={`${id}-titel`}>
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${i * row + 4})`}>
            <text class="koers-chart-label" x="0" y="15">
              {bar.label}
            </text>
            <rect class="koers-bar" x="0" y="24" height="16" width={Math.max(1, scale(bar.value))} />
            {bar.target != null && <line class="koers-target" x1={scale(bar.target)} x2={scale(bar.target)} y1="21" y2="43" />}
            <text class="koers-chart-figure" x={scale(Math.max(bar.value, bar.target ?? 0)) + 6} y="37">
              {bar.text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id={`${id}-titel`} class="utrecht-paragraph">
        {title}
      </figcaption>
    </figure>
  );
}

export function ReportsPage({ session, reports, invalid }: { session: Session; reports: Reports; invalid?: { fields: Record<string, string[]> } }) {
  const { kpis, equalAccess } = reports;
  const measured = kpis.filter((k) => k.actual !== null && k.target !== null);
  const query = new URLSearchParams(Object.entries(reports.period).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
  return (
    <OfficePage title="Rapportages" session={session} current="rapportages">
      <Heading1>Rapportages</Heading1>
      <form method="get" action="/kantoor/rapportages" class="koers-filters">
        <TextField id="from" name="from" label="Instroom vanaf (JJJJ-MM-DD)" value={reports.period.from ?? ''} errors={invalid?.fields} />
        <TextField id="to" name="to" label="tot en met (JJJJ-MM-DD)" value={reports.period.to ?? ''} errors={invalid?.fields} />
        <div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Toon
          </button>
        </div>
      </form>
      {invalid && <ErrorSummary errors={invalid.fields} />}
      <Paragraph>
        <a class="utrecht-link utrecht-link--html-a" href={`/kantoor/rapportages/export.csv${query ? `?${query}` : ''}`} download>
          Alles downloaden als CSV (voor Excel)
        </a>
      </Paragraph>

      <section aria-labelledby="kpi-kop" class="koers-section">
        <Heading2 id="kpi-kop">Pijler Expertscholen: doelen en stand</Heading2>
        <div class="koers-columns">
          <BarChart
            id="kpi-grafiek"
            title="Opgeleide expertscholen tegen het doel (rode streep)"
            max={Math.max(1, ...measured.map((k) => Math.max(k.actual!, k.target!)))}
            bars={measured.map((k) => ({
              label: `${k.label} (${sectorLabel[k.sector]})`,
              value: k.actual!,
              target: k.target,
              text: `${k.actual} van ${k.target}`,
            }))}
          />
          <Table
            labelledBy="kpi-kop"
            columns={[{ label: 'KPI' }, { label: 'Sector' }, { label: 'Doel', numeric: true }, { label: 'Stand', numeric: true }]}
            rows={kpis.map((k) => ({
              key: `${k.key}-${k.sector}`,
              cells: [k.label, sectorLabel[k.sector], k.target ?? '–', k.actual ?? 'nog niet in Koers'],
            }))}
          />
        </div>
      </section>

      <section aria-labelledby="gelijk-kop" class="koers-section">
        <Heading2 id="gelijk-kop">Gelijke kansen in de instroom</Heading2>
        <Paragraph>
          {equalAccess.inflow} {equalAccess.inflow === 1 ? 'school' : 'scholen'} begonnen in deze periode aan een reis.
        </Paragraph>
        <div class="koers-columns">
          <BarChart
            id="gelijk-grafiek"
            title="Aandeel in de instroom"
            max={1}
            bars={equalAccess.markers.map((m) => ({ label: equalAccessLabel[m.marker], value: m.share, text: percent.format(m.share) }))}
          />
          <Table
            labelledBy="gelijk-kop"
            columns={[{ label: 'Groep' }, { label: 'Scholen', numeric: true }, { label: 'Aandeel', numeric: true }]}
            rows={equalAccess.markers.map((m) => ({ key: m.marker, cells: [equalAccessLabel[m.marker], m.count, percent.format(m.share)] }))}
          />
        </div>
      </section>

      <section aria-labelledby="subsidie-kop" class="koers-section">
        <Heading2 id="subsidie-kop">Toegekende subsidie per ronde</Heading2>
        <Table
          labelledBy="subsidie-kop"
          columns={[{ label: 'Ronde' }, { label: 'Schooljaar' }, { label: 'Aanvragen toegekend', numeric: true }, { label: 'Bedrag', numeric: true }]}
          rows={reports.subsidyByRound.map((r) => ({ key: r.roundId, cells: [r.roundId, r.schoolYear, r.approved, euros.format(r.amountEuros)] }))}
        />
        {reports.subsidyByRound.length === 0 && <Paragraph>Nog geen toegekende aanvragen.</Paragraph>}
      </section>

      <section aria-labelledby="fase-kop" class="koers-section">
        <Heading2 id="fase-kop">Scholen per fase en ronde</Heading2>
        <Table
          labelledBy="fase-kop"
          rowHeaders
          columns={[{ label: 'Ronde' }, ...JourneyPhase.options.map((p) => ({ label: phaseLabel[p], numeric: true }))]}
          rows={reports.phasesByRound.map((r) => ({
            key: r.roundId ?? '-',
            cells: [r.roundId ?? 'nog geen ronde', ...JourneyPhase.options.map((p) => r.counts[p] ?? 0)],
          }))}
        />
      </section>
    </OfficePage>
  );
}

export function reportsRouter({ db }: { db: Db }): Router {
  const router = Router();
  const period = (query: Record<string, unknown>) => ReportPeriod.safeParse({ from: query.from || undefined, to: query.to || undefined }); // an empty form field: no date

  router.get('/kantoor/rapportages', requireOfficePage(), async (req, res) => {
    const parsed = period(req.query);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
      return sendPage(res, 400, <ReportsPage session={pageSession(res)} reports={await buildReports(db, {})} invalid={{ fields }} />);
    }
    sendPage(res, 200, <ReportsPage session={pageSession(res)} reports={await buildReports(db, parsed.data)} />);
  });

  router.get('/kantoor/rapportages/export.csv', requireOfficePage(), async (req, res) => {
    const reports = await buildReports(db, period(req.query).data ?? {});
    // Semicolons and a byte-order mark: what Excel in Dutch expects.
    const csv = `\uFEFF${stringify(reportRows(reports), { delimiter: ';' })}`;
    res
      .set('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(`koers-rapportage-${new Date().toISOString().slice(0, 10)}.csv`)
      .send(csv);
  });

  return router;
}
