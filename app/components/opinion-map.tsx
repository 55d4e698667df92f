import { useTranslation } from "react-i18next";
import type { GroupLabel } from "~/opinion";
import { usePageResources } from "~/components/page-resources";
import { dotsMarkup, GROUP_COLOURS, GROUP_SHAPES, MAP_FRAME, shapePath } from "~/opinion/opinion-map";
import type { CompositionView, MapGroup, OpinionMapSection } from "~/opinion/opinion-map.server";
import { UNGROUPED } from "~/opinion/stored";
import { ShownCount } from "~/components/report/shown-count";
import { DEFAULT_SMALL_CELL_THRESHOLD, WITHHELD, type Shown } from "~/reports/small-cells";
import { formatNumber, formatPercent } from "~/platform/format";
import { DataTable } from "~/components/data-table";

type Ready = Extract<OpinionMapSection, { state: "ok" }>;

function formatUpdated(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

function listOf(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: "conjunction" }).format(items);
}

/** A group's shape in its colour, beside its name wherever groups are named. */
function GroupMarker({ label }: { label: GroupLabel }) {
  const shape = GROUP_SHAPES[label];
  return (
    <svg className="opinion-marker" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={shapePath(shape, { x: 8, y: 8 }, 6)}
        fill={shape === "cross" ? "none" : GROUP_COLOURS[label]}
        stroke={GROUP_COLOURS[label]}
        strokeWidth={shape === "cross" ? 2.5 : 1}
      />
    </svg>
  );
}

