/** Issue 16: the gateways' request shapes and signatures, checked against their public documentation. */
import { describe, expect, it } from "vitest";
import {
  africasTalkingSms,
  africasTalkingUssd,
  countryOfNumber,
  sameSecret,
  twilioSignature,
  twilioSms,
  twiml,
  webhookSignature,
  webhookSms,
} from "~/phones/gateways";

describe("gateway signatures", () => {
  it("computes Twilio's signature as its documentation's example does", () => {
    // https://www.twilio.com/docs/usage/security#validating-requests (auth token 12345).
    const params = {
      CallSid: "CA1234567890ABCDE",
      Caller: "+12349013030",
      Digits: "1234",
      From: "+12349013030",
      To: "+18005551212",
    };
    expect(twilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", Object.entries(params))).toBe(
      "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
    );
  });

  it("signs the webhook's body with HMAC-SHA256", () => {
    expect(webhookSignature("secret", '{"id":"1"}')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(webhookSignature("secret", '{"id":"1"}')).not.toBe(webhookSignature("secret", '{"id":"2"}'));
  });

  it("compares secrets whole, whatever their lengths", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(sameSecret("abc", "abcd")).toBe(false);
    expect(sameSecret("", "")).toBe(false);
  });
});

describe("gateway request shapes", () => {
  it("reads Africa's Talking's SMS and USSD callbacks", () => {
    expect(
      africasTalkingSms.parse({
        from: "+254711082300",
        to: "21525",
        text: "KURA 3 KUBALI",
        date: "2026-12-05 08:00:00",
        id: "ATXid_1",
        linkId: "x",
      }),
    ).toEqual({ messageId: "ATXid_1", from: "+254711082300", text: "KURA 3 KUBALI" });
    expect(
      africasTalkingUssd.parse({
        sessionId: "ATUid_1",
        serviceCode: "*384*123#",
        phoneNumber: "+254711082300",
        text: "",
      }),
    ).toMatchObject({ text: "" });
    expect(
      africasTalkingSms.safeParse({ from: "0711082300", to: "21525", text: "x", date: "d", id: "1" }).success,
    ).toBe(false);
  });

  it("reads Twilio's and the generic webhook's messages", () => {
    expect(twilioSms.parse({ From: "+212600000001", Body: "صوت 3 موافق", MessageSid: "SM1", To: "+1" })).toEqual({
      messageId: "SM1",
      from: "+212600000001",
      text: "صوت 3 موافق",
    });
    expect(webhookSms.parse({ id: "w1", from: "+221 77 000 00 01", text: "VOTER 1 POUR" })).toMatchObject({
      from: "+221770000001",
    });
  });

  it("answers Twilio in escaped TwiML", () => {
    expect(twiml('A < B & "C"')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>A &#60; B &#38; &#34;C&#34;</Message></Response>',
    );
  });

  it("finds the African country of a number from its calling code", () => {
    expect(countryOfNumber("+254711082300")).toBe("KE");
    expect(countryOfNumber("+27821234567")).toBe("ZA");
    expect(countryOfNumber("+33612345678")).toBeNull();
  });
});
