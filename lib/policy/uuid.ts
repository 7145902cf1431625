/**
 * A UUID that depends only on `seed`: the same rollout choices give the same profile UUID, so regenerating a
 * profile (or the documented samples) changes nothing, and a changed profile gets a new one. Four FNV-1a passes
 * with different offsets make the 128 bits; this names a profile, it protects nothing.
 */
export function stableUuid(seed: string): string {
  const words = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x2f5a1d3b].map((offset) => {
    let hash = offset >>> 0;
    for (let i = 0; i < seed.length; i++) {
      hash ^= seed.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  });
  const hex = words.join('');
  // RFC 9562 version 8 (custom) with the RFC variant bits.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}
