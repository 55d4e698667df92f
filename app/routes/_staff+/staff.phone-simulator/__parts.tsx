import { useEffect, useRef } from "react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "~/components/choice-fields";
import { FormError, FormField } from "~/components/form-field";
import { LabelledSection } from "~/components/labelled-section";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";
import type { UssdSession } from "~/web/phone-simulator.server";
import type { SimulatorChannel } from "./simulator-post.server";

const path = "/staff/phone-simulator";

/** What the screen shows: the last thing the phone sent and the answer, with the session to go on with. */
export interface ScreenShown {
  channel: SimulatorChannel;
  number: string;
  sent: string;
  screen: string;
  session: UssdSession | null;
}

/** USSD or SMS, as links: choosing needs no script, and each channel has its own address. */
export function ChannelChoice({ channel }: { channel: SimulatorChannel }) {
  const { t } = useTranslation("phones");
  return (
    <nav aria-label={t("simulator.channel")}>
      <ul className="staff-links">
        {(["ussd", "sms"] as const).map((choice) => (
          <li key={choice}>
            <Link to={`${path}?channel=${choice}`} aria-current={choice === channel ? "page" : undefined}>
              {t(`simulator.channels.${choice}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The phone's screen: a live region that takes focus after each answer (without JavaScript through
 * `autofocus` in the page's HTML, with it from an effect), so the answer is read out at once.
 */
export function PhoneScreen({
  channel,
  shown,
  answerId,
}: {
  channel: SimulatorChannel;
  shown: ScreenShown | undefined;
  answerId: string | undefined;
}) {
  const { t } = useTranslation("phones");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answerId) ref.current?.focus();
  }, [answerId]);
  const answered = answerId !== undefined;
  return (
    <LabelledSection headingId="phone-screen-heading" heading={t("simulator.screen")} className="phone">
      <div
        ref={ref}
        id="phone-screen"
        className="phone__screen"
        role="status"
        tabIndex={-1}
        autoFocus={answered}
        data-confirmation={answered ? "" : undefined}
      >
        {shown ? (
          <>
            {shown.sent ? <p className="phone__sent">{t("simulator.sent", { text: shown.sent })}</p> : null}
            <p className="phone__text" dir="auto">
              {shown.screen || t("simulator.noReply")}
            </p>
            {shown.channel === "ussd" && !shown.session ? <p>{t("simulator.ended")}</p> : null}
          </>
        ) : (
          <p>{t(`simulator.idle.${channel}`)}</p>
        )}
      </div>
    </LabelledSection>
  );
}

/** The phone's keys: the number it speaks as, then dialling, answering the screen, or writing an SMS. */
export function SimulatorForm({
  channel,
  failure,
  number,
  range,
  serviceCode,
  shown,
  answerId,
}: {
  channel: SimulatorChannel;
  failure: FormFailure | undefined;
  number: string;
  range: { from: string; to: string };
  serviceCode: string;
  shown: ScreenShown | undefined;
  answerId: string | undefined;
}) {
  const { t } = useTranslation("phones");
  const errors = failure?.fieldErrors ?? {};
  const session = channel === "ussd" ? shown?.session : null;
  const dial = (label: string, className = "button") => (
    <button type="submit" name="intent" value="dial" className={className}>
      {label}
    </button>
  );
  return (
    // A new form for each answer, so the field typed in is empty again.
    <Form key={answerId} method="post" action={`${path}?channel=${channel}`} className="stack" noValidate>
      <FormToken />
      <FormError failure={failure} />
      <FormField
        name="number"
        type="tel"
        autoComplete="off"
        dir="ltr"
        label={t("simulator.number")}
        hint={t("simulator.numberHint", range)}
        defaultValue={failure?.values.number ?? number}
        error={errors.number}
      />
      {shown?.screen ? <input type="hidden" name="screen" value={shown.screen} /> : null}
      {channel === "sms" ? (
        <>
          <TextAreaField
            name="text"
            rows={3}
            label={t("simulator.message")}
            hint={t("simulator.messageHint")}
            defaultValue={failure?.values.text}
            error={errors.text}
          />
          <p>
            <button type="submit" name="intent" value="sms" className="button">
              {t("simulator.sendSms")}
            </button>
          </p>
        </>
      ) : session ? (
        <>
          <input type="hidden" name="sessionId" value={session.id} />
          <input type="hidden" name="sessionText" value={session.text} />
          <FormField
            name="text"
            autoComplete="off"
            label={t("simulator.answer")}
            hint={t("simulator.answerHint")}
            defaultValue={failure?.values.text}
            error={errors.text ?? errors.sessionId ?? errors.sessionText}
          />
          <p className="staff-links">
            <button type="submit" name="intent" value="reply" className="button">
              {t("simulator.reply")}
            </button>
            {dial(t("simulator.dialAgain", { code: serviceCode }), "button button--quiet")}
          </p>
        </>
      ) : (
        <p>{dial(t("simulator.dial", { code: serviceCode }))}</p>
      )}
    </Form>
  );
}
