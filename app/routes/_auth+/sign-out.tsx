import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signOut } from "~/accounts/accounts.server";
import type { PageHandle } from "~/components/page-title";
import { getSessionUser } from "~/platform/auth.server";
import { FormToken } from "~/security/form-guards";

export const handle: PageHandle = { title: (t) => t("auth:signOut.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getSessionUser(request))) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = await signOut(request);
  throw redirect("/", { headers });
}

/** Reached by a link or typed address: signing out is a POST, so ask to confirm. */
export default function SignOutPage() {
  const { t } = useTranslation("auth");
  return (
    <div className="page narrow">
      <h1>{t("signOut.title")}</h1>
      <Form method="post">
        <FormToken />
        <button type="submit" className="button">
          {t("signOut.submit")}
        </button>
      </Form>
    </div>
  );
}
