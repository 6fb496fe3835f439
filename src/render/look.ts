// One look for every card: state is said in words on a badge, never by text colour alone. Teams' light theme
// draws "Good" and "Warning" text at 2.1:1 and 1.5:1 contrast and its dark theme "Attention" at 3.2:1, so text
// stays in the default colour; a badge is Teams' `Badge` element, or on hosts without it a tinted container
// (whose background every Teams theme pairs with readable text).
import type { Severity } from '../domain/types';

export type BadgeStyle = 'Attention' | 'Warning' | 'Good' | 'Accent' | 'Default';

export interface Badge {
  label: string;
  /** Teams' Badge style. */
  style: BadgeStyle;
  /** A Fluent icon name for the Badge. */
  icon: string;
  /** The container style of the fallback. */
  container: 'attention' | 'warning' | 'good' | 'accent' | 'emphasis';
}

const badge = (label: string, style: BadgeStyle, icon: string): Badge => ({
  label,
  style,
  icon,
  container: style === 'Default' ? 'emphasis' : (style.toLowerCase() as Badge['container']),
});

export const SEVERITY_BADGE: Record<Severity, Badge> = {
  error: badge('Error', 'Attention', 'ErrorCircle'),
  warning: badge('Warning', 'Warning', 'Warning'),
  info: badge('Info', 'Accent', 'Info'),
  ok: badge('OK', 'Good', 'CheckmarkCircle'),
};

/** A badge for a word of our own vocabulary ("Done", "Failed"); anything else as it is, neutral. */
export const statusBadge = (label: string, style: BadgeStyle): Badge =>
  badge(label, style, style === 'Good' ? 'CheckmarkCircle' : style === 'Attention' ? 'ErrorCircle' : style === 'Warning' ? 'Warning' : 'Info');

/** A word longer than this with no place to break pushes a card past its edge at 340 px. */
const LONGEST_WORD = 24;
const ZWSP = '\u200B';

/**
 * Lets a long unbreakable value (an error code, a job id, a SCIM body) wrap: Teams breaks long words only in
 * TextBlocks, but user text goes in TextRuns (no Markdown). A zero-width space after punctuation, at a
 * lower-to-upper case change, or every LONGEST_WORD characters, is invisible and gives the line a place to break.
 */
export function breakable(text: string): string {
  if (text.length <= LONGEST_WORD) return text;
  return text.replace(LONG_WORD, (word) => {
    let out = '';
    let run = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      const next = i + 1 < word.length ? word.charCodeAt(i + 1) : -1;
      out += word[i];
      run++;
      const natural = BREAK_AFTER.has(c) || (isLowerOrDigit(c) && isUpper(next));
      if (next >= 0 && ((natural && run >= 4) || run >= LONGEST_WORD) && !(c >= 0xd800 && c <= 0xdbff)) {
        out += ZWSP;
        run = 0;
      }
    }
    return out;
  });
}

const LONG_WORD = new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g');
/** Punctuation a line may break after: . / _ : , ; = & ? - " ] } */
const BREAK_AFTER = new Set([...'./_:,;=&?-"]}'].map((ch) => ch.charCodeAt(0)));
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** A code or id Teams' Markdown (TextBlocks render it) leaves as it is: letters and digits, then . : / @ - too. */
const MARKDOWN_SAFE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9.:/@-]*$/;

/**
 * Whether a value is a long code or id that `breakable` would fill with zero-width spaces, which a copy carries
 * along: such a value is shown again, as it is, in a TextBlock (where Teams wraps a long word itself), so what
 * the admin copies and searches for is the code.
 */
export const needsCopyableCopy = (value: string): boolean => MARKDOWN_SAFE_TOKEN.test(value) && breakable(value) !== value;
