/**
 * The app's configuration, read once from the environment and validated with zod.
 * A bad value stops start-up with one readable line (see `EnvError` and server/index.ts).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "must be a URL like postgres://user:password@host:5432/database");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const smallCellMessage = "must be a whole number from 2 to 100";

const apiBaseUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const gatewaySecret = z.string().min(16, "must be at least 16 characters long");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number()
    .int()
    .min(1, "must be a port number from 1 to 65535")
    .max(65535, "must be a port number from 1 to 65535")
    .default(3000),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data")),
  BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://baraza.example.org" }).optional(),
  ),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters long").optional()),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, error: "must be a URL like smtp://user:password@host:587" }).optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default("Baraza <no-reply@baraza.local>")),
  /** Where members write about their data; shown in the privacy notice (/privacy). */
  PRIVACY_CONTACT: z.preprocess(
    emptyAsUndefined,
    z.email({ error: "must be an e-mail address such as privacy@baraza.example.org" }).optional(),
  ),
  /** How often the background worker looks for opinion-group results to recompute. */
  OPINION_GROUPS_INTERVAL_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1, "must be a whole number of seconds, at least 1").default(60),
  ),
  /** Headless Chromium that prints report PDFs (Debian's `apt-get install chromium`); see docs/decisions/0012. */
  CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().default("/usr/bin/chromium")),
  /**
   * Password of the staff demo accounts when the demo is loaded; by default one is made at random for
   * the install and kept in DATA_DIR/demo-staff-password (db/seed/staff-password.ts).
   */
  DEMO_STAFF_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(12, "must be at least 12 characters long").optional(),
  ),
  /** Server processes on this machine (server/cluster.ts); more than one needs DATABASE_URL. */
  WEB_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int("must be a whole number of processes")
      .min(1, "must be at least 1")
      .max(64, "must be at most 64")
      .default(1),
  ),
  /**
   * Base32 TOTP secret of the staff demo accounts' second factor when the demo is loaded; by default
   * one is made for the install and kept in DATA_DIR/demo-staff-totp-secret (db/seed/staff-password.ts).
   */
  DEMO_STAFF_TOTP_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Z2-7]{16,}$/, "must be a base32 secret of at least 16 characters (A-Z, 2-7)")
      .optional(),
  ),
  /**
   * The embedded database flushes each commit to disk with fsync(2) ("on", the default), or leaves
   * that to the operating system ("off": faster, but a power cut can lose the last acknowledged
   * writes). See app/platform/pglite-durability.server.ts and docs/decisions/0030.
   */
  PGLITE_FSYNC: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
  /** Loads the demo consultation into a PostgreSQL server too; embedded databases get it when empty. */
  SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).optional()),
  /** Breakdown cells counting fewer participants than this are suppressed (app/reports/small-cells.ts). */
  SMALL_CELL_THRESHOLD: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: smallCellMessage })
      .int(smallCellMessage)
      .min(2, smallCellMessage)
      .max(100, smallCellMessage)
      .default(DEFAULT_SMALL_CELL_THRESHOLD),
  ),
  /**
   * SMS and USSD gateways (docs/decisions/0039): each is on when its secret is set, and its callback
   * answers 404 otherwise. Africa's Talking signs nothing, so its callback URLs carry this secret
   * (`/gateways/africastalking/sms?secret=…`).
   */
  AFRICASTALKING_CALLBACK_SECRET: z.preprocess(emptyAsUndefined, gatewaySecret.optional()),
  /** The Twilio account's auth token, which signs its requests (X-Twilio-Signature). */
  TWILIO_AUTH_TOKEN: z.preprocess(emptyAsUndefined, gatewaySecret.optional()),
  /** The key of the generic JSON webhook's HMAC-SHA256 signature (X-Baraza-Gateway-Signature). */
  SMS_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, gatewaySecret.optional()),
  /**
   * Sending SMS (app/phones/sms-outbox.server.ts): a gateway sends once its credentials are set; with
   * none, messages wait in `outbox_sms`. The API base URLs change only for tests and proxies.
   */
  AFRICASTALKING_USERNAME: z.preprocess(emptyAsUndefined, z.string().optional()),
  AFRICASTALKING_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The short code or alphanumeric sender id messages come from; the account's default otherwise. */
  AFRICASTALKING_SENDER_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  AFRICASTALKING_API_URL: z.preprocess(emptyAsUndefined, apiBaseUrl.default("https://api.africastalking.com")),
  TWILIO_ACCOUNT_SID: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The Twilio number (E.164) messages are sent from. */
  TWILIO_FROM: z.preprocess(emptyAsUndefined, z.string().optional()),
  TWILIO_API_URL: z.preprocess(emptyAsUndefined, apiBaseUrl.default("https://api.twilio.com")),
  /** Where the generic webhook gateway takes outgoing SMS: a JSON POST signed with SMS_WEBHOOK_SECRET. */
  SMS_WEBHOOK_SEND_URL: z.preprocess(emptyAsUndefined, apiBaseUrl.optional()),
  /** The consultation SMS commands refer to (its slug); by default the open one opened last. */
  PHONE_CONSULTATION: z.preprocess(emptyAsUndefined, z.string().optional()),
});

export type Env = z.infer<typeof envSchema> & {
  AUTH_SECRET: string;
  BASE_URL: string;
  /** "embedded" when no DATABASE_URL is set: PGlite under DATA_DIR. */
  databaseMode: "embedded" | "server";
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates `source` and fills the derived values; throws an `EnvError` with one readable line. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new EnvError(`Invalid configuration: ${name} ${issue.message}.`);
  }
  const env = result.data;
  const databaseMode = env.DATABASE_URL ? "server" : "embedded";
  return {
    ...env,
    databaseMode,
    BASE_URL: env.BASE_URL ?? `http://localhost:${env.PORT}`,
    AUTH_SECRET: env.AUTH_SECRET ?? missingSecret(env, databaseMode),
  };
}

function missingSecret(env: z.infer<typeof envSchema>, databaseMode: Env["databaseMode"]): string {
  if (databaseMode === "server" && env.NODE_ENV === "production") {
    throw new EnvError(
      "Invalid configuration: AUTH_SECRET is required when DATABASE_URL is set in production (32+ random characters).",
    );
  }
  if (databaseMode === "embedded" && !isInMemory(env.DATA_DIR)) return persistedSecret(env.DATA_DIR);
  // A throwaway secret: sessions end when the process does, which is fine outside production.
  return randomBytes(32).toString("hex");
}

/** An embedded install keeps its generated secret beside its data, so sessions survive restarts. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}

export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith("memory://");
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
