import { promises as fs } from 'node:fs';

/** Writes a real comment body as the documented example, with the machine's temp paths taken out. */
export async function writeCommentExample(body: string, file: string): Promise<void> {
  const text = body.replace(/\/[\w./-]*stageguard-(e2e|base|runner|build)-[\w-]+/g, '<checkout>');
  await fs.writeFile(file, `${text.trimEnd()}\n`, 'utf8');
}
