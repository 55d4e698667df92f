/**
 * SIGTERM (or SIGINT) stops the server gracefully, within 10 s: it stops accepting connections,
 * lets the requests in flight finish (idle keep-alive connections are closed), then runs `shutdown`
 * (background jobs finish their current step, the database closes cleanly) and exits 0. Anything
 * still running at the deadlines is cut: requests after `requestsMs`, the whole process after
 * `totalMs`, so a platform's SIGKILL (usually after 10 s or more) never finds us mid-close.
 */
import type { Server } from "node:http";

export function stopGracefullyOnSignal(
  server: Server,
  shutdown: () => Promise<void>,
  { requestsMs = 6000, totalMs = 9500 } = {},
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then stopping.`);
    setTimeout(() => {
      console.warn(`Still stopping after ${totalMs / 1000} s: exiting now.`);
      process.exit(1);
    }, totalMs).unref();
    // A keep-alive connection that becomes idle after close() would hold the server open.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    const cutRequests = setTimeout(() => server.closeAllConnections(), requestsMs);
    server.close(() => {
      clearInterval(closeIdle);
      clearTimeout(cutRequests);
      shutdown().then(
        () => {
          console.log("Stopped cleanly.");
          process.exit(0);
        },
        (error: unknown) => {
          console.warn("Stopping failed:", error);
          process.exit(1);
        },
      );
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
