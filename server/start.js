/**
 * `npm start`: builds if needed (first start, or sources changed), then runs the compiled HTTP
 * server. Workers forked by WEB_CONCURRENCY run this file too; only the first process builds.
 */
import cluster from "node:cluster";
import { pathToFileURL } from "node:url";
import { buildIfStale, httpServerPath } from "./build-if-stale.js";

if (cluster.isPrimary) buildIfStale();
await import(pathToFileURL(httpServerPath).href);
