import { expect, it } from 'vitest';

import { describeOnEachDatabase } from '../support/each-database.js';
import { makeKey } from '../support/factories.js';

describeOnEachDatabase('authorization comes before validation', (server) => {
  it('answers a caller without events:manage 403 even for a malformed event', async () => {
    const { api } = server();
    const viewer = api.as(await makeKey(api, { permissions: ['missions:view'] }));

    const response = await viewer.post('/v1/events', { vertical: 7, lat: 'north' });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  it('still answers a caller with the permission 400 for the same body', async () => {
    const { api } = server();

    const response = await api.post('/v1/events', { vertical: 7, lat: 'north' });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});
