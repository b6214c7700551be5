import { describe, expect, it } from 'vitest'
import { parseAuthorizationHeader, parseSigV4 } from './authorization-header.js'

describe('SigV4 credential parsing', () => {
  it('reads the Authorization header', () => {
    expect(
      parseAuthorizationHeader(
        'AWS4-HMAC-SHA256 Credential=ASIAABCDEFGHIJKLMNOP/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0a1b2c',
      ),
    ).toEqual({ accessKeyId: 'ASIAABCDEFGHIJKLMNOP', date: '20260101', region: 'us-east-1', service: 's3', signedHeaders: ['host', 'x-amz-date'], signature: '0a1b2c' })
  })

  it('reads a presigned URL and ignores other schemes', () => {
    const presigned = new Request('http://127.0.0.1/b/k?X-Amz-Credential=AKIDX%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=ff')
    expect(parseSigV4(presigned)).toMatchObject({ accessKeyId: 'AKIDX', source: 'query' })
    expect(parseAuthorizationHeader('Basic dXNlcjpwYXNz')).toBeUndefined()
  })
})
