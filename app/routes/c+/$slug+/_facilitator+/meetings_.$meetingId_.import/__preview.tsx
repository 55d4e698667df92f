import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { FormError, failureFor } from "~/components/form-field";
import type { ImportRow, RowError } from "~/meetings/import-rows";
import { formatDateTime } from "~/platform/format";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";

interface Upload {
  id: number;
  fileName: string;
  status: "preview" | "confirmed" | "undone";
  rows: ImportRow[];
  errors: RowError[];
  undoUntil: string | null;
}

type Priorities = readonly { id: number; title: string }[];

function ErrorText({ error }: { error: RowError }) {
  const { t } = useTranslation("imports");
  return <>{t(`rowError.${error.code}`, { ...error, interpolation: { escapeValue: false } })}</>;
}

/** What a row will store, in words: "3 Clean water: agree". */
function RowCells({ row, priorities }: { row: ImportRow; priorities: Priorities }) {
  const { t } = useTranslation("imports");
  const title = (id: number) => `${id} ${priorities.find((p) => p.id === id)?.title ?? ""}`.trim();
  return (
    <>
      <td>{row.ballot ?? ""}</td>
      <td>
        {row.votes.map((v) => (
          <div key={v.priorityId}>
            {t("preview.vote", { priority: title(v.priorityId), value: t(`words.${v.value}`) })}
          </div>
        ))}
      </td>
      <td>
        {row.points.map((p) => (
          <div key={p.priorityId}>{t("preview.pointsOn", { priority: title(p.priorityId), points: p.points })}</div>
        ))}
      </td>
      <td>
        {row.comment ? (
          <>
            <div lang={row.comment.language}>{row.comment.body}</div>
            <div className="field__hint">
              {t("preview.commentOn", { priority: title(row.comment.priorityId) })}
              {row.comment.stance ? ` · ${t(`words.${row.comment.stance}`)}` : ""}
            </div>
          </>
        ) : null}
      </td>
    </>
  );
}

/** Confirming or undoing the upload: one button posting its intent and the import's id. */
function ImportDecision({
  intent,
  importId,
  label,
  children,
}: {
  intent: "confirm" | "undo";
  importId: number;
  label: string;
  children?: React.ReactNode;
}) {
  return (
    <Form method="post">
      <FormToken />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="importId" value={importId} />
      {children}
      <button type="submit">{label}</button>
    </Form>
  );
}

/** Every row of the upload as it will be stored, each row's errors beside it; then confirm or undo. */
export function ImportPreview({
  upload,
  priorities,
  failure,
}: {
  upload: Upload;
  priorities: Priorities;
  failure: FormFailure | undefined;
}) {
  const { t, i18n } = useTranslation("imports");
  const rowNumbers = new Set(upload.rows.map((row) => row.row));
  const fileErrors = upload.errors.filter((error) => !rowNumbers.has(error.row));
  const errorsOf = (row: number) => upload.errors.filter((error) => error.row === row);
  const confirmFailure = failureFor(failure, "confirm") ?? failureFor(failure, "undo");
  return (
    <section id="preview" aria-labelledby="preview-heading" tabIndex={-1}>
      <h2 id="preview-heading">{t("preview.heading")}</h2>
      <p>
        {t("preview.file", { file: upload.fileName })} · <strong>{t(`preview.status.${upload.status}`)}</strong>
      </p>
      <FormError failure={confirmFailure} />
      {upload.errors.length > 0 ? (
        <p className="form-error">{t("preview.errorCount", { count: upload.errors.length })}</p>
      ) : upload.status === "preview" ? (
        <p>{t("preview.summary", { count: upload.rows.length })}</p>
      ) : null}
      {fileErrors.length > 0 ? (
        <>
          <h3>{t("preview.fileErrors")}</h3>
          <ul className="field__error">
            {fileErrors.map((error, i) => (
              <li key={i}>
                <ErrorText error={error} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {upload.rows.length === 0 ? (
        <p>{t("preview.noRows")}</p>
      ) : (
        <DataTable
          caption={t("preview.caption")}
          className="records-table"
          columns={[
            t("preview.row"),
            t("preview.ballot"),
            t("preview.votes"),
            t("preview.points"),
            t("preview.comment"),
            t("preview.problems"),
          ]}
        >
          {upload.rows.map((row) => (
            <tr key={row.row} className={errorsOf(row.row).length > 0 ? "row--invalid" : undefined}>
              <th scope="row">{row.row}</th>
              <RowCells row={row} priorities={priorities} />
              <td>
                <ul className="field__error">
                  {errorsOf(row.row).map((error, i) => (
                    <li key={i}>
                      <ErrorText error={error} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {upload.status === "preview" && upload.errors.length === 0 && upload.rows.length > 0 ? (
        <ImportDecision intent="confirm" importId={upload.id} label={t("preview.confirm")} />
      ) : null}
      {upload.status === "confirmed" && upload.undoUntil ? (
        <ImportDecision intent="undo" importId={upload.id} label={t("preview.undo")}>
          <p>{t("preview.undoUntil", { time: formatDateTime(upload.undoUntil, i18n.language) })}</p>
        </ImportDecision>
      ) : null}
      {upload.status === "confirmed" && !upload.undoUntil ? <p>{t("preview.cannotUndo")}</p> : null}
    </section>
  );
}
