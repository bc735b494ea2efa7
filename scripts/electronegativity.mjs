// `npm run test:electronegativity`: Doyensec's Electronegativity over src/ and the build (out/), given
// the Electron version from package.json (it cannot look it up offline). Fails on any finding or parse
// error not explained in electronegativity-accepted.json, on an explanation that no longer matches
// anything, and on inline `eng-disable` comments (explanations live in that one file, listed in README).
// Nothing is fetched: the tool's translation download is replaced by its bundled English texts, and the
// one check that needs GitHub (newer Electron releases) is excluded with its reason in the same file.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
const outDir = process.env.RESETLINE_OUT_DIR ?? join(root, 'out');
// Arguments (for the tests of this gate): [--accepted=<file>] [folder...]; by default src/ and the build.
const args = process.argv.slice(2);
const acceptedFile = args.find((a) => a.startsWith('--accepted='))?.slice('--accepted='.length);
const folders = args.filter((a) => !a.startsWith('--'));
const inputs = folders.length > 0 ? folders.map((f) => resolve(f)) : [join(root, 'src'), outDir];
const accepted = JSON.parse(readFileSync(acceptedFile ?? join(root, 'electronegativity-accepted.json'), 'utf8'));

/** Electronegativity's i18n module, minus its download from S3: the bundled en-US texts only. */
function offlineTexts() {
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const i18nModule = toolRequire.resolve('./locales/i18n.js');
  const i18n = toolRequire('i18n');
  const configure = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      register: global,
    });
    i18n.setLocale('en-US');
  };
  toolRequire.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: configure };
}

/** `*` in an accepted file name matches within one path segment (hashed bundle names). */
function fileMatches(pattern, file) {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return regex.test(file);
}

function findExplanation(entries, used, matches) {
  const index = entries.findIndex(matches);
  if (index >= 0) used.add(index);
  return index >= 0;
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Paths as written in the accepted file: relative to the repository, absolute outside it. */
function label(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

/** Scans one folder; returns what it found that the accepted file does not explain. */
async function scan(run, input, used, counts) {
  const folder = label(input);
  const result = await run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: accepted.excludedChecks.map((entry) => entry.check),
    severitySet: 'informational',
    confidenceSet: 'tentative',
  });
  counts.checks = result.globalChecks + result.atomicChecks;
  const problems = [];
  for (const issue of result.issues) {
    const file = `${folder}/${issue.file}`;
    const sample = String(issue.sample ?? '');
    const explained = findExplanation(accepted.findings, used.findings, (entry) => {
      return entry.id === issue.id && fileMatches(entry.file, file) && sample.includes(entry.sample ?? '');
    });
    if (explained) counts.findings++;
    else
      problems.push(
        `${issue.id} ${file}:${issue.location.line} (${issue.severity.name}): ${sample.trim().slice(0, 120)}`,
      );
  }
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    const file = `${folder}/${relative(input, resolve(input, error.file))}`;
    const explained = findExplanation(accepted.parseErrors, used.parseErrors, (entry) => {
      return fileMatches(entry.file, file) && error.message.includes(entry.message);
    });
    if (explained) counts.unreadable++;
    else problems.push(`could not scan ${file}: ${error.message}`);
  }
  return problems;
}

function staleExplanations(used) {
  return [
    ...accepted.findings.filter((_, i) => !used.findings.has(i)).map((e) => `${e.id} ${e.file}`),
    ...accepted.parseErrors.filter((_, i) => !used.parseErrors.has(i)).map((e) => `unreadable ${e.file}`),
  ].map((entry) => `stale explanation (nothing matches it any more): ${entry}`);
}

async function main() {
  const missing = inputs.find((input) => !existsSync(input) || !statSync(input).isDirectory());
  if (missing) {
    const hint = missing === outDir ? ' Run npm run build first.' : '';
    console.error(`Electronegativity: ${label(missing)}/ does not exist.${hint}`);
    return 1;
  }
  offlineTexts();
  const run = require('@doyensec/electronegativity'); // CommonJS: module.exports is run()
  const used = { findings: new Set(), parseErrors: new Set() };
  const counts = { checks: 0, findings: 0, unreadable: 0 };
  const problems = inputs
    .filter((input) => input !== outDir)
    .flatMap(filesUnder)
    .filter((file) => readFileSync(file, 'utf8').includes('eng-disable'))
    .map((file) => `${label(file)}: inline eng-disable; explain it in electronegativity-accepted.json instead`);
  for (const input of inputs) problems.push(...(await scan(run, input, used, counts)));
  problems.push(...staleExplanations(used));

  const scope = `${counts.checks} checks, Electron ${electronVersion}, over ${inputs.map((i) => `${label(i)}/`).join(' and ')}`;
  if (problems.length > 0) {
    console.error(`Electronegativity (${scope}): ${problems.length} unexplained:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('Fix them, or explain each in electronegativity-accepted.json (and the README list).');
    return 1;
  }
  console.log(
    `Electronegativity (${scope}): ${counts.findings} findings, ${counts.unreadable} unreadable files, all explained.`,
  );
  return 0;
}

process.exitCode = await main();
