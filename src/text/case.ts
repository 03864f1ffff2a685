// Letter case for messages: the first letter of a sentence made from a label.

/** `text` with its first character in upper case (`connection 'x' …` → `Connection 'x' …`). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
