import { apiJson } from "~/web/api-http.server";
import { openApiDocument } from "~/api/openapi";

/** The API's OpenAPI 3.1 document; public, so tools can read it before anyone has a token. */
export function loader() {
  return apiJson(openApiDocument);
}
