// SYNTHETIC DATA — for tests and benchmarks of the dedupe stage only. Nothing here describes a real
// initiative: names, web hosts, addresses, phone numbers and people are drawn at random from word lists.
// Provenance: synthetic.
//
// The generator imitates what the 2009 source lists do to one initiative: several lists name it, each with
// its own spelling (case, dropped diacritics, typos, reordered words, acronyms, legal forms, joined words),
// its own choice of fields and its own formatting of web addresses and phone numbers. It also builds the
// traps the real data has: distinct initiatives with near-identical names that often share an office, a
// phone switchboard or a contact person, and umbrella web hosts (a university's, a region's) that carry
// many initiatives under different paths. Deterministic for a seed.

import { closeSync, openSync, writeSync } from 'node:fs';
import { type ColumnType, type Duck, loadRows } from '@kk/core';
import { canonicalWeb, phoneNumbers } from '../../pipelines/ingest/src/normalise.ts';
import { seededRandom } from './random.ts';

export interface SyntheticRecord {
  record_id: string;
  /** The true initiative: the label the tests score against. */
  entity: string;
  namn: string;
  webb: string;
  webb_canonical: string | null;
  adress: string;
  postnummer: string;
  telefon: string;
  telefon_norm: string[];
  kontakt: string;
  epost: string[];
  faktablad: boolean;
}

const TOWNS: [string, string, string][] = [
  // town, area code, first three postcode digits
  ['Stockholm', '08', '114'],
  ['Göteborg', '031', '411'],
  ['Malmö', '040', '211'],
  ['Uppsala', '018', '751'],
  ['Linköping', '013', '581'],
  ['Örebro', '019', '702'],
  ['Västerås', '021', '721'],
  ['Umeå', '090', '903'],
  ['Luleå', '0920', '971'],
  ['Karlstad', '054', '652'],
  ['Växjö', '0470', '351'],
  ['Jönköping', '036', '553'],
  ['Sundsvall', '060', '851'],
  ['Östersund', '063', '831'],
  ['Gävle', '026', '801'],
  ['Borås', '033', '501'],
  ['Norrköping', '011', '601'],
  ['Skellefteå', '0910', '931'],
  ['Kalmar', '0480', '392'],
  ['Halmstad', '035', '301'],
  ['Falun', '023', '791'],
  ['Borlänge', '0243', '781'],
  ['Piteå', '0911', '941'],
  ['Kiruna', '0980', '981'],
  ['Härnösand', '0611', '871'],
  ['Visby', '0498', '621'],
  ['Lund', '046', '223'],
  ['Helsingborg', '042', '252'],
  ['Kristianstad', '044', '291'],
  ['Trollhättan', '0520', '461'],
  ['Uddevalla', '0522', '451'],
  ['Eskilstuna', '016', '632'],
  ['Karlskrona', '0455', '371'],
  ['Hudiksvall', '0650', '824'],
  ['Örnsköldsvik', '0660', '891'],
  ['Ludvika', '0240', '771'],
  ['Kristinehamn', '0550', '681'],
  ['Västervik', '0490', '593'],
  ['Gislaved', '0371', '332'],
  ['Skövde', '0500', '541'],
  ['Strängnäs', '0152', '645'],
  ['Södertälje', '08', '151'],
  ['Hällefors', '0591', '712'],
  ['Malå', '0953', '930'],
  ['Lycksele', '0950', '921'],
  ['Åre', '0647', '837'],
];

const PLACES = [
  'Stockholm',
  'Göteborg',
  'Malmö',
  'Uppsala',
  'Linköping',
  'Örebro',
  'Umeå',
  'Luleå',
  'Karlstad',
  'Växjö',
  'Jönköping',
  'Sundsvall',
  'Östersund',
  'Gävle',
  'Borås',
  'Norrköping',
  'Skåne',
  'Öresund',
  'Øresund',
  'Bergslagen',
  'Norrland',
  'Mälardalen',
  'Dalarna',
  'Värmland',
  'Halland',
  'Blekinge',
  'Småland',
  'Gotland',
  'Västra Götaland',
  'Mid Sweden',
  'Sweden',
  'Scandinavia',
  'Nordic',
  'Östergötland',
  'Jämtland',
  'Västerbotten',
  'Norrbotten',
  'Kronoberg',
  'Södermanland',
  'Örnsköldsvik',
];

