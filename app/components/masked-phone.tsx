import { useTranslation } from "react-i18next";

/** A linked phone as the member sees it: its country and last two digits, never the number. */
export interface MaskedPhone {
  id: number;
  country: string | null;
  digits: string;
}

/** The words that name a masked phone, for its line and the button that unlinks it. */
export function usePhoneName(): (phone: MaskedPhone) => string {
  const { t } = useTranslation("profile");
  return (phone) =>
    phone.country
      ? t("phone.masked", { digits: phone.digits, country: phone.country })
      : t("phone.maskedNoCountry", { digits: phone.digits });
}