function MapDrawing({ map, language }: { map: Ready; language: string }) {
  const { t } = useTranslation("opinion");
  const labels = map.groups.map((g) => g.label);
  const { centroids, drawn } = map.drawing;
  // A page's hydration data leaves the dots out (the server drew them, see the consultation loader):
  // then nothing is set and React keeps the server's markup; data fetched later brings them along.
  const dots = usePageResources().renderOnly.opinionMapDots ?? map.drawing.dots;
  const { width, height } = MAP_FRAME;
  return (
    <figure className="opinion-map__figure">
      <svg
        className="opinion-map__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="opinion-map-title opinion-map-desc"
      >
        <title id="opinion-map-title">{t("svg.title")}</title>
        <desc id="opinion-map-desc">
          {t("svg.desc", {
            people: formatNumber(map.participantsPlaced - map.ungrouped, language),
            groups: formatNumber(map.groups.length, language),
          })}
        </desc>
        <rect x="0" y="0" width={width} height={height} className="opinion-map__ground" />
        <line x1={width / 2} y1="8" x2={width / 2} y2={height - 8} className="opinion-map__axis" />
        <line x1="8" y1={height / 2} x2={width - 8} y2={height / 2} className="opinion-map__axis" />
        <g dangerouslySetInnerHTML={{ __html: dots ? dotsMarkup(dots, labels) : "" }} suppressHydrationWarning />
        {centroids.map(({ x, y }, g) => (
          <g key={labels[g]} className="opinion-map__centroid">
            <circle cx={x} cy={y} r="11" />
            <text x={x} y={y} dy="0.35em" textAnchor="middle">
              {labels[g]}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="opinion-map__legend">
          {map.groups.map((group) => (
            <li key={group.label}>
              <GroupMarker label={group.label} /> {t("legend", { label: group.label })}
            </li>
          ))}
        </ul>
        {drawn < map.participantsPlaced - map.ungrouped ? (
          <p className="opinion-map__note">
            {t("sampled", {
              drawn: formatNumber(drawn, language),
              total: formatNumber(map.participantsPlaced - map.ungrouped, language),
            })}
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** A statement that sets a group apart: how much more (or less) it agrees than everyone else, then the statement. */
export function DistinctiveStatement({
  statement,
  language,
}: {
  statement: NonNullable<MapGroup["distinctive"]>;
  language: string;
}) {
  const { t } = useTranslation("opinion");
  return (
    <>
      {t(statement.direction === "agree" ? "opinion:group.agreesMore" : "opinion:group.disagreesMore", {
        inGroup: formatPercent(statement.shareInGroup, language),
        elsewhere: formatPercent(statement.shareElsewhere, language),
      })}{" "}
      <q lang={statement.title.language}>{statement.title.text}</q>
    </>
  );
}

/** When the groups were last worked out, and from how many votes. */
export function UpdatedNote({
  analysis,
  language,
  className,
}: {
  analysis: { computedAt: string; voteCount: number };
  language: string;
  className?: string;
}) {
  const { t } = useTranslation("opinion");
  return (
    <p className={className}>
      {t("opinion:updated", {
        date: formatUpdated(analysis.computedAt, language),
        votes: formatNumber(analysis.voteCount, language),
        count: analysis.voteCount,
      })}
    </p>
  );
}

/** Why there are no groups yet: too few people have voted on enough priorities, and how many more are needed. */
export function TooFewNote({
  analysis,
  language,
  className,
}: {
  analysis: { minParticipants: number; minVotes: number; placed: number; needed: number };
  language: string;
  className?: string;
}) {
  const { t } = useTranslation("opinion");
  return (
    <p className={className}>
      {t("opinion:tooFew", {
        min: formatNumber(analysis.minParticipants, language),
        minVotes: formatNumber(analysis.minVotes, language),
        placed: formatNumber(analysis.placed, language),
        needed: formatNumber(analysis.needed, language),
        count: analysis.needed,
      })}
    </p>
  );
}

/** The statements every group agrees with, each with the agreement of its least convinced group. */
export function CommonGround({
  consensus,
  language,
  className,
}: {
  consensus: Ready["consensus"];
  language: string;
  className?: string;
}) {
  const { t } = useTranslation("opinion");
  return (
    <>
      <h3>{t("opinion:consensus.heading")}</h3>
      {consensus.length === 0 ? (
        <p>{t("opinion:consensus.none")}</p>
      ) : (
        <ul className={className}>
          {consensus.map((statement) => (
            <li key={statement.priorityId}>
              <q lang={statement.title.language}>{statement.title.text}</q>{" "}
              {t("opinion:consensus.share", { share: formatPercent(statement.lowestAgree, language) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Says how many voted enough but are in no group, and why; nothing when everyone is in one. */
export function UngroupedNote({
  ungrouped,
  minGroupSize,
  language,
}: {
  ungrouped: number;
  minGroupSize: number;
  language: string;
}) {
  const { t } = useTranslation("opinion");
  if (ungrouped === 0) return null;
  return (
    <p className="opinion-map__note">
      {t("opinion:ungrouped.sentence", {
        people: formatNumber(ungrouped, language),
        min: formatNumber(minGroupSize, language),
        count: ungrouped,
      })}
    </p>
  );
}

/**
 * "Group A: 38 % (97 people)"; "fewer than 5" when the size is under the small-cell threshold, or
 * "size withheld" when it is hidden only so that a smaller one cannot be worked out.
 */
export function GroupSize({
  group,
  language,
  threshold,
}: {
  group: { label: GroupLabel; size: Shown; share: number | null };
  language: string;
  threshold: number;
}) {
  const { t } = useTranslation("opinion");
  if (group.size === WITHHELD) return t("common:smallCells.groupWithheld", { label: group.label });
  return group.size !== null && group.share !== null
    ? t("opinion:group.summary", {
        label: group.label,
        share: formatPercent(group.share, language),
        people: formatNumber(group.size, language),
        count: group.size,
      })
    : t("opinion:group.sizeWithheld", { label: group.label, count: threshold });
}

function GroupDescription({ group, language, threshold }: { group: MapGroup; language: string; threshold: number }) {
  const { t } = useTranslation("opinion");
  const stakeholders = group.mostlyStakeholders.map((key) => t(`opinion:stakeholders.${key}`));
  const { distinctive } = group;
  return (
    <li className="opinion-group">
      <p className="opinion-group__title">
        <GroupMarker label={group.label} />{" "}
        <strong>
          <GroupSize group={group} language={language} threshold={threshold} />
        </strong>
      </p>
      {stakeholders.length > 0 ? (
        <p>{t("opinion:group.mostlyStakeholders", { list: listOf(stakeholders, language) })}</p>
      ) : null}
      {group.mostlyCountries.length > 0 ? (
        <p>{t("opinion:group.mostlyCountries", { list: listOf(group.mostlyCountries, language) })}</p>
      ) : null}
      {distinctive ? (
        <p>
          <DistinctiveStatement statement={distinctive} language={language} />
        </p>
      ) : (
        <p>{t("opinion:group.noDistinctive")}</p>
      )}
    </li>
  );
}

/** One answer's people in each group, then in all (or, in the footer, each group's and everyone's). */
function CompositionRow({
  heading,
  cells,
  total,
  labels,
}: {
  heading: string;
  cells: readonly Shown[];
  total: Shown;
  labels: readonly GroupLabel[];
}) {
  return (
    <tr>
      <th scope="row">{heading}</th>
      {cells.map((cell, g) => (
        <td key={labels[g]}>
          <ShownCount value={cell} threshold={DEFAULT_SMALL_CELL_THRESHOLD} />
        </td>
      ))}
      <td>
        <ShownCount value={total} threshold={DEFAULT_SMALL_CELL_THRESHOLD} />
      </td>
    </tr>
  );
}

function CompositionTable({
  caption,
  answerHeading,
  view,
  labels,
  answerName,
}: {
  caption: string;
  answerHeading: string;
  view: CompositionView;
  labels: readonly GroupLabel[];
  answerName: (answer: string) => string;
}) {
  const { t } = useTranslation("opinion");
  if (view.answers.length === 0) return null;
  return (
    <div className="opinion-map__table">
      <DataTable
        caption={caption}
        columns={[answerHeading, ...labels.map((label) => t("legend", { label })), t("composition.total")]}
        footer={
          <CompositionRow
            heading={t("composition.total")}
            cells={view.groupTotals}
            total={view.total}
            labels={labels}
          />
        }
      >
        {view.rows.map((row, r) => (
          <CompositionRow
            key={view.answers[r]}
            heading={answerName(view.answers[r]!)}
            cells={row.cells}
            total={row.total}
            labels={labels}
          />
        ))}
      </DataTable>
    </div>
  );
}

function ReadyMap({ map, language, signedIn }: { map: Ready; language: string; signedIn: boolean }) {
  const { t } = useTranslation("opinion");
  const labels = map.groups.map((g) => g.label);
  return (
    <>
      <UpdatedNote analysis={map} language={language} className="opinion-map__updated" />
      {signedIn ? (
        <p className="opinion-map__own">
          {map.ownGroup === UNGROUPED ? (
            t("opinion:ungrouped.own", { min: formatNumber(map.minGroupSize, language) })
          ) : map.ownGroup ? (
            <>
              <GroupMarker label={map.ownGroup} /> {t("opinion:own.inGroup", { label: map.ownGroup })}
            </>
          ) : (
            t("opinion:own.notPlaced", { minVotes: map.minVotes, count: map.minVotes })
          )}
        </p>
      ) : null}
      <MapDrawing map={map} language={language} />
      <h3>{t("opinion:groupsHeading")}</h3>
      <UngroupedNote ungrouped={map.ungrouped} minGroupSize={map.minGroupSize} language={language} />
      <ul className="opinion-groups">
        {map.groups.map((group) => (
          <GroupDescription key={group.label} group={group} language={language} threshold={map.smallCellThreshold} />
        ))}
      </ul>
      <CommonGround consensus={map.consensus} language={language} className="opinion-consensus" />
      {map.stakeholders.answers.length + map.countries.answers.length > 0 ? (
        <details className="opinion-map__composition">
          <summary>{t("opinion:composition.summary")}</summary>
          <p>{t("opinion:composition.consent")}</p>
          <CompositionTable
            caption={t("opinion:composition.stakeholdersCaption")}
            answerHeading={t("opinion:composition.stakeholderGroup")}
            view={map.stakeholders}
            labels={labels}
            answerName={(key) => t(`common:stakeholderGroups.${key}`)}
          />
          <CompositionTable
            caption={t("opinion:composition.countriesCaption")}
            answerHeading={t("opinion:composition.country")}
            view={map.countries}
            labels={labels}
            answerName={(name) => name}
          />
        </details>
      ) : null}
    </>
  );
}

/**
 * The opinion map section: the map as a server-rendered SVG (no script needed), each group in
 * words and the common ground below it, which together are the map's text alternative.
 */
export function OpinionMap({
  section,
  language,
  signedIn,
}: {
  section: OpinionMapSection;
  language: string;
  signedIn: boolean;
}) {
  const { t } = useTranslation("opinion");
  return (
    <section id="opinion-map" aria-labelledby="opinion-map-heading" className="opinion-map">
      <h2 id="opinion-map-heading">{t("heading")}</h2>
      <p>{t("intro")}</p>
      {section.state === "hidden" ? <p className="opinion-map__message">{t(`hidden.${section.reason}`)}</p> : null}
      {section.state === "pending" ? <p className="opinion-map__message">{t("pending")}</p> : null}
      {section.state === "too-few" ? (
        <>
          <TooFewNote analysis={section} language={language} className="opinion-map__message" />
          <UpdatedNote analysis={section} language={language} className="opinion-map__updated" />
        </>
      ) : null}
      {section.state === "ok" ? <ReadyMap map={section} language={language} signedIn={signedIn} /> : null}
    </section>
  );
}
