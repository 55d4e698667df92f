/**
 * Names of the fields the server's edge (server/csrf.ts) reads from every posted form. Shared by the
 * components that render them and the edge that checks them, so the two cannot drift apart.
 */

/** The form token, the second wall against cross-site posts after the Origin check (docs/decisions/0024). */
export const csrfFieldName = "_csrf";

/**
 * A field people never see and bots fill in, on the sign-up and comment forms. A name a form-filling
 * bot finds tempting, and one no real form of the app uses.
 */
export const honeypotFieldName = "website_url";
