// The KQL subset's words: column types, rows, the syntax error the query endpoint turns into the service's
// 400, and the tokenizer (strings in either quote, numbers, words, the operators the grammar in kql.ts uses).
export type ColumnType = 'string' | 'long' | 'real' | 'datetime' | 'dynamic' | 'boolean';
export interface Column {
  name: string;
  type: ColumnType;
}
export type Row = Record<string, unknown>;

export class KqlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlSyntaxError';
  }
}

export type Token = { kind: 'word' | 'number' | 'string' | 'punct'; text: string; value?: string | number };

const PUNCT = ['==', '!=', '>=', '<=', '=~', '|', '(', ')', ',', '>', '<', '=', '.', '*', '+'];

function readString(src: string, start: number): { value: string; end: number } {
  const quote = src[start];
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === quote) return { value: out, end: i + 1 };
    if (c === '\n') break;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = src[++i];
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(src.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n !== undefined && escapes[n] !== undefined) out += escapes[n];
    else throw new KqlSyntaxError(`Unknown escape in a string literal at ${i}`);
  }
  throw new KqlSyntaxError(`Unterminated string literal at ${start}`);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const s = readString(src, i);
      out.push({ kind: 'string', text: src.slice(i, s.end), value: s.value });
      i = s.end;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || out.at(-1)?.kind === 'punct')) {
      out.push({ kind: 'number', text: num[0], value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      out.push({ kind: 'word', text: word[0] });
      i += word[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new KqlSyntaxError(`Unexpected character '${c}' at ${i}`);
    out.push({ kind: 'punct', text: p });
    i += p.length;
  }
  return out;
}
