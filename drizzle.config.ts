import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and applied by the app itself at start-up
// (app/platform/db.server.ts), on PGlite and PostgreSQL alike: `npm run db:generate` needs no database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
});
