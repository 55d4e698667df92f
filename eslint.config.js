import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Files that answer requests by nature, outside the boundary rule: the routes, the web edge, React
 * components and the app's root and entries, and the two platform files whose job is HTTP (the
 * session and the language cookies).
 */
export const webFiles = [
  "app/routes/**",
  "app/web/**",
  "app/components/**",
  "app/root.tsx",
  "app/entry.client.tsx",
  "app/entry.server.tsx",
  "app/platform/auth.server.ts",
  "app/platform/i18n/i18n.server.ts",
  "app/security/**",
];

const building = "Domain code returns typed results; the web edge (app/web) or the route builds the answer.";
const responseBuilding = [
  { selector: "NewExpression[callee.name='Response']", message: building },
  { selector: "CallExpression[callee.object.name='Response'][callee.property.name='json']", message: building },
  { selector: "CallExpression[callee.name=/^(redirect|redirectDocument|json|data)$/]", message: building },
];

export default tseslint.config(
  { ignores: ["build/", "data/", "node_modules/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // The boundary (decision 0041): domain folders take `(db, consultation, actor, input)` and return
  // typed results; only the web edge (app/web), the routes and the web-by-nature files below know
  // Remix, requests and responses. Kept in sync with tests/unit/boundary-rule.test.ts.
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: [...webFiles],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@remix-run/*"],
              message: "Domain code does not know Remix: move the web part to app/web or the route.",
            },
            { group: ["~/web/*", "**/web/*"], message: "Domain code does not import the web edge (app/web)." },
          ],
        },
      ],
      "no-restricted-syntax": ["error", ...responseBuilding],
    },
  },
  // Plain JavaScript that runs before anything is compiled (server/start.js), and this file.
  { files: ["**/*.js"], languageOptions: { globals: globals.node } },
);
