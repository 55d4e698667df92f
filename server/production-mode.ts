/**
 * `npm start` serves the production build unless NODE_ENV says otherwise: in development mode Remix
 * puts stack traces, with the server's absolute paths, into error answers. Imported first by
 * server/index.ts, before anything reads NODE_ENV.
 */
process.env.NODE_ENV ||= "production";
