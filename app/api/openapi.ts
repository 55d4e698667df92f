/**
 * The OpenAPI 3.1 description of the read-only institution API (served at /api/v1/openapi.json), and
 * of the webhook requests Baraza sends (`webhooks`).
 */
import type { WebhookEvent } from "~db/vocabulary";
import { breakdownKeys, channelMeasures, reportChannels, type ChannelMeasure } from "~/reports/report-model";

const channelMeasureDescriptions: Record<ChannelMeasure, string> = {
  votes: "Votes on approved priorities.",
  ballots: "Ballots cast: a member's, a phone's or one paper ballot of a meeting, each once.",
  comments: "Published comments on the consultation or an approved priority.",
};

const localizedText = {
  type: "object",
  description: "Text per language (BCP 47 tag → text).",
  additionalProperties: { type: "string" },
};
const dateTime = { type: ["string", "null"], format: "date-time" };
const phase = { type: "string", enum: ["open", "closed", "summarising", "published"] };
const shownCount = {
  oneOf: [
    { type: "integer", minimum: 0 },
    {
      type: "null",
      description: "Fewer than the small-cell threshold (5 by default): shown as “<5” in reports and exports.",
    },
    {
      const: "withheld",
      description:
        "Hidden only so that a count under the threshold cannot be worked out from it by subtraction; " +
        "it may be of any size, 5 or more included.",
    },
  ],
  description:
    "A count under the small-cell rule: the number, `null` for fewer than the threshold (primary " +
    'suppression), or `"withheld"` for a count hidden to protect another (secondary suppression).',
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const dataOf = (schema: object) => ({
  type: "object",
  required: ["data"],
  properties: { data: schema },
});

const slugParameter = {
  name: "slug",
  in: "path",
  required: true,
  description: "The consultation's slug.",
  schema: { type: "string" },
};

const errors = {
  "401": { description: "Missing, unknown or revoked token.", content: jsonContent(ref("Error")) },
  "404": {
    description: "No such consultation, or one the token's institution neither owns nor follows.",
    content: jsonContent(ref("Error")),
  },
};

function jsonContent(schema: object) {
  return { "application/json": { schema } };
}

function consultationPath(summary: string, schema: object, extra: object[] = []) {
  return {
    get: {
      summary,
      parameters: [slugParameter, ...extra],
      responses: { "200": { description: "OK", content: jsonContent(dataOf(schema)) }, ...errors },
    },
  };
}

const webhookHeaders = [
  {
    name: "X-Baraza-Signature",
    in: "header",
    required: true,
    description:
      "`sha256=` and the hex HMAC-SHA256 of the raw request body, keyed with the webhook's signing secret " +
      "(shown once, when the webhook is registered). Compute it over the bytes received and compare in constant time.",
    schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" },
  },
  {
    name: "X-Baraza-Event",
    in: "header",
    required: true,
    description: "The event, as in the body.",
    schema: { type: "string" },
  },
  {
    name: "X-Baraza-Delivery",
    in: "header",
    required: true,
    description: "The delivery's id, the same on every retry: a receiver can ignore one it has already handled.",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
];

/** The body of every webhook request; `data` says what happened. */
function webhookEnvelope(event: WebhookEvent, data: object) {
  return {
    type: "object",
    required: ["id", "event", "eventKey", "createdAt", "data"],
    properties: {
      id: { type: "integer", description: "The delivery's id (as in X-Baraza-Delivery)." },
      event: { const: event },
      eventKey: { type: "string", description: "Names the event; one delivery per webhook and event key." },
      createdAt: { type: "string", format: "date-time", description: "When the event was queued." },
      data,
    },
  };
}

function webhookData(properties: Record<string, object>) {
  return {
    type: "object",
    required: ["consultation", ...Object.keys(properties)],
    properties: { consultation: ref("WebhookConsultation"), ...properties },
  };
}

const webhookDescriptions: Record<WebhookEvent, { summary: string; schema: string }> = {
  "consultation.closed": {
    summary: "A consultation the institution owns or follows has closed (by staff or at its closing time)",
    schema: "ConsultationClosedEvent",
  },
  "summary.published": {
    summary: "A summary of such a consultation is published for the first time",
    schema: "SummaryPublishedEvent",
  },
  "response.published": {
    summary: "An institutional response to such a consultation is published",
    schema: "ResponsePublishedEvent",
  },
};

const webhooks = Object.fromEntries(
  Object.entries(webhookDescriptions).map(([event, { summary, schema }]) => [
    event,
    {
      post: {
        summary,
        description:
          "POSTed to each https address the institution registered for this event on the portal (/institution).",
        parameters: webhookHeaders,
        requestBody: { required: true, content: jsonContent(ref(schema)) },
        responses: {
          "2XX": {
            description:
              "Received. Any other answer, a redirect, or none within 10 seconds is retried with back-off, up to 10 attempts.",
          },
        },
      },
    },
  ]),
);

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Baraza institution API",
    version: "1.0.0",
    description:
      "Read-only access for institutions to the consultations they own or follow. Only published content; " +
      "no names, e-mail addresses or account identifiers of participants.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerAuth: [] }],
  webhooks,
  paths: {
    "/api/v1/openapi.json": {
      get: {
        summary: "This document",
        security: [],
        responses: { "200": { description: "OpenAPI 3.1 document", content: jsonContent({ type: "object" }) } },
      },
    },
    "/api/v1/consultations": {
      get: {
        summary: "Consultations the token's institution owns or follows, oldest first",
        parameters: [
          {
            name: "page",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, default: 1 },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
          },
        ],
        responses: {
          "200": { description: "One page", content: jsonContent(ref("ConsultationPage")) },
          "400": { description: "Bad page or limit", content: jsonContent(ref("Error")) },
          "401": errors["401"],
        },
      },
    },
    "/api/v1/consultations/{slug}": consultationPath("A consultation's texts, phase and dates", ref("Consultation")),
    "/api/v1/consultations/{slug}/results": consultationPath("Vote results per priority", {
      type: "array",
      items: ref("PriorityResult"),
    }),
    "/api/v1/consultations/{slug}/breakdowns": consultationPath(
      "Participation per week and by country, AU region, REC, stakeholder group, language, age band and gender; " +
        "votes, ballots and published comments by channel (web, meeting, SMS, USSD); " +
        "votes without declared commercial interests. Counts under the small-cell threshold (and any that would " +
        "reveal one) are null.",
      ref("Breakdowns"),
    ),
    "/api/v1/consultations/{slug}/summaries": consultationPath("Published summaries, per scope and language", {
      type: "array",
      items: ref("Summary"),
    }),
    "/api/v1/consultations/{slug}/responses": consultationPath("Published responses and commitments", {
      type: "array",
      items: ref("Response"),
    }),
    "/api/v1/consultations/{slug}/opinion-groups": consultationPath(
      "The last computed opinion groups (null before the first computation)",
      { oneOf: [{ type: "object" }, { type: "null" }] },
    ),
    "/api/v1/consultations/{slug}/exports/{file}": {
      get: {
        summary: "A data export file (logged in the download audit)",
        parameters: [
          slugParameter,
          {
            name: "file",
            in: "path",
            required: true,
            description: "`<table>.csv|xlsx|json`, `all.xlsx`, `all.json` or `package.zip`.",
            schema: { type: "string", pattern: "^([a-z_]+\\.(csv|xlsx|json)|package\\.zip)$" },
          },
          {
            name: "bom",
            in: "query",
            required: false,
            description: "`1`: CSV with a byte-order mark, for Excel.",
            schema: { type: "string", enum: ["1"] },
          },
        ],
        responses: {
          "200": {
            description: "The file, streamed",
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/json": { schema: { type: "object" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                schema: { type: "string", contentMediaType: "application/octet-stream" },
              },
              "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } },
            },
          },
          ...errors,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        description: "An API token created on the institution portal (/institution).",
      },
    },
    schemas: {
      WebhookConsultation: {
        type: "object",
        required: ["id", "slug"],
        properties: { id: { type: "integer" }, slug: { type: "string" } },
      },
      ConsultationClosedEvent: webhookEnvelope("consultation.closed", webhookData({})),
      SummaryPublishedEvent: webhookEnvelope(
        "summary.published",
        webhookData({
          summary: {
            type: "object",
            required: ["id", "priorityId", "locale", "version"],
            properties: {
              id: { type: "integer" },
              priorityId: { type: ["integer", "null"], description: "null: the consultation as a whole." },
              locale: { type: "string" },
              version: { type: "integer" },
            },
          },
        }),
      ),
      ResponsePublishedEvent: webhookEnvelope(
        "response.published",
        webhookData({
          response: {
            type: "object",
            required: ["id", "title"],
            properties: { id: { type: "integer" }, title: ref("LocalizedText") },
          },
        }),
      ),
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["status", "message"],
            properties: { status: { type: "integer" }, message: { type: "string" } },
          },
        },
      },
      LocalizedText: localizedText,
      ConsultationPage: {
        type: "object",
        required: ["data", "page", "limit", "total", "next"],
        properties: {
          data: { type: "array", items: ref("ConsultationListItem") },
          page: { type: "integer" },
          limit: { type: "integer" },
          total: { type: "integer" },
          next: { type: ["string", "null"], description: "The next page's path, null on the last page." },
        },
      },
      ConsultationListItem: {
        type: "object",
        properties: {
          slug: { type: "string" },
          title: ref("LocalizedText"),
          phase,
          opensAt: dateTime,
          closesAt: dateTime,
          relation: { type: "string", enum: ["owner", "follower"] },
          participants: {
            type: "integer",
            description: "People who took part by any channel, counted as in `/breakdowns`.",
          },
          votes: { type: "integer" },
          publishedComments: { type: "integer" },
        },
      },
      Consultation: {
        type: "object",
        properties: {
          slug: { type: "string" },
          title: ref("LocalizedText"),
          summary: ref("LocalizedText"),
          context: ref("LocalizedText"),
          defaultLocale: { type: "string" },
          phase,
          opensAt: dateTime,
          closesAt: dateTime,
          ballotBudget: { type: ["integer", "null"] },
          regionCountries: { type: "array", items: { type: "string" } },
          regionCommunities: { type: "array", items: { type: "string" } },
        },
      },
      Interval: {
        type: ["object", "null"],
        properties: { low: { type: "number" }, high: { type: "number" } },
      },
      Breakdowns: {
        type: "object",
        properties: {
          smallCellThreshold: { type: "integer" },
          participants: {
            type: "integer",
            description:
              "Members and phones that voted, gave ballot points or have a published comment, and the people of " +
              "each community meeting not voided (the most votes on one priority or paper ballots it recorded).",
          },
          weekly: {
            type: "array",
            items: {
              type: "object",
              properties: {
                week: { type: "string", format: "date", description: "The Monday the week starts on." },
                counts: {
                  type: "object",
                  properties: { votes: { type: "integer" }, comments: { type: "integer" } },
                },
              },
            },
          },
          breakdowns: {
            type: "array",
            items: {
              type: "object",
              properties: {
                key: {
                  type: "string",
                  enum: [...breakdownKeys],
                },
                categories: {
                  type: "array",
                  items: { type: "string" },
                  description:
                    "Codes: ISO 3166 countries, AU regions, RECs, profile answers; `not-stated`, `outside-au`.",
                },
                cells: { type: "array", items: shownCount },
                total: shownCount,
              },
            },
          },
          channels: {
            type: "object",
            description:
              "Participation by the channel it came by. Each measure is protected by the small-cell rule on its " +
              "own; `cells` follow the order of `categories`.",
            properties: {
              categories: { type: "array", items: { type: "string", enum: [...reportChannels] } },
              ...Object.fromEntries(
                channelMeasures.map((measure) => [
                  measure,
                  {
                    type: "object",
                    description: channelMeasureDescriptions[measure],
                    properties: { cells: { type: "array", items: shownCount }, total: shownCount },
                  },
                ]),
              ),
            },
          },
          withoutDeclaredInterest: {
            type: "array",
            items: {
              type: "object",
              properties: {
                priorityId: { type: "integer" },
                votes: {
                  type: "object",
                  properties: { agree: shownCount, disagree: shownCount, pass: shownCount, total: shownCount },
                },
                agreeShare: { type: ["number", "null"] },
                agreeInterval95: {
                  oneOf: [
                    { type: "null" },
                    { type: "object", properties: { low: { type: "number" }, high: { type: "number" } } },
                  ],
                },
              },
            },
          },
        },
      },
      PriorityResult: {
        type: "object",
        properties: {
          priorityId: { type: "integer" },
          position: { type: "integer" },
          title: ref("LocalizedText"),
          category: { type: "string" },
          votes: {
            type: "object",
            properties: {
              agree: { type: "integer" },
              disagree: { type: "integer" },
              pass: { type: "integer" },
              total: { type: "integer" },
            },
          },
          agreeShare: { type: ["number", "null"] },
          agreeInterval95: { ...ref("Interval"), description: "95 % Wilson score interval of agreeShare." },
          ballotPoints: { type: "integer" },
          ballotAllocators: {
            type: "integer",
            description: "Ballots that gave this priority points: members', phones' and meetings' paper ballots.",
          },
        },
      },
      Summary: {
        type: "object",
        properties: {
          priorityId: { type: ["integer", "null"], description: "null: the consultation as a whole." },
          locale: { type: "string" },
          publishedAt: dateTime,
          segments: {
            type: "array",
            items: {
              oneOf: [
                {
                  type: "object",
                  properties: { kind: { const: "html" }, html: { type: "string" } },
                },
                {
                  type: "object",
                  properties: {
                    kind: { const: "quote" },
                    quote: {
                      type: "object",
                      properties: {
                        commentId: { type: "integer" },
                        body: { type: "string" },
                        language: { type: "string" },
                        stakeholderGroup: { type: ["string", "null"] },
                        country: { type: ["string", "null"] },
                      },
                    },
                  },
                },
              ],
            },
          },
        },
      },
      Response: {
        type: "object",
        properties: {
          id: { type: "integer" },
          title: ref("LocalizedText"),
          body: ref("LocalizedText"),
          publishedAt: dateTime,
          commitments: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "integer" },
                what: ref("LocalizedText"),
                who: ref("LocalizedText"),
                dueOn: { type: ["string", "null"], format: "date" },
                status: { type: "string", enum: ["planned", "in_progress", "done", "dropped"] },
                statusReason: { oneOf: [ref("LocalizedText"), { type: "null" }] },
                history: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      fromStatus: { type: ["string", "null"] },
                      toStatus: { type: "string" },
                      reason: { oneOf: [ref("LocalizedText"), { type: "null" }] },
                      at: { type: "string", format: "date-time" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
