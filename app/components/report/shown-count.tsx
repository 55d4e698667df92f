import { useTranslation } from "react-i18next";
import { WITHHELD, type Shown } from "~/reports/small-cells";

/**
 * A protected count on a page: the number, "<5" (fewer than the threshold) or "withheld" (hidden
 * only so that another count cannot be worked out; it may be of any size), in the reader's language.
 */
export function ShownCount({ value, threshold }: { value: Shown; threshold: number }) {
  const { t } = useTranslation();
  if (value === null) return <>{t("smallCells.fewer", { threshold })}</>;
  if (value === WITHHELD) return <>{t("smallCells.withheld")}</>;
  return <>{value}</>;
}
