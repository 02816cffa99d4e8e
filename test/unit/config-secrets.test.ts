import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config/load-config.js';

describe('configuration errors', () => {
  it.each([
    'postgres://wede:Sup3rS3cret@db host:5432/wede',
    'mysql://wede:Sup3rS3cret@db:3306/wede',
  ])('never repeat the database password of %s', (url) => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: url });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }

    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain('Sup3rS3cret');
    expect(message).toContain('wede:***@');
  });
});
