// Lints a file from test/lint-fixtures as if it lived elsewhere in the repo, with the repo's own config,
// so each lint test can say which lines a rule refuses there.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const root = resolve(__dirname, '../../..');
// typescript-eslint treats a run under CI=true as a "single run" and then type-checks the file as it is on
// disk, not the text given to lintText: every fixture linted as an existing src/shared file would pass
// unread. Turn that inference off here, so the fixture is what gets linted in CI as on a desk.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});

/** The lines where `ruleId` reports an error for `fixture` linted as `virtualPath`. */
export async function refusedLines(fixture: string, virtualPath: string, ruleId: string): Promise<number[]> {
  const code = readFileSync(join(root, 'test/lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  // A file lint could not parse (type-aware rules need it inside a TypeScript project) reports no rule at
  // all: say so rather than pass with no lines refused. Lint a fixture as a file that exists there.
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${virtualPath}: ${fatal.message}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId && m.severity === 2).map((m) => m.line);
}
