/**
 * JSON for the headless bridge, with document bytes carried as base64 so a Uint8Array
 * arrives as a Uint8Array on either side, as it does over Electron's structured clone.
 */

const tag = '$kamifaxBytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether a value holds bytes anywhere (then it needs the tagging replacer). */
function holdsBytes(value: unknown, depth = 0): boolean {
  if (value instanceof Uint8Array) return true;
  if (!value || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => holdsBytes(item, depth + 1));
  for (const key in value) {
    if (holdsBytes((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * Serialises a bridge message. A message without bytes (almost every one: a window of inbox
 * rows) takes plain `JSON.stringify`; a replacer function costs V8 its fast path (~10× slower
 * on 100 rows).
 */
export function encodeBridgeMessage(value: unknown): string {
  if (!holdsBytes(value)) return JSON.stringify(value);
  // `this[key]` is the value before toJSON ran: a Node Buffer would otherwise arrive as
  // {type: 'Buffer', data: [...]}.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [tag]: toBase64(original) } : item;
  });
}

/**
 * Parses a bridge message, turning tagged base64 back into bytes. Text that cannot hold the
 * tag as a key takes plain `JSON.parse` (a reviver runs for every value).
 */
export function decodeBridgeMessage(text: string): unknown {
  if (!text.includes(`"${tag}"`)) return JSON.parse(text);
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      const encoded = (item as Record<string, unknown>)[tag];
      if (keys.length === 1 && typeof encoded === 'string') return fromBase64(encoded);
    }
    return item;
  });
}
