/**
 * The governments a workspace can target in its Surround Sound matrix: the 193 UN member
 * states and the two observer states, by ISO 3166-1 alpha-2 code, with their UN regional
 * group (as the UN Department for General Assembly and Conference Management lists them;
 * the United States attends the Western European and Others Group as an observer and is
 * counted there; the Holy See belongs to none). Names come from `i18n-iso-countries` in
 * each interface language; this file holds only what no maintained package ships.
 */

/** The five UN regional groups. */
export const unRegionalGroups = ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"] as const;
export type UnRegionalGroup = (typeof unRegionalGroups)[number];

/** UN member states by code, with their regional group. */
export const unMemberStates: Readonly<Record<string, UnRegionalGroup>> = {
  AO: "african", // Angola
  BF: "african", // Burkina Faso
  BI: "african", // Burundi
  BJ: "african", // Benin
  BW: "african", // Botswana
  CD: "african", // Democratic Republic of the Congo
  CF: "african", // Central African Republic
  CG: "african", // Republic of the Congo
  CI: "african", // Cote d'Ivoire
  CM: "african", // Cameroon
  CV: "african", // Cape Verde
  DJ: "african", // Djibouti
  DZ: "african", // Algeria
  EG: "african", // Egypt
  ER: "african", // Eritrea
  ET: "african", // Ethiopia
  GA: "african", // Gabon
  GH: "african", // Ghana
  GM: "african", // Republic of The Gambia
  GN: "african", // Guinea
  GQ: "african", // Equatorial Guinea
  GW: "african", // Guinea-Bissau
  KE: "african", // Kenya
  KM: "african", // Comoros
  LR: "african", // Liberia
  LS: "african", // Lesotho
  LY: "african", // Libya
  MA: "african", // Morocco
  MG: "african", // Madagascar
  ML: "african", // Mali
  MR: "african", // Mauritania
  MU: "african", // Mauritius
  MW: "african", // Malawi
  MZ: "african", // Mozambique
  NA: "african", // Namibia
  NE: "african", // Niger
  NG: "african", // Nigeria
  RW: "african", // Rwanda
  SC: "african", // Seychelles
  SD: "african", // Sudan
  SL: "african", // Sierra Leone
  SN: "african", // Senegal
  SO: "african", // Somalia
  SS: "african", // South Sudan
  ST: "african", // Sao Tome and Principe
  SZ: "african", // Eswatini
  TD: "african", // Chad
  TG: "african", // Togo
  TN: "african", // Tunisia
  TZ: "african", // United Republic of Tanzania
  UG: "african", // Uganda
  ZA: "african", // South Africa
  ZM: "african", // Zambia
  ZW: "african", // Zimbabwe
  AE: "asia_pacific", // United Arab Emirates
  AF: "asia_pacific", // Afghanistan
  BD: "asia_pacific", // Bangladesh
  BH: "asia_pacific", // Bahrain
  BN: "asia_pacific", // Brunei Darussalam
  BT: "asia_pacific", // Bhutan
  CN: "asia_pacific", // People's Republic of China
  CY: "asia_pacific", // Cyprus
  FJ: "asia_pacific", // Fiji
  FM: "asia_pacific", // Micronesia, Federated States of
  ID: "asia_pacific", // Indonesia
  IN: "asia_pacific", // India
  IQ: "asia_pacific", // Iraq
  IR: "asia_pacific", // Islamic Republic of Iran
  JO: "asia_pacific", // Jordan
  JP: "asia_pacific", // Japan
  KG: "asia_pacific", // Kyrgyzstan
  KH: "asia_pacific", // Cambodia
  KI: "asia_pacific", // Kiribati
  KP: "asia_pacific", // North Korea
  KR: "asia_pacific", // South Korea
  KW: "asia_pacific", // Kuwait
  KZ: "asia_pacific", // Kazakhstan
  LA: "asia_pacific", // Lao People's Democratic Republic
  LB: "asia_pacific", // Lebanon
  LK: "asia_pacific", // Sri Lanka
  MH: "asia_pacific", // Marshall Islands
  MM: "asia_pacific", // Myanmar
  MN: "asia_pacific", // Mongolia
  MV: "asia_pacific", // Maldives
  MY: "asia_pacific", // Malaysia
  NP: "asia_pacific", // Nepal
  NR: "asia_pacific", // Nauru
  OM: "asia_pacific", // Oman
  PG: "asia_pacific", // Papua New Guinea
  PH: "asia_pacific", // Philippines
  PK: "asia_pacific", // Pakistan
  PW: "asia_pacific", // Palau
  QA: "asia_pacific", // Qatar
  SA: "asia_pacific", // Saudi Arabia
  SB: "asia_pacific", // Solomon Islands
  SG: "asia_pacific", // Singapore
  SY: "asia_pacific", // Syrian Arab Republic
  TH: "asia_pacific", // Thailand
  TJ: "asia_pacific", // Tajikistan
  TL: "asia_pacific", // Timor-Leste
  TM: "asia_pacific", // Turkmenistan
  TO: "asia_pacific", // Tonga
  TV: "asia_pacific", // Tuvalu
  UZ: "asia_pacific", // Uzbekistan
  VN: "asia_pacific", // Vietnam
  VU: "asia_pacific", // Vanuatu
  WS: "asia_pacific", // Samoa
  YE: "asia_pacific", // Yemen
  AL: "eastern_european", // Albania
  AM: "eastern_european", // Armenia
  AZ: "eastern_european", // Azerbaijan
  BA: "eastern_european", // Bosnia and Herzegovina
  BG: "eastern_european", // Bulgaria
  BY: "eastern_european", // Belarus
  CZ: "eastern_european", // Czech Republic
  EE: "eastern_european", // Estonia
  GE: "eastern_european", // Georgia
  HR: "eastern_european", // Croatia
  HU: "eastern_european", // Hungary
  LT: "eastern_european", // Lithuania
  LV: "eastern_european", // Latvia
  MD: "eastern_european", // Moldova, Republic of
  ME: "eastern_european", // Montenegro
  MK: "eastern_european", // The Republic of North Macedonia
  PL: "eastern_european", // Poland
  RO: "eastern_european", // Romania
  RS: "eastern_european", // Serbia
  RU: "eastern_european", // Russian Federation
  SI: "eastern_european", // Slovenia
  SK: "eastern_european", // Slovakia
  UA: "eastern_european", // Ukraine
  AG: "latin_american_caribbean", // Antigua and Barbuda
  AR: "latin_american_caribbean", // Argentina
  BB: "latin_american_caribbean", // Barbados
  BO: "latin_american_caribbean", // Bolivia
  BR: "latin_american_caribbean", // Brazil
  BS: "latin_american_caribbean", // Bahamas
  BZ: "latin_american_caribbean", // Belize
  CL: "latin_american_caribbean", // Chile
  CO: "latin_american_caribbean", // Colombia
  CR: "latin_american_caribbean", // Costa Rica
  CU: "latin_american_caribbean", // Cuba
  DM: "latin_american_caribbean", // Dominica
  DO: "latin_american_caribbean", // Dominican Republic
  EC: "latin_american_caribbean", // Ecuador
  GD: "latin_american_caribbean", // Grenada
  GT: "latin_american_caribbean", // Guatemala
  GY: "latin_american_caribbean", // Guyana
  HN: "latin_american_caribbean", // Honduras
  HT: "latin_american_caribbean", // Haiti
  JM: "latin_american_caribbean", // Jamaica
  KN: "latin_american_caribbean", // Saint Kitts and Nevis
  LC: "latin_american_caribbean", // Saint Lucia
  MX: "latin_american_caribbean", // Mexico
  NI: "latin_american_caribbean", // Nicaragua
  PA: "latin_american_caribbean", // Panama
  PE: "latin_american_caribbean", // Peru
  PY: "latin_american_caribbean", // Paraguay
  SR: "latin_american_caribbean", // Suriname
  SV: "latin_american_caribbean", // El Salvador
  TT: "latin_american_caribbean", // Trinidad and Tobago
  UY: "latin_american_caribbean", // Uruguay
  VC: "latin_american_caribbean", // Saint Vincent and the Grenadines
  VE: "latin_american_caribbean", // Venezuela
  AD: "western_european_others", // Andorra
  AT: "western_european_others", // Austria
  AU: "western_european_others", // Australia
  BE: "western_european_others", // Belgium
  CA: "western_european_others", // Canada
  CH: "western_european_others", // Switzerland
  DE: "western_european_others", // Germany
  DK: "western_european_others", // Denmark
  ES: "western_european_others", // Spain
  FI: "western_european_others", // Finland
  FR: "western_european_others", // France
  GB: "western_european_others", // United Kingdom
  GR: "western_european_others", // Greece
  IE: "western_european_others", // Ireland
  IL: "western_european_others", // Israel
  IS: "western_european_others", // Iceland
  IT: "western_european_others", // Italy
  LI: "western_european_others", // Liechtenstein
  LU: "western_european_others", // Luxembourg
  MC: "western_european_others", // Monaco
  MT: "western_european_others", // Malta
  NL: "western_european_others", // Netherlands
  NO: "western_european_others", // Norway
  NZ: "western_european_others", // New Zealand
  PT: "western_european_others", // Portugal
  SE: "western_european_others", // Sweden
  SM: "western_european_others", // San Marino
  TR: "western_european_others", // Türkiye
  US: "western_european_others", // United States of America
};

/** The UN's non-member observer states: the State of Palestine sits in the Asia-Pacific Group, the Holy See in none. */
export const unObserverStates: Readonly<Record<string, UnRegionalGroup | null>> = {
  PS: "asia_pacific", // State of Palestine
  VA: null, // Holy See
};

/** Whether `code` is a UN member or observer state. */
export function isUnState(code: string): boolean {
  return Object.hasOwn(unMemberStates, code) || Object.hasOwn(unObserverStates, code);
}

/** A state's UN regional group (null: an observer state in none, or not a UN state). */
export function regionalGroupOf(code: string): UnRegionalGroup | null {
  return unMemberStates[code] ?? unObserverStates[code] ?? null;
}

/** Every UN member and observer state's code. */
export const unStateCodes: readonly string[] = [...Object.keys(unMemberStates), ...Object.keys(unObserverStates)].sort();
