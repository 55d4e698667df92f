/** Liveness, for process supervisors: the process answers HTTP. Readiness (the database) is /readyz. */
export function loader() {
  return new Response("ok", { headers: { "Cache-Control": "no-store" } });
}
