/** FIFA codes of the 32 teams of the 2018 World Cup, by the names the openfootball data uses. */
export const TEAM_CODES: Readonly<Record<string, string>> = {
  Argentina: "ARG",
  Australia: "AUS",
  Belgium: "BEL",
  Brazil: "BRA",
  Colombia: "COL",
  "Costa Rica": "CRC",
  Croatia: "CRO",
  Denmark: "DEN",
  Egypt: "EGY",
  England: "ENG",
  France: "FRA",
  Germany: "GER",
  Iceland: "ISL",
  Iran: "IRN",
  Japan: "JPN",
  Mexico: "MEX",
  Morocco: "MAR",
  Nigeria: "NGA",
  Panama: "PAN",
  Peru: "PER",
  Poland: "POL",
  Portugal: "POR",
  Russia: "RUS",
  "Saudi Arabia": "KSA",
  Senegal: "SEN",
  Serbia: "SRB",
  "South Korea": "KOR",
  Spain: "ESP",
  Sweden: "SWE",
  Switzerland: "SUI",
  Tunisia: "TUN",
  Uruguay: "URU",
};

export function teamCode(name: string): string {
  const code = TEAM_CODES[name];
  if (!code) throw new Error(`no FIFA code for team "${name}"`);
  return code;
}
