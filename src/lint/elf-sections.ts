/** A section of an ELF file: its name and where its bytes are in the file. */
export interface ElfSection {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/**
 * The sections of an ELF file (32 or 64 bit, either byte order), read from
 * its section header table; undefined when the bytes are not ELF or the
 * table is cut short.
 */
export function elfSections(bytes: Buffer): ElfSection[] | undefined {
  if (bytes.length < 52 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const u64 = (at: number) => Number(little ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at));
  try {
    const shoff = is64 ? u64(0x28) : u32(0x20);
    const shentsize = u16(is64 ? 0x3a : 0x2e);
    const shnum = u16(is64 ? 0x3c : 0x30);
    const shstrndx = u16(is64 ? 0x3e : 0x32);
    if (shoff === 0 || shnum === 0 || shoff + shnum * shentsize > bytes.length) return undefined;
    const header = (i: number) => {
      const at = shoff + i * shentsize;
      return is64
        ? { name: u32(at), offset: u64(at + 0x18), size: u64(at + 0x20), type: u32(at + 4) }
        : { name: u32(at), offset: u32(at + 0x10), size: u32(at + 0x14), type: u32(at + 4) };
    };
    const names = header(shstrndx);
    const nameAt = (offset: number) => {
      const start = names.offset + offset;
      const end = bytes.indexOf(0, start);
      return bytes.toString('latin1', start, end < 0 ? start : end);
    };
    const sections: ElfSection[] = [];
    for (let i = 1; i < shnum; i++) {
      const h = header(i);
      // SHT_NOBITS (.bss) occupies no bytes in the file.
      if (h.type !== 8) sections.push({ name: nameAt(h.name), offset: h.offset, size: h.size });
    }
    return sections;
  } catch {
    return undefined;
  }
}

export function sectionAt(sections: readonly ElfSection[], offset: number): string | undefined {
  return sections.find((s) => offset >= s.offset && offset < s.offset + s.size)?.name;
}
