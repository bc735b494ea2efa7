// How a name, a UPN or a typed search splits into words: the registration search index
// (registration_words, migration 0090) and the caller search both read text this way. Letter case and
// accents do not count ("Zoë" is "zoe"); anything that is not a letter or a digit separates words, so
// "amelia.jensen" is amelia, jensen. A UPN counts up to its "@": the domain is the same for nearly
// everyone, so its words would find everyone and double the index (a guest's home domain is before the @).

/** The longest search the search boxes take (the schemas' max): said in their hints too. */
export const SEARCH_MAX_CHARS = 200;

/** Letters and digits of every script; marks are dropped with the accents before the split. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;

/** The distinct words of a text, lower case, without accents, in the order they first appear. */
export function searchWords(text: string): string[] {
  const words = text.normalize('NFKD').replace(MARKS, '').toLowerCase().split(SEPARATORS);
  return [...new Set(words.filter((w) => w.length > 0))];
}

/** True when a text has no letter or digit at all (emoji, punctuation): nothing can match it. */
export function hasNoWords(text: string): boolean {
  return searchWords(text).length === 0;
}

/** A UPN (or an address typed as a search) without its "@domain". */
function beforeAt(text: string): string {
  const at = text.indexOf('@');
  return at < 0 ? text : text.slice(0, at);
}

/** The words a person is found by: their display name's and their UPN's before the "@". */
export function personWords(displayName: string, userPrincipalName: string): string[] {
  return searchWords(`${displayName} ${beforeAt(userPrincipalName)}`);
}

/** The words of a typed search, read as personWords reads a person: "amelia.jensen@contoso.com" is amelia, jensen. */
export function queryWords(search: string): string[] {
  return searchWords(beforeAt(search));
}
