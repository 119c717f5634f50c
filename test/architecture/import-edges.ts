/**
 * The import edges of the repository's TypeScript: every module specifier a file names (static imports, type
 * imports, `export … from`, side-effect imports, dynamic `import()`), as repository paths. Parsed with the
 * TypeScript compiler's own pre-processor, so comments and strings never count as imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** The importing file, relative to the root, with `/` separators. */
  from: string;
  /** The imported module resolved against `from` (relative specifiers), or the bare specifier (packages). */
  to: string;
  /** 1-based line of the specifier. */
  line: number;
}

const SOURCE = /\.tsx?$/;

/** The specifiers of one file's text, each with its line. */
export function specifiersOf(text: string): { specifier: string; line: number }[] {
  const found = ts.preProcessFile(text, true, true).importedFiles;
  return found.map((f) => ({ specifier: f.fileName, line: text.slice(0, f.pos).split('\n').length }));
}

/** The edges of one file (`file` relative to the root). */
export function edgesOf(file: string, text: string): ImportEdge[] {
  return specifiersOf(text).map(({ specifier, line }) => ({
    from: file,
    to: specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier)) : specifier,
    line,
  }));
}

/** Every .ts/.tsx file under `dir` (relative to `root`), sorted. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

export function repositoryEdges(root: string, dirs: string[]): { files: string[]; edges: ImportEdge[] } {
  const files = dirs.flatMap((d) => sourceFiles(root, d));
  const edges = files.flatMap((f) => edgesOf(f, readFileSync(join(root, f), 'utf8')));
  return { files, edges };
}
