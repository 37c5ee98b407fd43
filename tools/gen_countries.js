#!/usr/bin/env node
// gen_countries.js — writes data/lexicon/countries.actors: ISO 3166-1 codes and
// names from Debian's iso-codes JSON plus factum's own table of demonyms,
// adjectives, capitals and short names. Run by hand; the output is reviewed and committed.
'use strict';
const fs = require('fs');

const ISO = process.argv[2] || '/usr/share/iso-codes/json/iso_3166-1.json';
const OUT = process.argv[3] || 'data/lexicon/countries.actors';

// code | demonym (one person) | demonyms (people) | adjectives | capitals | other names
// Capitals code as their country (TABARI convention: "Baghdad said" = the Iraqi government).
// Capitals that are common words or other places' names (Male, Victoria) are left out.
const EXTRA = `
AFG|Afghan|Afghans|Afghan|Kabul|
ALB|Albanian|Albanians|Albanian|Tirana|
DZA|Algerian|Algerians|Algerian|Algiers|
AND|Andorran|Andorrans|Andorran|Andorra la Vella|
AGO|Angolan|Angolans|Angolan|Luanda|
ATG|Antiguan|Antiguans|Antiguan|St John's|Antigua
ARG|Argentine|Argentines|Argentine,Argentinian|Buenos Aires|
ARM|Armenian|Armenians|Armenian|Yerevan|
AUS|Australian|Australians|Australian|Canberra|
AUT|Austrian|Austrians|Austrian|Vienna|
AZE|Azerbaijani|Azerbaijanis|Azerbaijani,Azeri|Baku|
BHS|Bahamian|Bahamians|Bahamian|Nassau|The Bahamas
BHR|Bahraini|Bahrainis|Bahraini|Manama|
BGD|Bangladeshi|Bangladeshis|Bangladeshi|Dhaka|
BRB|Barbadian|Barbadians|Barbadian|Bridgetown|
BLR|Belarusian|Belarusians|Belarusian|Minsk|Belarus
BEL|Belgian|Belgians|Belgian|Brussels|
BLZ|Belizean|Belizeans|Belizean|Belmopan|
BEN|Beninese||Beninese|Porto-Novo,Cotonou|
BTN|Bhutanese||Bhutanese|Thimphu|
BOL|Bolivian|Bolivians|Bolivian|La Paz,Sucre|
BIH|Bosnian|Bosnians|Bosnian|Sarajevo|Bosnia
BWA|Motswana|Batswana|Botswanan|Gaborone|
BRA|Brazilian|Brazilians|Brazilian|Brasilia|
BRN|Bruneian|Bruneians|Bruneian|Bandar Seri Begawan|Brunei
BGR|Bulgarian|Bulgarians|Bulgarian|Sofia|
BFA|Burkinabe|Burkinabes|Burkinabe|Ouagadougou|Burkina
BDI|Burundian|Burundians|Burundian|Gitega|
CPV|Cape Verdean|Cape Verdeans|Cape Verdean|Praia|Cape Verde
KHM|Cambodian|Cambodians|Cambodian|Phnom Penh|
CMR|Cameroonian|Cameroonians|Cameroonian|Yaounde|
CAN|Canadian|Canadians|Canadian|Ottawa|
CAF|Central African|Central Africans|Central African|Bangui|CAR
TCD|Chadian|Chadians|Chadian|N'Djamena|
CHL|Chilean|Chileans|Chilean|Santiago|
CHN|Chinese||Chinese|Beijing|Mainland China,PRC
COL|Colombian|Colombians|Colombian|Bogota|
COM|Comorian|Comorians|Comorian|Moroni|
COG|Congolese||Congolese|Brazzaville|Congo-Brazzaville,Republic of Congo
COD|Congolese||Congolese|Kinshasa|DR Congo,DRC,Congo-Kinshasa,Democratic Republic of Congo
CRI|Costa Rican|Costa Ricans|Costa Rican|San Jose|
CIV|Ivorian|Ivorians|Ivorian|Yamoussoukro,Abidjan|Ivory Coast,Cote d'Ivoire
HRV|Croatian|Croatians|Croatian,Croat|Zagreb|
CUB|Cuban|Cubans|Cuban|Havana|
CYP|Cypriot|Cypriots|Cypriot|Nicosia|
CZE|Czech|Czechs|Czech|Prague|Czech Republic
DNK|Dane|Danes|Danish|Copenhagen|
DJI|Djiboutian|Djiboutians|Djiboutian||
DMA|Dominican|Dominicans||Roseau|
DOM|Dominican|Dominicans|Dominican|Santo Domingo|
ECU|Ecuadorian|Ecuadorians|Ecuadorian|Quito|
EGY|Egyptian|Egyptians|Egyptian|Cairo|
SLV|Salvadoran|Salvadorans|Salvadoran|San Salvador|
GNQ|Equatorial Guinean|Equatorial Guineans|Equatorial Guinean|Malabo|
ERI|Eritrean|Eritreans|Eritrean|Asmara|
EST|Estonian|Estonians|Estonian|Tallinn|
SWZ|Swazi|Swazis|Swazi|Mbabane|Swaziland
ETH|Ethiopian|Ethiopians|Ethiopian|Addis Ababa|
FJI|Fijian|Fijians|Fijian|Suva|
FIN|Finn|Finns|Finnish|Helsinki|
FRA|Frenchman|Frenchmen|French|Paris|
GAB|Gabonese||Gabonese|Libreville|
GMB|Gambian|Gambians|Gambian|Banjul|The Gambia
GEO|Georgian|Georgians|Georgian|Tbilisi|
DEU|German|Germans|German|Berlin|
GHA|Ghanaian|Ghanaians|Ghanaian|Accra|
GRC|Greek|Greeks|Greek|Athens|
GRD|Grenadian|Grenadians|Grenadian|St George's|
GTM|Guatemalan|Guatemalans|Guatemalan|Guatemala City|
GIN|Guinean|Guineans|Guinean|Conakry|
GNB|Bissau-Guinean|Bissau-Guineans|Bissau-Guinean|Bissau|
GUY|Guyanese||Guyanese|Georgetown|
HTI|Haitian|Haitians|Haitian|Port-au-Prince|
HND|Honduran|Hondurans|Honduran|Tegucigalpa|
HUN|Hungarian|Hungarians|Hungarian|Budapest|
ISL|Icelander|Icelanders|Icelandic|Reykjavik|
IND|Indian|Indians|Indian|New Delhi|
IDN|Indonesian|Indonesians|Indonesian|Jakarta|
IRN|Iranian|Iranians|Iranian,Persian|Tehran|Persia
IRQ|Iraqi|Iraqis|Iraqi|Baghdad|
IRL|Irishman|Irish|Irish|Dublin|Ireland
ISR|Israeli|Israelis|Israeli|Jerusalem,Tel Aviv|
ITA|Italian|Italians|Italian|Rome|
JAM|Jamaican|Jamaicans|Jamaican|Kingston|
JPN|Japanese||Japanese|Tokyo|
JOR|Jordanian|Jordanians|Jordanian|Amman|
KAZ|Kazakh|Kazakhs|Kazakh,Kazakhstani|Astana|
KEN|Kenyan|Kenyans|Kenyan|Nairobi|
KIR|I-Kiribati||Kiribati|Tarawa|
PRK|North Korean|North Koreans|North Korean|Pyongyang|North Korea,DPRK
KOR|South Korean|South Koreans|South Korean|Seoul|South Korea,ROK
KWT|Kuwaiti|Kuwaitis|Kuwaiti|Kuwait City|
KGZ|Kyrgyz||Kyrgyz|Bishkek|Kyrgyzstan,Kirghizia
LAO|Laotian|Laotians|Lao,Laotian|Vientiane|Laos
LVA|Latvian|Latvians|Latvian|Riga|
LBN|Lebanese||Lebanese|Beirut|
LSO|Mosotho|Basotho|Lesotho|Maseru|
LBR|Liberian|Liberians|Liberian|Monrovia|
LBY|Libyan|Libyans|Libyan|Tripoli|
LIE|Liechtensteiner|Liechtensteiners|Liechtenstein|Vaduz|
LTU|Lithuanian|Lithuanians|Lithuanian|Vilnius|
LUX|Luxembourger|Luxembourgers|Luxembourgish|Luxembourg City|
MDG|Malagasy||Malagasy|Antananarivo|
MWI|Malawian|Malawians|Malawian|Lilongwe|
MYS|Malaysian|Malaysians|Malaysian|Kuala Lumpur,Putrajaya|
MDV|Maldivian|Maldivians|Maldivian||
MLI|Malian|Malians|Malian|Bamako|
MLT|Maltese||Maltese|Valletta|
MHL|Marshallese||Marshallese|Majuro|
MRT|Mauritanian|Mauritanians|Mauritanian|Nouakchott|
MUS|Mauritian|Mauritians|Mauritian|Port Louis|
MEX|Mexican|Mexicans|Mexican|Mexico City|
FSM|Micronesian|Micronesians|Micronesian|Palikir|Micronesia
MDA|Moldovan|Moldovans|Moldovan|Chisinau|Moldova
MCO|Monegasque|Monegasques|Monegasque||
MNG|Mongolian|Mongolians|Mongolian|Ulaanbaatar|
MNE|Montenegrin|Montenegrins|Montenegrin|Podgorica|
MAR|Moroccan|Moroccans|Moroccan|Rabat|
MOZ|Mozambican|Mozambicans|Mozambican|Maputo|
MMR|Burmese||Burmese,Myanmar|Naypyidaw,Naypyitaw|Burma
NAM|Namibian|Namibians|Namibian|Windhoek|
NRU|Nauruan|Nauruans|Nauruan||
NPL|Nepali|Nepalis|Nepali,Nepalese|Kathmandu|
NLD|Dutchman|Dutch|Dutch|Amsterdam,The Hague|Holland,The Netherlands
NZL|New Zealander|New Zealanders||Wellington|
NIC|Nicaraguan|Nicaraguans|Nicaraguan|Managua|
NER|Nigerien|Nigeriens|Nigerien|Niamey|
NGA|Nigerian|Nigerians|Nigerian|Abuja|
MKD|Macedonian|Macedonians|Macedonian|Skopje|Macedonia
NOR|Norwegian|Norwegians|Norwegian|Oslo|
OMN|Omani|Omanis|Omani|Muscat|
PAK|Pakistani|Pakistanis|Pakistani|Islamabad|
PLW|Palauan|Palauans|Palauan|Ngerulmud|
PSE|Palestinian|Palestinians|Palestinian|Ramallah|Palestine,Palestinian Territories,Occupied Palestinian Territories
PAN|Panamanian|Panamanians|Panamanian|Panama City|
PNG|Papua New Guinean|Papua New Guineans|Papua New Guinean|Port Moresby|
PRY|Paraguayan|Paraguayans|Paraguayan|Asuncion|
PER|Peruvian|Peruvians|Peruvian|Lima|
PHL|Filipino|Filipinos|Philippine,Filipino|Manila|The Philippines
POL|Pole|Poles|Polish|Warsaw|
PRT|Portuguese||Portuguese|Lisbon|
QAT|Qatari|Qataris|Qatari|Doha|
ROU|Romanian|Romanians|Romanian|Bucharest|
RUS|Russian|Russians|Russian|Moscow|Russia
RWA|Rwandan|Rwandans|Rwandan|Kigali|
KNA|Kittitian|Kittitians||Basseterre|St Kitts and Nevis
LCA|St Lucian|St Lucians||Castries|St Lucia
VCT|Vincentian|Vincentians||Kingstown|St Vincent and the Grenadines
WSM|Samoan|Samoans|Samoan|Apia|
SMR|Sammarinese||Sammarinese||
STP|Sao Tomean|Sao Tomeans||Sao Tome|
SAU|Saudi|Saudis|Saudi|Riyadh|
SEN|Senegalese||Senegalese|Dakar|
SRB|Serbian|Serbians|Serbian,Serb|Belgrade|
SYC|Seychellois||Seychellois||
SLE|Sierra Leonean|Sierra Leoneans|Sierra Leonean|Freetown|
SGP|Singaporean|Singaporeans|Singaporean||
SVK|Slovak|Slovaks|Slovak|Bratislava|
SVN|Slovenian|Slovenians|Slovenian,Slovene|Ljubljana|
SLB|Solomon Islander|Solomon Islanders||Honiara|
SOM|Somali|Somalis|Somali|Mogadishu|
ZAF|South African|South Africans|South African|Pretoria,Cape Town|
SSD|South Sudanese||South Sudanese|Juba|
ESP|Spaniard|Spaniards|Spanish|Madrid|
LKA|Sri Lankan|Sri Lankans|Sri Lankan|Colombo|
SDN|Sudanese||Sudanese|Khartoum,Port Sudan|
SUR|Surinamese||Surinamese|Paramaribo|
SWE|Swede|Swedes|Swedish|Stockholm|
CHE|Swiss||Swiss|Bern|
SYR|Syrian|Syrians|Syrian|Damascus|Syria
TWN|Taiwanese||Taiwanese|Taipei|Taiwan
TJK|Tajik|Tajiks|Tajik|Dushanbe|
TZA|Tanzanian|Tanzanians|Tanzanian|Dodoma,Dar es Salaam|Tanzania
THA|Thai|Thais|Thai|Bangkok|
TLS|Timorese||Timorese|Dili|East Timor
TGO|Togolese||Togolese|Lome|
TON|Tongan|Tongans|Tongan|Nuku'alofa|
TTO|Trinidadian|Trinidadians|Trinidadian|Port of Spain|Trinidad
TUN|Tunisian|Tunisians|Tunisian|Tunis|
TUR|Turk|Turks|Turkish|Ankara|Turkey
TKM|Turkmen||Turkmen|Ashgabat|
TUV|Tuvaluan|Tuvaluans|Tuvaluan|Funafuti|
UGA|Ugandan|Ugandans|Ugandan|Kampala|
UKR|Ukrainian|Ukrainians|Ukrainian|Kyiv,Kiev|
ARE|Emirati|Emiratis|Emirati|Abu Dhabi|UAE,Emirates,U.A.E.
GBR|Briton|Britons|British|London|Britain,Great Britain,UK,U.K.
USA|American|Americans|American,U.S.,US|Washington|America,United States of America,U.S.,US,U.S.A.,USA
URY|Uruguayan|Uruguayans|Uruguayan|Montevideo|
UZB|Uzbek|Uzbeks|Uzbek|Tashkent|
VUT|Ni-Vanuatu||Vanuatuan|Port Vila|
VAT|||Vatican||Holy See,Vatican,Vatican City
VEN|Venezuelan|Venezuelans|Venezuelan|Caracas|Venezuela
VNM|Vietnamese||Vietnamese|Hanoi|Vietnam
YEM|Yemeni|Yemenis|Yemeni|Sanaa,Aden|
ZMB|Zambian|Zambians|Zambian|Lusaka|
ZWE|Zimbabwean|Zimbabweans|Zimbabwean|Harare|
KSV|Kosovar|Kosovars|Kosovar,Kosovan|Pristina|Kosovo,Republic of Kosovo
PRI|Puerto Rican|Puerto Ricans|Puerto Rican|San Juan|
GRL|Greenlander|Greenlanders|Greenlandic|Nuuk|
HKG|Hong Konger|Hong Kongers||| 
`;

