/**
 * Which of the coalition's regions (shared/signOn.ts SIGN_ON_REGIONS) a country falls in,
 * to prefill the form's region; the person may change it. Every ISO 3166-1 code is listed
 * (the test checks it) but Antarctica, which is left for the person to choose. Dependent
 * territories go with the UN's geographic regions (M49): the British Indian Ocean Territory
 * and the French Southern Territories with Africa, Christmas, Cocos, Heard and the US
 * minor islands with the Pacific, Bouvet and South Georgia with Latin America. The Middle
 * East and North Africa is the coalition's own grouping, Turkey and Cyprus in Europe.
 */
const MENA = "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN AE YE EH MR SD";
const NORTH_AMERICA = "US CA BM GL PM";
const PACIFIC = "CX CC HM UM AU NZ FJ PG SB VU WS TO KI TV NR PW FM MH CK NU NC PF WF AS GU MP TK PN NF";
const LATIN_AMERICA =
  "BV GS MX GT BZ SV HN NI CR PA CU DO HT JM TT BB BS AG DM GD KN LC VC PR CO VE EC PE BO CL AR UY PY BR GY SR GF AW CW BQ SX KY TC VG VI AI MS GP MQ BL MF FK";
const AFRICA =
  "IO TF AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU YT MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS TZ TG UG ZM ZW";
const EUROPE =
  "AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR VA HU IS IE IT LV LI LT LU MT MD MC NL MK NO PL PT RO RU SM SK SI ES SJ SE CH TR UA GB AX GG IM JE ME RS XK";
const ASIA =
  "AF AM AZ BD BT BN KH CN GE HK IN ID JP KZ KP KR KG LA MO MY MV MN MM NP PK PH SG LK TW TJ TH TL TM UZ VN";

const table = new Map<string, string>();
/** Every country but Antarctica, and its region. */
export const countryRegions: ReadonlyMap<string, string> = table;
for (const [region, codes] of [
  ["Middle East and North Africa", MENA],
  ["North America", NORTH_AMERICA],
  ["Pacific", PACIFIC],
  ["Latin America", LATIN_AMERICA],
  ["Africa", AFRICA],
  ["Asia", ASIA],
  ["Europe", EUROPE],
] as const) {
  for (const code of codes.split(" ")) table.set(code, region);
}

/** The region to prefill for an ISO 3166-1 alpha-2 code: empty when none fits or the coalition has no such region. */
export function regionOfCountry(code: string, regions: readonly string[]): string {
  const region = table.get(code) ?? "";
  return regions.includes(region) ? region : "";
}
