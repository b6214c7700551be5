import { describe, expect, it } from 'vitest'
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const text = (data: Uint8Array): string => new TextDecoder().decode(data)

describe('aws-chunked bodies', () => {
  it('decodes signed chunks', () => {
    const body = bytes('5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n\r\n')
    expect(text(decodeAwsChunked(body).bytes)).toBe('hello world')
  })

  it('decodes unsigned chunks with checksum trailers', () => {
    const decoded = decodeAwsChunked(bytes('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n'))
    expect(text(decoded.bytes)).toBe('abc')
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'NSRBwg==' })
  })

  it('rejects a truncated chunk', () => {
    expect(() => decodeAwsChunked(bytes('a\r\nabc'))).toThrow('aws-chunked chunk of 10 bytes is truncated')
  })

  it('recognises the encoding from either header', () => {
    expect(isAwsChunked(new Headers({ 'content-encoding': 'aws-chunked' }))).toBe(true)
    expect(isAwsChunked(new Headers({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }))).toBe(true)
    expect(isAwsChunked(new Headers({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }))).toBe(false)
  })
})
