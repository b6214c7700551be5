import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `text` so that a reader (or a run killed half-way) sees either the
 * old file or the whole new one, never a torn one: write a temporary file in
 * the same folder (rename is atomic only within one file system), flush it to
 * disk, then rename it over the target.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'w', 0o644)
    try {
      await handle.writeFile(text, 'utf8')
      // Without the flush, a crash after the rename can leave an empty file under the final name.
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
