// `npm run vendor:microsoft [-- --out DIR]`: writes vendor/microsoft-graph/, the compact subset of
// Microsoft's own Graph data the demo tenant enforces (delegated permission grants per method and
// path, and which clouds serve each path), so the repository needs no ../shared at test time.
// Reads ../shared/microsoft (or $MICROSOFT_DATA_DIR). Plain Node, no dependencies, deterministic:
// a re-run over the same sources writes the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Path roots the app or the demo tenant touches (lower case, as permissions.json spells paths). */
export const ROOTS = [
  '/me',
  '/users',
  '/reports/authenticationmethods',
  '/policies/authenticationmethodspolicy',
  '/auditlogs/directoryaudits',
  '/directory/onpremisessynchronization',
  '/domains',
  '/organization',
  '/subscribedskus',
  '/rolemanagement/directory/roleassignments',
  '/rolemanagement/directory/roledefinitions',
  '/groups',
  '/directoryroles',
  '/administrativeunits',
];

/** Cloud → the v1.0 schema it serves (concepts/deployments.md; DoD serves the US Government schema). */
export const CLOUD_SCHEMAS = [
  ['global', 'v1.0-Prod.csdl'],
  ['usgov', 'v1.0-Fairfax.csdl'],
  ['dod', 'v1.0-Fairfax.csdl'],
  ['china', 'v1.0-Mooncake.csdl'],
];

const SCHEME = 'DelegatedWork';

class VendorError extends Error {
  constructor(message) {
    super(message);
    this.name = 'VendorError';
  }
}

// ---- permissions.json -----------------------------------------------------------------------

/** `{anything}` as a whole segment is a key or a parameter slot: one spelling, `{id}`. */
export function normalizeTemplate(path) {
  const noQuery = path.split('?')[0] ?? '';
  return noQuery
    .toLowerCase()
    .split('/')
    .map((s) => (/^\{[^}]*\}$/.test(s) ? '{id}' : s))
    .join('/')
    .replace(/\/+$/, '');
}

function underRoots(path) {
  return ROOTS.some((r) => path === r || path.startsWith(`${r}/`));
}

/** Reads one `paths` value: `least=DelegatedWork,Application;AlsoRequires=A,B`. */
function parseGrantFlags(value) {
  const flags = { least: false, alsoRequires: [] };
  for (const part of String(value).split(';')) {
    const [k, v = ''] = part.split('=');
    const list = v.split(',').filter(Boolean);
    if (k === 'least') flags.least = list.includes(SCHEME);
    else if (k === 'AlsoRequires') flags.alsoRequires = list;
  }
  return flags;
}

export function delegatedGrants(permissionsJson) {
  const byKey = new Map();
  for (const [name, perm] of Object.entries(permissionsJson.permissions ?? {})) {
    for (const set of perm.pathSets ?? []) {
      if (!set.schemeKeys?.includes(SCHEME)) continue;
      for (const [rawPath, value] of Object.entries(set.paths ?? {})) {
        const path = normalizeTemplate(rawPath);
        if (!underRoots(path)) continue;
        const flags = parseGrantFlags(value);
        for (const method of set.methods ?? []) {
          const key = `${method.toUpperCase()} ${path}`;
          const entry = byKey.get(key) ?? { grants: new Set(), least: new Set(), alsoRequires: new Map() };
          byKey.set(key, entry);
          entry.grants.add(name);
          if (flags.least) entry.least.add(name);
          if (flags.alsoRequires.length > 0)
            entry.alsoRequires.set(name, [
              ...new Set([...(entry.alsoRequires.get(name) ?? []), ...flags.alsoRequires]),
            ]);
        }
      }
    }
  }
  const out = {};
  for (const key of [...byKey.keys()].sort()) {
    const e = byKey.get(key);
    const value = { grants: [...e.grants].sort(), least: [...e.least].sort() };
    if (e.alsoRequires.size > 0)
      value.alsoRequires = Object.fromEntries([...e.alsoRequires.entries()].sort().map(([k, v]) => [k, v.sort()]));
    out[key] = value;
  }
  return out;
}

// ---- CSDL -----------------------------------------------------------------------------------

