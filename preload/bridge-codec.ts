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

/** Serialises a bridge message. */
export function encodeBridgeMessage(value: unknown): string {
  // `this[key]` is the value before toJSON ran: a Node Buffer would otherwise arrive as
  // {type: 'Buffer', data: [...]}.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [tag]: toBase64(original) } : item;
  });
}

/** Parses a bridge message, turning tagged base64 back into bytes. */
export function decodeBridgeMessage(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      const encoded = (item as Record<string, unknown>)[tag];
      if (keys.length === 1 && typeof encoded === 'string') return fromBase64(encoded);
    }
    return item;
  });
}
