import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { requireAccountOwner } from "~/web/guard.server";
import { consentForm, setConsent } from "~/privacy/consent.server";
import { redirectWithFlash } from "~/web/flash.server";
import { parseAccountChange } from "~/web/account-change.server";

/** The consents are shown on the profile; this address only takes their forms. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccountOwner(request);
  throw redirect("/profile#consents");
}

/** Gives or withdraws one consent (issue 14 item 7), from the profile's "Your consents" section. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const formData = await request.formData();
  const db = await getDb();
  const parsed = await parseAccountChange(db, actor, formData, consentForm, "privacy:consents.errors.choice");
  if (!parsed.ok) return parsed.answer;

  const given = parsed.data.choice === "give";
  await setConsent(db, actor.userId, parsed.data.purpose, given);
  return redirectWithFlash("/profile#consents", {
    message: given ? "privacy:consents.flash.given" : "privacy:consents.flash.withdrawn",
  });
}