const SECTORS = [
  'Bio',
  'Life Science',
  'Medtech',
  'Food',
  'Livsmedel',
  'Packaging',
  'Paper',
  'Trä',
  'Wood',
  'Stål',
  'Steel',
  'Aluminium',
  'Polymer',
  'Plast',
  'Textile',
  'Energy',
  'Miljö',
  'Environment',
  'Clean Tech',
  'IT',
  'ICT',
  'Mobile',
  'Media',
  'Film',
  'Music',
  'Game',
  'Design',
  'Möbel',
  'Glas',
  'Logistics',
  'Automotive',
  'Vehicle',
  'Fordon',
  'Aerospace',
  'Space',
  'Marine',
  'Maritime',
  'Robotics',
  'Automation',
  'Nano',
  'Sensor',
  'Photonics',
  'Microwave',
  'Fiber Optic',
  'Telecom',
  'Telematics',
  'Software',
  'Process IT',
  'Mining',
  'Gruv',
  'Metal',
  'Tourism',
  'Health',
  'Hälsa',
  'Rescue',
  'Security',
  'Agri',
  'Water',
  'Biogas',
  'Solar',
  'Wind',
  'Printed Electronics',
  'Composite',
  'Innovation',
  'Upplevelse',
  'Måltid',
  'Kemi',
  'Chemistry',
  'Pharma',
  'Diagnostics',
  'Imaging',
  'Visualization',
  'Simulation',
  'Electronics',
  'Power',
  'High Voltage',
  'Rail',
  'Shipping',
  'Fashion',
  'Sport',
  'Outdoor',
  'Forest',
  'Bioenergy',
  'Biorefinery',
  'Geo',
  'GIS',
  'Satellite',
  'Drone',
  'Battery',
  'Hydrogen',
  'Acoustics',
  'Ljud',
  'Concrete',
  'Building',
  'Bygg',
  'Housing',
  'Care',
  'eHealth',
];

const TYPES = [
  'Valley',
  'Cluster',
  'Arena',
  'Network',
  'Nätverk',
  'Region',
  'Centre',
  'Centrum',
  'Forum',
  'Alliance',
  'Alliansen',
  'Park',
  'Science Park',
  'City',
  'Hub',
  'Initiative',
  'Innovations',
  'Excellence',
  'Plattform',
  'Akademi',
  'Road',
  'Heights',
  'Bay',
  'Province',
  'Partners',
  'Lab',
  'Institute',
  'Council',
  'Group',
  'Link',
  'Gateway',
  'Campus',
  'Coast',
  'Corridor',
];

const COMPOUND_TAILS = [
  'riket',
  'dalen',
  'centrum',
  'kraft',
  'porten',
  'forum',
  'parken',
  'alliansen',
  'slingan',
];
const COMPOUND_HEADS = [
  'Glas',
  'Möbel',
  'Trä',
  'Robot',
  'Måltids',
  'Aluminium',
  'Polymer',
  'Berg',
  'Stål',
  'Sten',
  'Skogs',
  'Energi',
  'Vatten',
  'Sol',
  'Vind',
  'Film',
  'Musik',
  'Spel',
  'Design',
  'Textil',
  'Hälso',
  'Bio',
  'Kemi',
  'Rymd',
  'Fordons',
  'Sjö',
  'Fjäll',
  'Turist',
  'Mat',
  'Ljus',
  'Data',
  'Medie',
  'Mode',
  'Bygg',
  'Plast',
  'Gruv',
  'Järn',
  'Koppar',
  'Silver',
  'Guld',
];
const ADJECTIVES = [
  'Sustainable',
  'Smart',
  'Future',
  'Green',
  'Digital',
  'Triple',
  'Moving',
  'Open',
  'Advanced',
  'Framtidens',
];
const SIBLING_TYPES = [
  'Excellence',
  'Network',
  'Arena',
  'Forum',
  'Invest',
  'Partners',
  'Academy',
  'Lab',
  'X',
  'Link',
];
const DESCRIPTORS = ['Sverige', 'Sweden', 'Kompetenscentrum'];