const attrsOf = (s) => Object.fromEntries([...s.matchAll(/([A-Za-z_:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

/** The parts of one CSDL document that path resolution needs. */
export function parseCsdl(xml) {
  const aliases = new Map();
  const types = new Map(); // qualified name (lower) → { name, base, nav: Map, props: Map }
  const ops = []; // { name, kind, bindingType, collection, returnType }
  const roots = new Map(); // lower name → { type, collection }
  const stack = [];
  let ns = '';
  let current;
  let op;
  const tag = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z_:]+="[^"]*")*)\s*(\/?)>/g;
  for (const m of xml.matchAll(tag)) {
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      stack.pop();
      if (name === 'EntityType' || name === 'ComplexType') current = undefined;
      if (name === 'Action' || name === 'Function') op = undefined;
      continue;
    }
    const a = attrsOf(rawAttrs ?? '');
    if (name === 'Schema') {
      ns = a.Namespace;
      if (a.Alias) aliases.set(a.Alias, a.Namespace);
    } else if (name === 'EntityType' || name === 'ComplexType') {
      current = { name: `${ns}.${a.Name}`, base: a.BaseType, nav: new Map(), props: new Map() };
      types.set(current.name.toLowerCase(), current);
    } else if (name === 'NavigationProperty' && current) {
      current.nav.set(a.Name.toLowerCase(), a.Type);
    } else if (name === 'Property' && current) {
      current.props.set(a.Name.toLowerCase(), a.Type);
    } else if ((name === 'Action' || name === 'Function') && a.IsBound === 'true') {
      op = { name: a.Name.toLowerCase(), kind: name, bindingType: undefined, returnType: undefined };
      ops.push(op);
    } else if (name === 'Parameter' && op && op.bindingType === undefined) {
      op.bindingType = a.Type;
    } else if (name === 'ReturnType' && op) {
      op.returnType = a.Type;
    } else if (name === 'EntitySet' && stack.includes('EntityContainer')) {
      roots.set(a.Name.toLowerCase(), { type: a.EntityType, collection: true });
    } else if (name === 'Singleton' && stack.includes('EntityContainer')) {
      roots.set(a.Name.toLowerCase(), { type: a.Type, collection: false });
    }
    if (!selfClosing) stack.push(name);
  }
  const model = { aliases, types, roots, ops: new Map() };
  const q = (t) => qualify(model, t);
  for (const t of types.values()) if (t.base) t.base = q(t.base).type;
  for (const o of ops) {
    if (!o.bindingType) continue;
    const b = q(o.bindingType);
    const key = `${o.name}|${b.type.toLowerCase()}|${b.collection}`;
    const list = model.ops.get(key) ?? [];
    list.push({ kind: o.kind, returns: o.returnType ? q(o.returnType) : undefined });
    model.ops.set(key, list);
  }
  for (const r of roots.values()) Object.assign(r, { type: q(r.type).type });
  return model;
}

/** `Collection(graph.user)` → { type: 'microsoft.graph.user', collection: true }. */
function qualify(model, raw) {
  const coll = /^Collection\((.*)\)$/.exec(raw);
  const inner = coll ? coll[1] : raw;
  const dot = inner.lastIndexOf('.');
  const prefix = inner.slice(0, dot);
  const ns = model.aliases.get(prefix) ?? prefix;
  return { type: `${ns}.${inner.slice(dot + 1)}`, collection: Boolean(coll) };
}

function baseChain(model, typeName) {
  const chain = [];
  let t = model.types.get(typeName.toLowerCase());
  while (t) {
    chain.push(t);
    t = t.base ? model.types.get(t.base.toLowerCase()) : undefined;
  }
  return chain;
}

function boundOp(model, name, state) {
  for (const t of baseChain(model, state.type)) {
    const hit = model.ops.get(`${name}|${t.name.toLowerCase()}|${state.collection}`);
    if (hit) return hit[0];
  }
  return undefined;
}

/**
 * Where `/a/b/{id}/c` (a normalized permissions.json template) stops resolving in this schema: the
 * index of the first segment the schema does not know, or -1 when the whole path exists.
 */
export function firstUnresolved(model, template) {
  const segs = template.split('/').filter(Boolean);
  let state = segs[0] === undefined ? undefined : model.roots.get(segs[0]);
  let terminal = false;
  for (let i = 1; i < segs.length; i++) {
    if (!state) return i - 1;
    if (terminal) return i;
    const raw = segs[i];
    const seg = raw.replace(/\(.*\)$/, ''); // function parameters
    const castOrOp = seg.startsWith('microsoft.graph.') ? seg : undefined;
    if (seg === '$count') {
      if (!state.collection) return i;
      terminal = true;
      continue;
    }
    if (seg === '$ref' || seg === '$value') {
      terminal = true;
      continue;
    }
    if (castOrOp) {
      const target = model.types.get(castOrOp);
      if (target && baseChain(model, target.name).some((t) => t.name.toLowerCase() === state.type.toLowerCase())) {
        state = { type: target.name, collection: state.collection };
        continue;
      }
    }
    const opName = castOrOp ? castOrOp.slice('microsoft.graph.'.length) : seg;
    const op = boundOp(model, opName, state);
    if (op) {
      if (op.kind === 'Action' || !op.returns) terminal = true;
      else state = op.returns;
      continue;
    }
    if (state.collection) {
      // Key as segment: `{id}`, or a literal key such as `…/authenticationMethodConfigurations/email`.
      if (castOrOp) return i;
      state = { type: state.type, collection: false };
      continue;
    }
    state = member(model, state, seg);
  }
  return state === undefined ? segs.length - 1 : -1;
}

/** A navigation or structural property of a single entity or complex value (base types included). */
function member(model, state, seg) {
  const chain = baseChain(model, state.type);
  for (const t of chain) {
    const nav = t.nav.get(seg);
    if (nav) return qualify(model, nav);
    const prop = t.props.get(seg);
    if (prop) return qualify(model, prop); // a primitive ends the path but for $value / $count
  }
  // `{id}` where a template names a stream property by parameter (…/localizations/{id}/{streamObjectType}).
  if (seg === '{id}' && chain.some((t) => [...t.props.values()].includes('Edm.Stream')))
    return { type: 'Edm.Stream', collection: false };
  return undefined;
}

// ---- the files ------------------------------------------------------------------------------

function sourceCommits(readme) {
  const perms = /permissions\.json[^\n]*?commit ([0-9a-f]{40}) \(([\d-]+)\)/.exec(readme);
  const csdl = /v1\.0-Prod\.csdl[^\n]*?commit ([0-9a-f]{40}) \(([\d-]+)\)/.exec(readme);
  if (!perms || !csdl) throw new VendorError('Could not find the source commits in README.md of the Microsoft data');
  return { perms: { commit: perms[1], date: perms[2] }, csdl: { commit: csdl[1], date: csdl[2] } };
}

/** One entry per line, keys sorted: small diffs, identical bytes on a re-run. */
function stableJson(obj) {
  const lines = Object.keys(obj)
    .sort()
    .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(obj[k])}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function readmeText(src) {
  return `# Microsoft Graph data (vendored subset)

Generated by \`npm run vendor:microsoft\` (\`scripts/vendor-microsoft.mjs\`) from Microsoft's own files;
do not edit by hand. The demo tenant enforces these (\`src/demo-tenant/rules/\`), so tests need no
copy of the sources.

| file | what it is |
|---|---|
| \`permissions-delegated.json\` | \`"METHOD /lower/case/path"\` → \`grants\`: every permission whose \`DelegatedWork\` path set grants that method on that path; \`least\`: those flagged \`least=…DelegatedWork\`; \`alsoRequires\` when the map says a grant needs another permission too. Only paths under ${ROOTS.map((r) => `\`${r}\``).join(', ')}. Every whole-segment placeholder (\`{user-id}\`, \`{streamObjectType}\`…) is written \`{id}\`. |
| \`cloud-paths.json\` | \`schemas\`: the v1.0 schema each cloud serves; \`paths\`: for every path in \`permissions-delegated.json\`, per cloud \`true\` when that cloud's schema resolves it, else the index of the first path segment it does not know (entity sets and singletons are roots; navigation and structural properties, keys, casts to derived types, bound actions and functions the segments below). |

## Sources (MIT licence, see LICENSE)

- \`permissions.json\`: [microsoftgraph/microsoft-graph-devx-content](https://github.com/microsoftgraph/microsoft-graph-devx-content),
  \`permissions/new/permissions.json\`, commit ${src.perms.commit} (${src.perms.date}).
- \`v1.0-Prod.csdl\` (global), \`v1.0-Fairfax.csdl\` (US Government and DoD), \`v1.0-Mooncake.csdl\` (China operated by 21Vianet):
  [microsoftgraph/msgraph-metadata](https://github.com/microsoftgraph/msgraph-metadata), \`schemas/\`,
  commit ${src.csdl.commit} (${src.csdl.date}).

## Regenerate

Put Microsoft's files in \`../shared/microsoft/\` (\`permissions.json\`, \`csdl/*.csdl\`, \`README.md\`
naming the commits) or point \`MICROSOFT_DATA_DIR\` at them, then run \`npm run vendor:microsoft\`.
\`test/unit/demo-tenant/rules/vendor.test.ts\` regenerates into a temporary folder and fails when the
committed files differ.
`;
}

const LICENSE = `MIT License

Copyright (c) Microsoft Corporation. All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** Facts the script checks before writing: the README of the sources states them (China: no TAP, no resetPassword). */
const EXPECTED = [
  ['/users/{id}/authentication/methods/{id}/resetpassword', { global: true, usgov: true, dod: true, china: 3 }],
  ['/users/{id}/authentication/temporaryaccesspassmethods', { global: true, usgov: true, dod: true, china: 3 }],
  ['/users', { global: true, usgov: true, dod: true, china: true }],
];

export function build(srcDir) {
  const permissions = JSON.parse(readFileSync(join(srcDir, 'permissions.json'), 'utf8'));
  const grants = delegatedGrants(permissions);
  const models = new Map();
  for (const [, file] of CLOUD_SCHEMAS)
    if (!models.has(file)) models.set(file, parseCsdl(readFileSync(join(srcDir, 'csdl', file), 'utf8')));
  const paths = {};
  for (const key of Object.keys(grants)) {
    const path = key.slice(key.indexOf(' ') + 1);
    paths[path] ??= Object.fromEntries(
      CLOUD_SCHEMAS.map(([cloud, file]) => {
        const at = firstUnresolved(models.get(file), path);
        return [cloud, at < 0 ? true : at];
      }),
    );
  }
  for (const [path, clouds] of EXPECTED) {
    if (JSON.stringify(paths[path]) !== JSON.stringify(clouds))
      throw new VendorError(`${path} resolves in ${JSON.stringify(paths[path])}, expected ${JSON.stringify(clouds)}`);
  }
  const cloudPaths = `{\n  "schemas": ${JSON.stringify(Object.fromEntries(CLOUD_SCHEMAS))},\n  "paths": ${stableJson(
    paths,
  )
    .trimEnd()
    .replace(/\n/g, '\n  ')}\n}\n`;
  return {
    files: {
      'permissions-delegated.json': stableJson(grants),
      'cloud-paths.json': cloudPaths,
      'README.md': readmeText(sourceCommits(readFileSync(join(srcDir, 'README.md'), 'utf8'))),
      LICENSE,
    },
    grants,
    paths,
  };
}

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  const srcDir = resolve(process.env.MICROSOFT_DATA_DIR ?? join(root, '..', 'shared', 'microsoft'));
  const outDir = resolve(values.out ?? join(root, 'vendor', 'microsoft-graph'));
  const { files, grants, paths } = build(srcDir);
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  const all = Object.values(paths);
  const count = (c) => all.filter((p) => p[c] === true).length;
  console.log(
    `vendor-microsoft: ${Object.keys(grants).length} (method, path) grants over ${all.length} paths → ${outDir}`,
  );
  for (const [cloud, file] of CLOUD_SCHEMAS)
    console.log(`  ${cloud.padEnd(6)} ${file.padEnd(20)} resolves ${count(cloud)}`);
  console.log(
    `  in no cloud's v1.0 schema (beta-only or unresolvable): ${all.filter((p) => Object.values(p).every((v) => v !== true)).length}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof VendorError ? `vendor-microsoft: ${err.message}` : err);
    process.exit(1);
  }
}
