import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import type { FormFailure } from "~/web/form-failures.server";
import { SelectField, TextAreaField } from "~/components/choice-fields";
import { FetcherField } from "~/components/fetcher-field";
import { FormError, FormField } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";

const languageChoices = supportedLanguages.map((code) => ({ value: code, label: languageAutonyms[code], lang: code }));

interface ProposalFormProps {
  categories: readonly string[];
  productTypes: readonly string[];
  defaultLanguage: string;
  /** What the action sent back after a refused post without JavaScript. */
  failure?: FormFailure;
}

/**
 * A plain post without JavaScript; with it, a fetcher: the form empties on success and the new
 * proposal appears under "Your proposals" as the page's data reloads.
 */
export function ProposalForm({ categories, productTypes, defaultLanguage, failure }: ProposalFormProps) {
  const { t } = useTranslation(["proposals", "consultation"]);
  const fetcher = useFetcher<FormFailure | { ok: true }>();
  const formRef = useRef<HTMLFormElement>(null);
  const shownFailure = fetcher.data && "fieldErrors" in fetcher.data ? fetcher.data : failure;
  const succeeded = fetcher.state === "idle" && fetcher.data !== undefined && "ok" in fetcher.data;
  const errors = shownFailure?.fieldErrors ?? {};
  const values = shownFailure?.values ?? {};

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    // A refusal: the error summary at the top of the form takes focus (FormError).
    if ("ok" in fetcher.data) formRef.current?.reset();
  }, [fetcher.state, fetcher.data]);

  return (
    <fetcher.Form method="post" className="stack proposal-form" noValidate ref={formRef}>
      <FormToken />
      <FetcherField />
      <input type="hidden" name="intent" value="propose" />
      <FormField
        name="title"
        label={t("form.title")}
        hint={t("form.titleHint")}
        defaultValue={values.title}
        error={errors.title}
        minLength={5}
        maxLength={200}
        required
      />
      <TextAreaField
        name="body"
        label={t("form.body")}
        hint={t("form.bodyHint")}
        defaultValue={values.body}
        error={errors.body}
        rows={6}
        minLength={20}
        maxLength={2000}
        required
      />
      <SelectField
        name="category"
        label={t("form.category")}
        emptyLabel={t("form.chooseCategory")}
        choices={categories.map((value) => ({ value, label: t(`consultation:categories.${value}`) }))}
        defaultValue={values.category ?? ""}
        error={errors.category}
        required
      />
      <SelectField
        name="productType"
        label={t("form.productType")}
        emptyLabel={t("form.noProductType")}
        choices={productTypes.map((value) => ({ value, label: t(`consultation:productTypes.${value}`) }))}
        defaultValue={values.productType ?? ""}
        error={errors.productType}
      />
      <SelectField
        name="language"
        label={t("form.language")}
        hint={t("form.languageHint")}
        choices={languageChoices}
        defaultValue={values.language ?? defaultLanguage}
        error={errors.language}
      />
      <FormError failure={shownFailure} />
      <p role="status" className={succeeded ? "notice" : undefined}>
        {succeeded ? t("submitted") : null}
      </p>
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {t("form.submit")}
      </button>
    </fetcher.Form>
  );
}
