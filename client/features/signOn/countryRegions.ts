/**
 * Which of the coalition's regions (shared/signOn.ts SIGN_ON_REGIONS) a country falls in,
 * to prefill the form's region; the person may change it. Countries not listed here fall
 * in their continent's region by the fallback below.
 */
const MENA = "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN AE YE EH MR SD";
const NORTH_AMERICA = "US CA BM GL PM";
const PACIFIC = "AU NZ FJ PG SB VU WS TO KI TV NR PW FM MH CK NU NC PF WF AS GU MP TK PN NF";
const LATIN_AMERICA =
  "MX GT BZ SV HN NI CR PA CU DO HT JM TT BB BS AG DM GD KN LC VC PR CO VE EC PE BO CL AR UY PY BR GY SR GF AW CW BQ SX KY TC VG VI AI MS GP MQ BL MF FK";
const AFRICA =
  "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU YT MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS TZ TG UG ZM ZW";
const ASIA =
  "AF AM AZ BD BT BN KH CN GE HK IN ID JP KZ KP KR KG LA MO MY MV MN MM NP PK PH SG LK TW TJ TH TL TM UZ VN";

const table = new Map<string, string>();
/** The listed countries and their regions (the rest are Europe). */
export const countryRegions: ReadonlyMap<string, string> = table;
for (const [region, codes] of [
  ["Middle East and North Africa", MENA],
  ["North America", NORTH_AMERICA],
  ["Pacific", PACIFIC],
  ["Latin America", LATIN_AMERICA],
  ["Africa", AFRICA],
  ["Asia", ASIA],
] as const) {
  for (const code of codes.split(" ")) table.set(code, region);
}

/** The region to prefill for an ISO 3166-1 alpha-2 code (Europe for the rest: Europe, Turkey, Cyprus, Russia). */
export function regionOfCountry(code: string, regions: readonly string[]): string {
  const region = table.get(code) ?? "Europe";
  return regions.includes(region) ? region : "";
}
