import { describe, expect, it } from 'vitest';

import { DeliverySlots, type SlotHolder } from '../../src/webhooks/delivery-slots.js';

const LIMITS = { total: 10, perOrganization: 6, perEndpoint: 4, perFailingEndpoint: 1 };

function holder(organizationId: string, endpointId: string, failing = false): SlotHolder {
  return { organizationId, endpointId, failing };
}

/** Takes slots for `wanted` in order, as the worker does, and says which it got. */
function share(slots: DeliverySlots, wanted: SlotHolder[]): string[] {
  const got: string[] = [];
  for (const candidate of wanted) {
    if (!slots.mayTake(candidate)) continue;
    slots.take(candidate);
    got.push(candidate.endpointId);
  }
  return got;
}

describe('DeliverySlots', () => {
  it('gives a healthy endpoint up to its ceiling and no more', () => {
    const slots = new DeliverySlots(LIMITS, []);
    const got = share(
      slots,
      Array.from({ length: 6 }, () => holder('org-a', 'e1')),
    );
    expect(got).toHaveLength(4);
    expect(slots.fullEndpoints()).toEqual(['e1']);
    expect(slots.free).toBe(6);
  });

  it('gives a failing endpoint a single slot', () => {
    const slots = new DeliverySlots(LIMITS, []);
    expect(share(slots, [holder('org-a', 'e1', true), holder('org-a', 'e1', true)])).toEqual([
      'e1',
    ]);
    expect(slots.fullEndpoints()).toEqual(['e1']);
  });

  it('caps an organization across its endpoints, leaving the rest to others', () => {
    const slots = new DeliverySlots(LIMITS, []);
    const greedy = ['e1', 'e2', 'e3'].flatMap((id) => Array.from({ length: 4 }, () => id));
    expect(
      share(
        slots,
        greedy.map((id) => holder('org-a', id)),
      ),
    ).toHaveLength(6);
    expect(slots.fullOrganizations()).toEqual(['org-a']);

    expect(share(slots, [holder('org-b', 'e9'), holder('org-b', 'e9')])).toEqual(['e9', 'e9']);
    expect(slots.fullOrganizations()).toEqual(['org-a']);
  });

  it('counts requests already open and never passes the total', () => {
    const open = [holder('a', 'e1'), holder('b', 'e2'), holder('c', 'e3'), holder('d', 'e4')];
    const slots = new DeliverySlots(LIMITS, [...open, ...open]);
    expect(slots.free).toBe(2);
    expect(
      share(
        slots,
        ['e5', 'e6', 'e7'].map((id) => holder(id, id)),
      ),
    ).toEqual(['e5', 'e6']);
    expect(slots.free).toBe(0);
    expect(slots.mayTake(holder('z', 'new'))).toBe(false);
  });

  it('remembers an endpoint that is failing when reporting which are full', () => {
    const slots = new DeliverySlots(LIMITS, [holder('a', 'e1', true), holder('a', 'e2')]);
    expect(slots.fullEndpoints()).toEqual(['e1']);
  });
});