const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Anders',
  'Eva',
  'Johan',
  'Lena',
  'Per',
  'Kerstin',
  'Mikael',
  'Ingrid',
  'Peter',
  'Sara',
  'Magnus',
  'Helena',
  'Jan',
  'Ulrika',
  'Björn',
  'Åsa',
  'Göran',
  'Linda',
  'Mats',
  'Susanne',
  'Ola',
  'Cecilia',
  'Henrik',
  'Malin',
  'Fredrik',
  'Sofia',
  'Stefan',
  'Emma',
  'Patrik',
  'Hanna',
  'Jonas',
  'Camilla',
  'Daniel',
  'Ulla',
  'Tomas',
  'Ebba',
  'Håkan',
  'Gunilla',
  'Bengt',
  'Johanna',
  'Christer',
  'Agneta',
  'Roger',
  'Therese',
  'Niklas',
  'Monica',
  'Ulf',
  'Birgitta',
  'Kjell',
  'Annika',
  'Sven',
  'Jenny',
  'Olof',
  'Pia',
  'Rolf',
  'Lotta',
  'Nina',
  'Pontus',
  'Clas',
  'Torbjörn',
  'Ann-Mari',
  'Sven-Arne',
  'Jan-Erik',
  'Per-Gunnar',
  'Anneli',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Olofsson',
  'Lindström',
  'Lindqvist',
  'Lindgren',
  'Axelsson',
  'Berg',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Lundin',
  'Håkansson',
  'Björk',
  'Bergman',
  'Gunnarsson',
  'Holm',
  'Wikström',
  'Samuelsson',
  'Isaksson',
  'Fransson',
  'Bergqvist',
  'Nyström',
  'Holmberg',
  'Arvidsson',
  'Löfgren',
  'Söderberg',
  'Nyberg',
  'Blomqvist',
  'Claesson',
  'Nordström',
  'Mårtensson',
  'Lundström',
  'Viklund',
  'Björklund',
  'Eliasson',
  'Pålsson',
  'Berggren',
  'Sandström',
  'Lund',
  'Nordin',
  'Ström',
  'Åberg',
  'Hermansson',
  'Ekström',
  'Holmgren',
  'Sundberg',
  'Hedlund',
  'Dahlberg',
  'Hellström',
  'Sjögren',
  'Abrahamsson',
  'Falk',
  'Martinsson',
  'Öberg',
  'Andreasson',
  'Strömberg',
  'Månsson',
  'Åkesson',
  'Hansen',
  'Norberg',
  'Lindholm',
  'Dahl',
  'Jonasson',
  'Sundström',
  'Östlund',
  'Törnqvist',
  'Sädbom',
  'Ekengren',
  'Björkman',
];
const STREETS = [
  'Storgatan',
  'Drottninggatan',
  'Kungsgatan',
  'Stortorget',
  'Nygatan',
  'Järnvägsgatan',
  'Science Park',
  'Teknikringen',
  'Universitetsvägen',
  'Industrivägen',
  'Fabriksgatan',
  'Hamngatan',
  'Campusvägen',
  'Sjögatan',
  'Skolgatan',
  'Östra Vallgatan',
  'Västra Vägen',
  'Parkgatan',
  'Forskarvägen',
  'Innovationsgatan',
  'Medicinaregatan',
  'Axel Johnsons väg',
  'Box',
];
const UMBRELLA_HOSTS = [
  'ltu.se',
  'umu.se',
  'miun.se',
  'kth.se',
  'chalmers.se',
  'lu.se',
  'uu.se',
  'liu.se',
  'gu.se',
  'mdh.se',
  'oru.se',
  'kau.se',
  'lnu.se',
  'hb.se',
  'hig.se',
  'du.se',
  'slu.se',
  'ssc.se',
  'dalarna.se',
  'skane.se',
  'vgregion.se',
  'regionhalland.se',
  'regionvarmland.se',
  'lansstyrelsen.se',
  'vinnova.se',
  'almi.se',
  'nosp.se',
  'ideon.se',
  'uppsalasciencepark.se',
  'kista.com',
  'lindholmen.se',
  'aurorum.se',
  'videum.se',
  'teknikdalen.se',
  'sciencepark.se',
];
const TLDS = ['se', 'se', 'se', 'com', 'org', 'nu', 'eu', 'net'];

