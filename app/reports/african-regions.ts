/**
 * The African Union's 55 member states with their AU region and their membership of the eight
 * regional economic communities the AU recognises. Participation by region is derived from the
 * country a member gave in their profile (ISO 3166-1 alpha-2).
 */
import type { RegionalEconomicCommunity } from "~db/vocabulary";

export const auRegions = ["northern", "western", "central", "eastern", "southern"] as const;
export type AuRegion = (typeof auRegions)[number];

type Rec = RegionalEconomicCommunity;

interface MemberState {
  region: AuRegion;
  communities: readonly Rec[];
}

const state = (region: AuRegion, ...communities: Rec[]): MemberState => ({ region, communities });

/**
 * Burkina Faso, Mali and Niger left ECOWAS in January 2025; they are listed without it.
 * The Sahrawi Republic (EH) is an AU member state that belongs to no REC.
 */
export const auMemberStates: Readonly<Record<string, MemberState>> = {
  // Northern
  DZ: state("northern", "AMU"),
  EG: state("northern", "COMESA", "CEN-SAD"),
  LY: state("northern", "AMU", "COMESA", "CEN-SAD"),
  MR: state("northern", "AMU", "CEN-SAD"),
  MA: state("northern", "AMU", "CEN-SAD"),
  EH: state("northern"),
  TN: state("northern", "AMU", "COMESA", "CEN-SAD"),
  // Western
  BJ: state("western", "ECOWAS", "CEN-SAD"),
  BF: state("western", "CEN-SAD"),
  CV: state("western", "ECOWAS"),
  CI: state("western", "ECOWAS", "CEN-SAD"),
  GM: state("western", "ECOWAS", "CEN-SAD"),
  GH: state("western", "ECOWAS", "CEN-SAD"),
  GN: state("western", "ECOWAS", "CEN-SAD"),
  GW: state("western", "ECOWAS", "CEN-SAD"),
  LR: state("western", "ECOWAS", "CEN-SAD"),
  ML: state("western", "CEN-SAD"),
  NE: state("western", "CEN-SAD"),
  NG: state("western", "ECOWAS", "CEN-SAD"),
  SN: state("western", "ECOWAS", "CEN-SAD"),
  SL: state("western", "ECOWAS", "CEN-SAD"),
  TG: state("western", "ECOWAS", "CEN-SAD"),
  // Central
  BI: state("central", "COMESA", "EAC", "ECCAS"),
  CM: state("central", "ECCAS"),
  CF: state("central", "ECCAS", "CEN-SAD"),
  TD: state("central", "ECCAS", "CEN-SAD"),
  CG: state("central", "ECCAS"),
  CD: state("central", "COMESA", "EAC", "ECCAS", "SADC"),
  GQ: state("central", "ECCAS"),
  GA: state("central", "ECCAS"),
  ST: state("central", "ECCAS", "CEN-SAD"),
  // Eastern
  KM: state("eastern", "COMESA", "CEN-SAD", "SADC"),
  DJ: state("eastern", "COMESA", "CEN-SAD", "IGAD"),
  ER: state("eastern", "COMESA", "CEN-SAD", "IGAD"),
  ET: state("eastern", "COMESA", "IGAD"),
  KE: state("eastern", "COMESA", "CEN-SAD", "EAC", "IGAD"),
  MG: state("eastern", "COMESA", "SADC"),
  MU: state("eastern", "COMESA", "SADC"),
  RW: state("eastern", "COMESA", "EAC", "ECCAS"),
  SC: state("eastern", "COMESA", "SADC"),
  SO: state("eastern", "COMESA", "CEN-SAD", "EAC", "IGAD"),
  SS: state("eastern", "EAC", "IGAD"),
  SD: state("eastern", "COMESA", "CEN-SAD", "IGAD"),
  TZ: state("eastern", "EAC", "SADC"),
  UG: state("eastern", "COMESA", "EAC", "IGAD"),
  // Southern
  AO: state("southern", "ECCAS", "SADC"),
  BW: state("southern", "SADC"),
  SZ: state("southern", "COMESA", "SADC"),
  LS: state("southern", "SADC"),
  MW: state("southern", "COMESA", "SADC"),
  MZ: state("southern", "SADC"),
  NA: state("southern", "SADC"),
  ZA: state("southern", "SADC"),
  ZM: state("southern", "COMESA", "SADC"),
  ZW: state("southern", "COMESA", "SADC"),
};

/** The AU region of a country, or null for a country outside the AU (or none given). */
export function auRegionOf(country: string | null | undefined): AuRegion | null {
  return (country && auMemberStates[country.toUpperCase()]?.region) || null;
}

/** The regional economic communities a country belongs to (none outside the AU). */
export function communitiesOf(country: string | null | undefined): readonly Rec[] {
  return (country && auMemberStates[country.toUpperCase()]?.communities) || [];
}