// Blocs and regions with a CAMEO region code; only these are coded as regions.
const REGIONS = [
  ['AFR', 'Africa', ['African', 'Africans']],
  ['ARB', 'Arab world', ['Arab states', 'Arab countries', 'Arab nations']],
  ['ASA', 'Asia', ['Asian countries']],
  ['EUR', 'Europe', ['European countries', 'European nations']],
  ['LAM', 'Latin America', ['Latin American countries', 'Latin American']],
  ['MEA', 'Middle East', ['Mideast', 'Middle Eastern countries']],
  ['WST', 'The West', ['Western countries', 'Western nations', 'Western powers', 'Western governments', 'Western allies']],
];

function phrase(s) {
  // TABARI phrase: upper case, words joined by '_', trailing '_' = whole word only
  return s.toUpperCase().replace(/[’]/g, "'").replace(/\s+/g, '_') + '_';
}
function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }

const iso = JSON.parse(fs.readFileSync(ISO, 'utf8'))['3166-1'];
const extra = new Map();
for (const line of EXTRA.split('\n')) {
  if (!line.trim()) continue;
  const f = line.split('|').map(s => s.trim());
  const list = s => (s || '').split(',').map(x => x.trim()).filter(Boolean);
  extra.set(f[0], { dem: list(f[1]), dems: list(f[2]), adj: list(f[3]), cap: list(f[4]), other: list(f[5]) });
}
const entries = iso.map(c => ({ code: c.alpha_3, name: c.common_name || c.name, names: [c.name, c.official_name].filter(Boolean) }));
entries.push({ code: 'KSV', name: 'Kosovo', names: [] });   // CAMEO code; not in ISO 3166-1
entries.sort((a, b) => a.name.localeCompare(b.name));