const DIACRITICS: Record<string, string> = {
  å: 'a',
  ä: 'a',
  ö: 'o',
  ø: 'o',
  æ: 'ae',
  é: 'e',
  Å: 'A',
  Ä: 'A',
  Ö: 'O',
  Ø: 'O',
  Æ: 'AE',
  É: 'E',
};
const ascii = (s: string) => s.replace(/[åäöøæéÅÄÖØÆÉ]/g, (c) => DIACRITICS[c]);
const slug = (s: string) =>
  ascii(s.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// The matcher treats two names that differ only by these as one name; so must the synthetic world.
const FILLERS = new Set(['the', 'i', 'och', 'and', 'of', 'ab', 'sverige', 'sweden', 'kompetenscentrum']);

// A plural s is one typo; the matcher calls Innovation / Innovations one name, so the generator must too.
const coreWords = (words: string[]) =>
  words
    .map((w) => ascii(w.toLowerCase()).replace(/[^a-z0-9]/g, ''))
    .filter((w) => w && !FILLERS.has(w))
    .map((w) => (w.length > 4 ? w.replace(/s$/, '') : w));

/** A name as the matcher compares it: folded, without filler words or spaces. */
const matchKey = (words: string[]) => coreWords(words).join('');

/** The forms under which the matcher takes two names for one: joined, sorted or reversed words. */
const matchKeys = (words: string[]) => {
  const w = coreWords(words);
  return [w.join(''), [...w].sort().join(''), [...w].reverse().join('')];
};

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

interface Entity {
  id: string;
  name: string;
  words: string[];
  acronym: string | null;
  web: string;
  /** An address the entity used before (another top-level domain), reserved so no other entity has it. */
  oldWeb: string | null;
  umbrella: boolean;
  street: string;
  postcode: string;
  town: string;
  phones: string[];
  contact: string;
  email: string;
}

class World {
  readonly r: () => number;
  private readonly names = new Set<string>();
  private readonly hosts = new Set<string>();
  private readonly umbrellaPaths = new Set<string>();
  private serial = 0;

  constructor(seed: number) {
    this.r = seededRandom(seed);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }

  baseName(wide: boolean): string[] {
    // The short patterns run out of names after a few hundred thousand initiatives; the wide ones do not.
    switch (wide ? 8 + this.int(3) : this.int(11)) {
      case 0:
        return [this.pick(PLACES), this.pick(SECTORS), this.pick(TYPES)];
      case 1:
        return [this.pick(SECTORS), this.pick(TYPES)];
      case 2:
        return ['The', this.pick(SECTORS), this.pick(TYPES)];
      case 3:
        return [this.pick(COMPOUND_HEADS) + this.pick(COMPOUND_TAILS)];
      case 4:
        return [this.pick(SECTORS), this.pick(PLACES)];
      case 5:
        return [this.pick(PLACES), this.pick(SECTORS)];
      case 6:
        return [this.pick(ADJECTIVES), this.pick(SECTORS), this.pick(PLACES)];
      case 7:
        return [this.pick(COMPOUND_HEADS) + this.pick(COMPOUND_TAILS), this.pick(PLACES)];
      case 8:
        return [this.pick(PLACES), this.pick(SECTORS), this.pick(SECTORS), this.pick(TYPES)];
      case 9:
        return [this.pick(ADJECTIVES), this.pick(SECTORS), this.pick(TYPES), this.pick(TOWNS)[0]];
      default:
        return [this.pick(SECTORS), this.pick(SECTORS), this.pick(TOWNS)[0]];
    }
  }

  /** A name no other entity has (compared as the matcher would: folded, without spaces). */
  claim(words: string[]): boolean {
    const keys = matchKeys(words);
    if (keys.some((k) => this.names.has(k))) return false;
    for (const k of keys) this.names.add(k);
    return true;
  }

  freshName(): string[] {
    for (let attempt = 0; ; attempt++) {
      const words = this.baseName(attempt >= 4).flatMap((w) => w.split(' '));
      if (new Set(words).size === words.length && this.claim(words)) return words;
    }
  }

  /** A near-identical name of a different initiative: one whole word changed, added or dropped. */
  siblingName(words: string[]): string[] | undefined {
    for (let attempt = 0; attempt < 6; attempt++) {
      let w = [...words];
      const k = this.int(4);
      if (k === 0) w[w.length - 1] = this.pick(SIBLING_TYPES);
      else if (k === 1) w.push(this.pick(SIBLING_TYPES));
      else if (k === 2 && w.length >= 3) w = w.filter((_, i) => i !== w.length - 1);
      else {
        const i = this.int(w.length);
        const candidates = SECTORS.filter((s) => s[0] === w[i][0] && s !== w[i]);
        w[i] = candidates.length ? this.pick(candidates) : this.pick(SECTORS);
        w = w.flatMap((x) => x.split(' '));
      }
      // A whole word must change: a sibling one typo away would be the same name misspelt.
      if (editDistance(matchKey(w), matchKey(words)) > 2 && this.claim(w)) return w;
    }
    return undefined;
  }

  hostFor(words: string[], acronym: string | null): string {
    const base = ascii(words.filter((w) => w !== 'The').join(''))
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const stem = acronym && acronym.length >= 3 && this.chance(0.3) ? acronym.toLowerCase() : base;
    for (let i = 0; ; i++) {
      const host = `${stem}${i ? i + 1 : ''}.${this.pick(TLDS)}`;
      if (!this.hosts.has(host)) {
        this.hosts.add(host);
        return host;
      }
    }
  }

  umbrellaWeb(words: string[]): string {
    for (;;) {
      const host = this.pick(UMBRELLA_HOSTS);
      const style = this.int(3);
      const path =
        style === 0
          ? `/?id=${1000 + this.int(90000)}`
          : style === 1
            ? `/research/${slug(words.join(' '))}`
            : `/${this.pick(['ske', 'inst', 'proj', 'kluster'])}/${slug(words.join(' ')).slice(0, 12)}${this.int(100)}`;
      const web = host + path;
      if (!this.umbrellaPaths.has(web)) {
        this.umbrellaPaths.add(web);
        return web;
      }
    }
  }

  phone(area: string): string {
    return area + this.digits(10 - area.length);
  }

  entity(words: string[], office?: Entity, shareUmbrella?: Entity): Entity {
    const id = `syn-${++this.serial}`;
    const tokens = words.filter((w) => !['The', 'i', 'och', 'and', 'of'].includes(w));
    const acronym =
      tokens.length >= 2 && tokens.length <= 5 && this.chance(0.35)
        ? tokens.map((t) => ascii(t[0]).toUpperCase()).join('')
        : null;
    const umbrella = shareUmbrella ? true : this.chance(0.12);
    const web = umbrella
      ? shareUmbrella
        ? `${shareUmbrella.web.split('/')[0]}/research/${slug(words.join(' '))}${this.int(1000)}`
        : this.umbrellaWeb(words)
      : this.hostFor(words, acronym);
    const [town, area, pc] = office
      ? (TOWNS.find((t) => t[0] === office.town) ?? TOWNS[0])
      : this.pick(TOWNS);
    const sharedOffice = office && this.chance(0.5);
    const first = this.pick(FIRST);
    const last = this.pick(LAST);
    const contact = office && this.chance(0.25) ? office.contact : `${first} ${last}`;
    const host = web.split('/')[0];
    const phones = office
      ? [this.chance(0.35) ? office.phones[0] : this.phone(office.phones[0].slice(0, 3)), this.phone('07')]
      : [this.phone(area), this.phone(area), this.phone('07')].slice(0, 1 + this.int(3));
    const oldHost = umbrella ? null : host.replace(/\.[a-z]+$/, host.endsWith('.se') ? '.com' : '.se');
    const oldWeb = oldHost && !this.hosts.has(oldHost) ? oldHost : null;
    if (oldWeb) this.hosts.add(oldWeb);
    return {
      id,
      name: words.join(' '),
      words,
      acronym,
      web,
      oldWeb,
      umbrella,
      street: sharedOffice && office ? office.street : `${this.pick(STREETS)} ${1 + this.int(120)}`,
      postcode: sharedOffice && office ? office.postcode : `${pc} ${this.digits(2)}`,
      town,
      phones,
      contact,
      email: `${ascii(contact.toLowerCase()).replace(/[^a-z]+/g, '.')}@${host}`,
    };
  }

  typo(word: string): string {
    if (word.length < 5) return word;
    const i = 1 + this.int(word.length - 2);
    const letters = 'abcdefghijklmnoprstuvy';
    switch (this.int(4)) {
      case 0:
        return word.slice(0, i) + word.slice(i + 1);
      case 1:
        return word.slice(0, i) + this.pick([...letters]) + word.slice(i);
      case 2:
        return word.slice(0, i) + this.pick([...letters]) + word.slice(i + 1);
      default:
        return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
    }
  }

  /** How one list spells the name. */
  spell(e: Entity, evidence: boolean): string {
    const words = [...e.words];
    const roll = this.r();
    if (roll < 0.42) return e.name;
    if (roll < 0.5) {
      const s = e.name;
      return this.chance(0.5) ? s.toUpperCase() : s.toLowerCase().replace(/^./, (c) => c.toUpperCase());
    }
    if (roll < 0.62) return ascii(e.name);
    if (roll < 0.72) {
      const i = this.int(words.length);
      words[i] = this.typo(words[i]);
      return words.join(' ');
    }
    if (roll < 0.76) {
      if (words.length < 2) return e.name;
      const i = this.int(words.length - 1);
      [words[i], words[i + 1]] = [words[i + 1], words[i]];
      return words.join(' ');
    }
    if (roll < 0.81) return e.acronym && evidence ? e.acronym : e.name;
    if (roll < 0.86) {
      if (!e.acronym) return e.name;
      return this.chance(0.5) ? `${e.name} (${e.acronym})` : `${e.name} – ${e.acronym}`;
    }
    if (roll < 0.94) {
      switch (this.int(7)) {
        case 0:
          return `${e.name} AB`;
        case 1:
          return `${e.name} ek. för.`;
        case 2:
          return `${e.name} ideell förening`;
        case 3:
          return `Stiftelsen ${e.name}`;
        case 4:
          return words[0] === 'The' ? words.slice(1).join(' ') : `The ${e.name}`;
        case 5:
          return `${e.name} Intresseförening`;
        default:
          return `${e.name} ekonomisk förening`;
      }
    }
    if (roll < 0.97) {
      // Joined words (GöteborgBIO, InternetBay); never "TheX".
      const i = this.int(words.length - 1);
      if (words.length < 2 || words[i] === 'The') return e.name;
      return [...words.slice(0, i), words[i] + words[i + 1], ...words.slice(i + 2)].join(' ');
    }
    const d = this.pick(DESCRIPTORS);
    return d === 'Kompetenscentrum' ? `${d} ${e.name}` : `${e.name} ${d}`;
  }

  spellWeb(web: string): string {
    let s = web;
    if (this.chance(0.5)) s = `www.${s}`;
    if (this.chance(0.4)) s = `http://${s}`;
    if (this.chance(0.2) && !s.includes('/', s.indexOf('.'))) s += '/';
    if (this.chance(0.05) && !web.includes('/')) s += '/index.html';
    if (this.chance(0.1)) s = s.toUpperCase();
    return s;
  }

  spellPhone(p: string): string {
    switch (this.int(3)) {
      case 0:
        return p;
      case 1:
        return `${p.slice(0, 3)}-${p.slice(3, 6)} ${p.slice(6, 8)} ${p.slice(8)}`;
      default:
        return `+46 ${p.slice(1, 3)} ${p.slice(3, 6)} ${p.slice(6)}`;
    }
  }

  record(e: Entity, id: string): SyntheticRecord {
    // What kind of list the row comes from decides which fields it has.
    const style = this.r();
    const register = style < 0.4;
    const funder = style >= 0.4 && style < 0.7;
    const regional = style >= 0.7 && style < 0.9;
    const bare = style >= 0.9;
    const hasWeb = !bare && this.chance(register ? 0.9 : 0.75);
    const hasPhone = (funder && this.chance(0.7)) || (regional && this.chance(0.6));
    const hasContact = funder && this.chance(0.8);
    const hasAddress = regional && this.chance(0.8);
    const hasEmail = funder && this.chance(0.4);
    const evidence = hasWeb || hasPhone || hasContact || hasEmail;
    const namn = this.spell(e, evidence);
    let web = '';
    if (hasWeb) {
      if (e.umbrella && this.chance(0.1)) web = e.web.split('/')[0];
      else if (e.oldWeb && this.chance(0.02)) web = e.oldWeb;
      else web = e.web;
      web = this.spellWeb(web);
    }
    const phone = hasPhone ? this.pick(e.phones) : '';
    const telefon = phone ? this.spellPhone(phone) : '';
    const adress = hasAddress ? `${e.street}, ${e.postcode} ${e.town}` : '';
    const canonical = web ? canonicalWeb(web) : undefined;
    return {
      record_id: id,
      entity: e.id,
      namn,
      webb: web,
      webb_canonical: canonical?.canonical ?? null,
      adress,
      postnummer: hasAddress ? e.postcode.replace(/\s/g, '') : '',
      telefon,
      telefon_norm: telefon ? phoneNumbers(telefon) : [],
      kontakt: hasContact ? e.contact : '',
      epost: hasEmail ? [e.email] : [],
      faktablad: false,
    };
  }
}

/** How many lists name one initiative: most name it once or twice, a few up to seven times. */
function recordsPerEntity(g: World): number {
  const x = g.r();
  if (x < 0.35) return 1;
  if (x < 0.65) return 2;
  if (x < 0.83) return 3;
  if (x < 0.93) return 4;
  return 5 + g.int(3);
}

/** A multiplier coprime with n: record i of the generation order gets id (i · step) mod n, a fixed shuffle. */
function idStep(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 1_000_003;
  while (gcd(step, n) !== 1) step += 2;
  return step % n || 1;
}

/**
 * `n` synthetic source-list records with their true initiative in `entity`, one at a time (a million do not
 * fit comfortably in memory as objects). Deterministic for a seed. About a quarter of the initiatives come with
 * a sibling: a different initiative with a near-identical name, often at the same office, switchboard or
 * contact person, sometimes on the same umbrella host. Record ids are a fixed shuffle of the generation order,
 * since lists do not keep one initiative's rows together and the order must not help the matcher.
 */
export function* syntheticRecords(n: number, seed = 20091): Generator<SyntheticRecord> {
  const g = new World(seed);
  const width = String(n).length;
  const step = BigInt(idStep(n));
  let i = 0;
  function* emit(e: Entity): Generator<SyntheticRecord> {
    const k = recordsPerEntity(g);
    for (let j = 0; j < k && i < n; j++, i++) {
      const id = Number((BigInt(i) * step) % BigInt(n)) + 1;
      yield g.record(e, `syn:${String(id).padStart(width, '0')}`);
    }
  }
  while (i < n) {
    const words = g.freshName();
    const e = g.entity(words);
    yield* emit(e);
    if (i < n && g.chance(0.25)) {
      const sw = g.siblingName(words);
      if (sw) yield* emit(g.entity(sw, e, e.umbrella && g.chance(0.5) ? e : undefined));
    }
  }
}

export function generateDedupeRecords(n: number, seed = 20091): SyntheticRecord[] {
  return [...syntheticRecords(n, seed)];
}

const COLUMNS: Record<string, ColumnType> = {
  record_id: 'VARCHAR',
  entity: 'VARCHAR',
  namn: 'VARCHAR',
  webb: 'VARCHAR',
  adress: 'VARCHAR',
  postnummer: 'VARCHAR',
  kontakt: 'VARCHAR',
  telefon: 'VARCHAR[]',
  epost: 'VARCHAR[]',
  faktablad: 'BOOLEAN',
};

/** A record in the shape the dedupe algorithm reads (webb = the canonical address, telefon = digits). */
const toRow = (r: SyntheticRecord) => ({
  record_id: r.record_id,
  entity: r.entity,
  namn: r.namn,
  webb: r.webb_canonical,
  adress: r.adress,
  postnummer: r.postnummer,
  kontakt: r.kontakt,
  telefon: r.telefon_norm,
  epost: r.epost,
  faktablad: r.faktablad,
});

/** Loads records into `table` in the shape the dedupe algorithm reads. */
export async function loadDedupeRecords(
  duck: Duck,
  table: string,
  records: SyntheticRecord[],
  tmpFile: string,
): Promise<void> {
  await loadRows(duck, table, COLUMNS, records.map(toRow), tmpFile);
}

/** Writes `n` records as NDJSON without holding them in memory, then loads the file into `table`. */
export async function writeAndLoadDedupeRecords(
  duck: Duck,
  table: string,
  n: number,
  file: string,
  seed = 20091,
): Promise<void> {
  const fd = openSync(file, 'w');
  try {
    let chunk: string[] = [];
    for (const r of syntheticRecords(n, seed)) {
      chunk.push(JSON.stringify(toRow(r)));
      if (chunk.length === 10_000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  const spec = Object.entries(COLUMNS)
    .map(([k, v]) => `'${k}': '${v}'`)
    .join(', ');
  await duck.run(
    `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited', columns = {${spec}})`,
  );
}
