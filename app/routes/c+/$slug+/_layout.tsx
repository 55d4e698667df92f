/**
 * Every page of one consultation (/c/:slug/…) renders inside this layout. The pages for moderators
 * (`_moderator+`) and for institutions (`_institution+`) are grouped by audience in pathless folders
 * and keep their URLs.
 */
import { Outlet } from "@remix-run/react";

export default function ConsultationLayout() {
  return <Outlet />;
}
