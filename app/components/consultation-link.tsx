import { Link } from "@remix-run/react";

/**
 * The way back to a consultation at the top of a page about one part of it (proposals, responses,
 * the moderation log…): its title, marked with the language it is written in.
 */
export function BackToConsultation({
  consultation,
}: {
  consultation: { slug: string; title: { text: string; language: string } };
}) {
  return (
    <p>
      <Link to={`/c/${consultation.slug}`} lang={consultation.title.language}>
        {consultation.title.text}
      </Link>
    </p>
  );
}
