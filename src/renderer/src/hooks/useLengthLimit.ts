// A text box that takes at most `max` characters (the browser's maxLength cuts a longer paste
// silently): tells whether the last paste was cut, so the field can say so where the agent looks.
import { useState, type ClipboardEvent } from 'react';

export const cutMessage = (max: number, what = 'The search') =>
  `${what} is too long: at most ${max} characters, so the rest was left out.`;

export interface LengthLimit {
  /** The last paste did not fit and was cut to `max`. */
  cut: boolean;
  onPaste: (event: ClipboardEvent<HTMLInputElement>) => void;
  /** Call with every new value: the warning goes once the text is shorter than the limit. */
  onValue: (value: string) => void;
}

export function useLengthLimit(max: number): LengthLimit {
  const [cut, setCut] = useState(false);
  return {
    cut,
    onPaste: (event) => {
      const pasted = event.clipboardData.getData('text');
      const input = event.currentTarget;
      // What stays of the current text: all but the selection the paste replaces.
      const kept = input.value.length - (input.selectionEnd ?? 0) + (input.selectionStart ?? 0);
      setCut(kept + pasted.length > max);
    },
    onValue: (value) => {
      if (value.length < max) setCut(false);
    },
  };
}
