import { useTranslation } from "react-i18next";
import {
  CommonGround,
  DistinctiveStatement,
  GroupSize,
  TooFewNote,
  UngroupedNote,
  UpdatedNote,
} from "~/components/opinion-map";
import type { ReportOpinionGroups } from "~/reports/report-model";

/**
 * The report's opinion groups in words, with the sentences of the consultation page's map: each
 * group's representative statements and the common ground of all groups.
 */
export function ReportOpinionGroupsSection({
  groups,
  language,
  threshold,
}: {
  groups: ReportOpinionGroups;
  language: string;
  threshold: number;
}) {
  const { t } = useTranslation(["reports", "opinion"]);
  const updated = groups.state === "none" ? null : <UpdatedNote analysis={groups} language={language} />;
  return (
    <section className="report-section" aria-labelledby="report-groups">
      <h2 id="report-groups">{t("reports:groups.heading")}</h2>
      {groups.state === "none" ? <p>{t("reports:groups.none")}</p> : null}
      {groups.state === "too-few" ? <TooFewNote analysis={groups} language={language} /> : null}
      {updated}
      {groups.state === "ok" ? (
        <>
          {typeof groups.participantsPlaced === "number" ? (
            <p>{t("reports:groups.intro", { count: groups.participantsPlaced })}</p>
          ) : null}
          <UngroupedNote ungrouped={groups.ungrouped} minGroupSize={groups.minGroupSize} language={language} />
          {groups.groups.map((group) => (
            <section key={group.label} className="report-group">
              <h3>
                <GroupSize group={group} language={language} threshold={threshold} />
              </h3>
              {group.representative.length === 0 ? <p>{t("opinion:group.noDistinctive")}</p> : null}
              <ul>
                {group.representative.map((r) => (
                  <li key={r.priorityId}>
                    <DistinctiveStatement statement={r} language={language} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <CommonGround consensus={groups.consensus} language={language} />
        </>
      ) : null}
    </section>
  );
}
