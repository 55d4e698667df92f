/** Any address that matches no page: the root error boundary shows a translated 404. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
