import { useTranslation } from "react-i18next";
import { isSupportedLanguage, languageAutonyms } from "~/platform/i18n/config";
import {
  channelMeasures,
  NOT_STATED,
  reportChannels,
  type ChannelMeasure,
  type ReportBreakdown,
  type ReportChannels,
} from "~/reports/report-model";
import type { Shown } from "~/reports/small-cells";
import { countryName } from "~/platform/format";
import { ShownCount } from "~/components/report/shown-count";
import { DataTable } from "~/components/data-table";

/** Participants by one profile answer, as a table whose small cells read "<5" and protecting ones "withheld". */
export function BreakdownTable({
  breakdown,
  language,
  threshold,
}: {
  breakdown: ReportBreakdown;
  language: string;
  threshold: number;
}) {
  const { t } = useTranslation(["reports", "profile"]);
  const label = (category: string): string => {
    if (category === NOT_STATED) return t("reports:breakdowns.notStated");
    switch (breakdown.key) {
      case "country":
        return countryName(category, language);
      case "region":
        return t(`reports:regions.${category}`);
      case "community":
        return category;
      case "stakeholderGroup":
        return t(`common:stakeholderGroups.${category}`);
      case "language":
        return isSupportedLanguage(category) ? languageAutonyms[category] : category;
      case "ageBand":
        return t(`profile:ageBands.${category}`);
      case "gender":
        return t(`profile:genders.${category}`);
    }
  };
  return (
    <DataTable
      caption={t(`reports:breakdowns.${breakdown.key}`)}
      className="report-table report-breakdown"
      columns={[t(`reports:breakdowns.${breakdown.key}Column`), t("reports:breakdowns.participants")]}
      footer={
        // Regional communities overlap (a country belongs to several): their counts add up to nothing.
        breakdown.key === "community" ? null : (
          <tr>
            <th scope="row">{t("reports:breakdowns.total")}</th>
            <td>
              <ShownCount value={breakdown.total} threshold={threshold} />
            </td>
          </tr>
        )
      }
    >
      {breakdown.categories.map((category, i) => (
        <tr key={category}>
          <th scope="row">{label(category)}</th>
          <td>
            <ShownCount value={breakdown.cells[i] ?? null} threshold={threshold} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * Votes, ballots and published comments by the channel they came by (web, meeting, SMS, USSD), one
 * row per channel and a row of totals; each column is protected on its own.
 */
export function ChannelTable({ channels, threshold }: { channels: ReportChannels; threshold: number }) {
  const { t } = useTranslation("reports");
  const countsOf = (at: (measure: ReportChannels[ChannelMeasure]) => Shown) =>
    channelMeasures.map((measure) => (
      <td key={measure}>
        <ShownCount value={at(channels[measure])} threshold={threshold} />
      </td>
    ));
  return (
    <DataTable
      caption={t("reports:channels.caption")}
      className="report-table report-channels"
      columns={[t("reports:channels.channel"), ...channelMeasures.map((measure) => t(`reports:channels.${measure}`))]}
      footer={
        <tr>
          <th scope="row">{t("reports:breakdowns.total")}</th>
          {countsOf((measure) => measure.total)}
        </tr>
      }
    >
      {reportChannels.map((channel, i) => (
        <tr key={channel}>
          <th scope="row">{t(`reports:channels.names.${channel}`)}</th>
          {countsOf((measure) => measure.cells[i] ?? null)}
        </tr>
      ))}
    </DataTable>
  );
}
