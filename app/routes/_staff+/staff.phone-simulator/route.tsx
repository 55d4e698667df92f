/**
 * The phone simulator (issue 16; docs/decisions/0049): a phone screen in the browser that drives the
 * real USSD and SMS callbacks, so a moderator can try the flows in any language without a gateway.
 * Plain form posts, each answered with the next screen; nothing a simulated phone does is kept.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { defaultSimulatedNumber, simulatedNumberPrefix } from "~/phones/simulator";
import { requireAbility } from "~/web/guard.server";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { simulatedServiceCode } from "~/web/phone-simulator.server";
import { ChannelChoice, PhoneScreen, SimulatorForm, type ScreenShown } from "./__parts";
import { simulatorChannels, simulatorPost, type SimulatorAnswer, type SimulatorChannel } from "./simulator-post.server";

export const handle: PageHandle = { title: (t) => t("phones:simulator.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAbility(request, "phones.simulate", null);
  const asked = new URL(request.url).searchParams.get("channel");
  const channel = simulatorChannels.find((known) => known === asked) ?? "ussd";
  return {
    channel,
    defaultNumber: defaultSimulatedNumber(actor.userId),
    range: { from: `${simulatedNumberPrefix}000`, to: `${simulatedNumberPrefix}999` },
    serviceCode: simulatedServiceCode,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAbility(request, "phones.simulate", null);
  const formData = await request.formData();
  const posted = await simulatorPost(formData, new URL(request.url).origin);
  if (!posted.ok) {
    return formFailure(formData, { fieldErrors: posted.fieldErrors, formError: "phones:simulator.errors.summary" });
  }
  return posted.answer;
}

/** What the page shows after a post, answered or refused: the screen, the session and the values. */
function shownAfter(answer: SimulatorAnswer | FormFailure | undefined): ScreenShown | undefined {
  if (!answer) return undefined;
  if ("answerId" in answer) return answer;
  // A refused reply keeps the session going and the screen it answered; before any screen, nothing to keep.
  const { values } = answer;
  if (!values.screen) return undefined;
  const session = values.sessionId ? { id: values.sessionId, text: values.sessionText ?? "" } : null;
  return {
    channel: values.intent === "sms" ? "sms" : "ussd",
    number: values.number ?? "",
    sent: "",
    screen: values.screen ?? "",
    session,
  };
}

export default function PhoneSimulatorPage() {
  const { t } = useTranslation("phones");
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as SimulatorAnswer | FormFailure | undefined;
  const failure = answer && "fieldErrors" in answer ? answer : undefined;
  const answerId = answer && "answerId" in answer ? answer.answerId : undefined;
  const shown = shownAfter(answer);
  const channel: SimulatorChannel = shown?.channel ?? loaded.channel;
  return (
    <div className="page narrow staff-page">
      <h1>{t("simulator.title")}</h1>
      <p className="lead">{t("simulator.intro")}</p>
      <p>{t("simulator.nothingKept")}</p>
      <ChannelChoice channel={channel} />
      <div className="phone-simulator">
        <PhoneScreen channel={channel} shown={shown} answerId={answerId} />
        <SimulatorForm
          channel={channel}
          failure={failure}
          number={shown?.number || loaded.defaultNumber}
          range={loaded.range}
          serviceCode={loaded.serviceCode}
          shown={shown}
          answerId={answerId}
        />
      </div>
    </div>
  );
}
