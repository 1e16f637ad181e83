import { bufferBytes, type ProgramBytes } from './program-bytes.js';

/** A section of an ELF file: where its name and its bytes are in the file. */
export interface ElfSection {
  /** Offset of its name in the file (in the section name table). */
  readonly nameAt: number;
  readonly offset: number;
  readonly size: number;
}

/** Longer section names are not read (real ones are a few dozen bytes). */
const NAME_LIMIT = 4096;

/**
 * The sections of an ELF file (32 or 64 bit, either byte order), read from
 * its section header table one header at a time; undefined when the bytes
 * are not ELF or the table is cut short. Names are read only when asked for
 * (sectionAt).
 */
export function elfSections(file: ProgramBytes | Buffer): ElfSection[] | undefined {
  const bytes = Buffer.isBuffer(file) ? bufferBytes(file) : file;
  const start = Buffer.from(bytes.read(0, 0x40));
  if (start.length < 52 || start.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = start[4] === 2;
  const little = start[5] === 1;
  const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const u64 = (b: Buffer, at: number) => Number(little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  try {
    const shoff = is64 ? u64(start, 0x28) : u32(start, 0x20);
    const shentsize = u16(start, is64 ? 0x3a : 0x2e);
    const shnum = u16(start, is64 ? 0x3c : 0x30);
    const shstrndx = u16(start, is64 ? 0x3e : 0x32);
    if (shoff === 0 || shnum === 0 || shoff + shnum * shentsize > bytes.size) return undefined;
    const header = (i: number) => {
      const h = bytes.read(shoff + i * shentsize, is64 ? 0x28 : 0x18);
      return is64
        ? { name: u32(h, 0), offset: u64(h, 0x18), size: u64(h, 0x20), type: u32(h, 4) }
        : { name: u32(h, 0), offset: u32(h, 0x10), size: u32(h, 0x14), type: u32(h, 4) };
    };
    const names = header(shstrndx).offset;
    const sections: ElfSection[] = [];
    for (let i = 1; i < shnum; i++) {
      const h = header(i);
      // SHT_NOBITS (.bss) occupies no bytes in the file.
      if (h.type !== 8) sections.push({ nameAt: names + h.name, offset: h.offset, size: h.size });
    }
    return sections;
  } catch {
    return undefined;
  }
}

/** The name of the section that holds byte `offset` of the file; undefined when none does. */
export function sectionAt(file: ProgramBytes | Buffer, sections: readonly ElfSection[], offset: number): string | undefined {
  const section = sections.find((s) => offset >= s.offset && offset < s.offset + s.size);
  if (!section) return undefined;
  const bytes = Buffer.isBuffer(file) ? bufferBytes(file) : file;
  const name = bytes.read(section.nameAt, NAME_LIMIT);
  const end = name.indexOf(0);
  // A name without its NUL ending is none.
  return name.toString('latin1', 0, end < 0 ? 0 : end);
}
