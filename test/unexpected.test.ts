// A bug inside parscore still ends with a plain message and exit code 2;
// the stack trace is shown only with --debug.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, run } from './helpers.js';

vi.mock('../src/criteria/quick.js', () => ({
  quickLoadCriteria: () => {
    throw new TypeError('simulated bug');
  },
}));

describe('an unexpected error', () => {
  const file = path.join(ROOT, 'criteria', 'tinh-2017.yaml');

  it('is reported plainly, without a stack trace', async () => {
    const r = await run(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Lỗi không mong đợi trong parscore. Hãy chạy lại với --debug và gửi kết quả cho người quản lý công cụ.\n');
  });

  it('--debug adds the stack trace', async () => {
    const r = await run(['validate', file, '--debug', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unexpected error in parscore.');
    expect(r.stderr).toContain('TypeError: simulated bug');
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
