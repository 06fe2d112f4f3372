// Text that came over the network (Graph's error message and code, header values) goes into error
// messages and the engine's output. A hostile or broken server must not be able to fill a terminal
// with megabytes, move its cursor or recolour it (ANSI escapes), fake extra lines, or reorder text
// (bidirectional overrides): control and format characters become spaces, runs of spaces collapse,
// and the text is cut to a length a reader can take in.

// C0 controls (newlines and tabs included), DEL, C1 controls, and the bidirectional/zero-width
// format characters that change how text reads without being seen.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/** `text` made safe to print, at most `max` characters (an ellipsis marks a cut). */
export function untrustedText(text: string, max: number): string {
  // Look at no more than a little over `max`: a 2 MB message is cut before it is cleaned.
  const head = text.length > max * 2 + 16 ? text.slice(0, max * 2 + 16) : text;
  const clean = head.replace(unsafe, " ").replace(/ {2,}/g, " ").trim();
  if (clean.length <= max && head.length === text.length) return clean;
  return clean.length <= max ? `${clean}…` : `${clean.slice(0, max - 1)}…`;
}

/** How long each kind of untrusted text may be in a message. */
export const textLimits = {
  /** Graph's error message (real ones are one or two sentences). */
  message: 500,
  /** Graph's error code, request ids, dates. */
  token: 100,
} as const;
