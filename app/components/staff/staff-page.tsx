import { Link } from "@remix-run/react";

/** A page of the staff console below its front page: a link back up, then the page itself. */
export function StaffPage({
  backTo,
  backLabel,
  children,
}: {
  backTo: string;
  backLabel: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="page narrow staff-page">
      <p>
        <Link to={backTo}>{backLabel}</Link>
      </p>
      {children}
    </div>
  );
}