// A phrase used by two countries (e.g. "Dominican", "Congolese") is ambiguous: keep it for neither.
const owner = new Map();
const per = new Map();
for (const e of entries) {
  const x = extra.get(e.code) || { dem: [], dems: [], adj: [], cap: [], other: [] };
  const words = [];
  const add = s => { if (!s) return; for (const v of new Set([s, fold(s)])) words.push(phrase(v)); };
  [e.name, ...e.names, ...x.other].forEach(add);
  // ISO "Korea, Republic of" style names are useless as text; "Republic of Korea" is not.
  for (const n0 of [e.name, ...e.names]) {
    // "Falkland Islands (Malvinas)": both the name and the bracketed alternative
    const p = n0.match(/^(.*?) ?\((.*)\)(.*)$/);
    const n = p ? (p[1] + p[3]).trim() : n0;
    if (p) add(n);
    if (p && !/part$/.test(p[2])) add(p[2]);
    const m = n.match(/^([^,]*), ([^,]*)$/);
    // reorder only "X, Republic of" and "Virgin Islands, British"; "Bonaire, Sint Eustatius and
    // Saba" keeps its first part only
    if (m && !/Province of/.test(m[2]) && (/\b(of|of the)$/i.test(m[2]) || !/ /.test(m[2])))
      add(m[2] + ' ' + m[1]);
    else if (m) add(m[1]);
    if (/^The /.test(n)) add(n.slice(4));
  }
  [...x.dem, ...x.dems, ...x.adj].forEach(add);
  const caps = [];
  x.cap.forEach(s => { for (const v of new Set([s, fold(s)])) caps.push(phrase(v)); });
  const uniq = [...new Set(words.filter(w => !/[,()]/.test(w)))];
  per.set(e.code, { words: uniq, caps: [...new Set(caps)] });
  for (const w of [...uniq, ...caps]) {
    if (!owner.has(w)) owner.set(w, new Set());
    owner.get(w).add(e.code);
  }
}
const lines = [
  '# countries.actors — factum\'s country dictionary (TABARI actor format, see data/lexicon/README.md).',
  '# Codes are ISO 3166-1 alpha-3 as CAMEO uses them (Kosovo: KSV). Names, demonyms, adjectives and',
  '# capitals all code as the country; a capital stands for its government in wire copy ("Baghdad said").',
  '# Generated once by tools/gen_countries.js from iso-codes plus factum\'s own table, then reviewed.',
  '',
];
const dropped = [];
for (const e of entries) {
  const p = per.get(e.code);
  const ok = w => owner.get(w).size === 1;
  const words = p.words.filter(ok), caps = p.caps.filter(ok);
  for (const w of [...p.words, ...p.caps]) if (!ok(w)) dropped.push(w + ' (' + [...owner.get(w)].join(' ') + ')');
  if (!words.length) { process.stderr.write('no usable name: ' + e.code + '\n'); continue; }
  lines.push('# ' + e.name);
  lines.push(words[0] + ' [' + e.code + ']');
  for (const w of words.slice(1)) lines.push('+' + w);
  if (caps.length) lines.push('# capital' + (caps.length > 1 ? 's' : ''));
  for (const w of caps) lines.push('+' + w);
  lines.push('');
}
lines.push('# ---- regions and blocs with a CAMEO region code ----');
for (const [code, name, alts] of REGIONS) {
  lines.push(phrase(name) + ' [' + code + ']');
  for (const a of alts) lines.push('+' + phrase(a));
  lines.push('');
}
fs.writeFileSync(OUT, lines.join('\n'));
process.stderr.write('wrote ' + OUT + '; ambiguous, left out: ' + [...new Set(dropped)].join(', ') + '\n');
