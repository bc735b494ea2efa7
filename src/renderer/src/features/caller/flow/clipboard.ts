// Copying a secret: written to the clipboard, and wiped after a while if the clipboard still holds
// it (the agent may have copied something else since, which is theirs to keep).
export const CLIPBOARD_CLEAR_MS = 30_000;

export async function copySecret(value: string): Promise<void> {
  await navigator.clipboard.writeText(value);
  setTimeout(() => {
    void navigator.clipboard
      .readText()
      .then((current) => (current === value ? navigator.clipboard.writeText('') : undefined))
      // Unfocused windows may not read the clipboard: wipe rather than leave the secret behind.
      .catch(() => navigator.clipboard.writeText(''));
  }, CLIPBOARD_CLEAR_MS);
}
