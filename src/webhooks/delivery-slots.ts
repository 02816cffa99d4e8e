/** What a request in flight, or one about to be sent, counts against. */
export interface SlotHolder {
  organizationId: string;
  endpointId: string;
  /** Whether the endpoint's last attempt failed; such an endpoint may hang every request. */
  failing: boolean;
}

export interface SlotLimits {
  total: number;
  perOrganization: number;
  perEndpoint: number;
  perFailingEndpoint: number;
}

/**
 * The worker's share-out of open requests. Every endpoint and every
 * organization has a ceiling below the total, so neither one slow receiver nor
 * one organization with many of them can take the slots the others need; an
 * endpoint that is failing gets only a few, since each of its requests may hang
 * for the whole timeout.
 */
export class DeliverySlots {
  private readonly byEndpoint = new Map<string, number>();
  private readonly byOrganization = new Map<string, number>();
  private readonly failing = new Set<string>();
  private taken = 0;

  constructor(
    private readonly limits: SlotLimits,
    open: Iterable<SlotHolder>,
  ) {
    for (const holder of open) this.take(holder);
  }

  get free(): number {
    return Math.max(0, this.limits.total - this.taken);
  }

  mayTake(holder: SlotHolder): boolean {
    return (
      this.free > 0 &&
      (this.byEndpoint.get(holder.endpointId) ?? 0) < this.endpointLimit(holder.failing) &&
      (this.byOrganization.get(holder.organizationId) ?? 0) < this.limits.perOrganization
    );
  }

  take(holder: SlotHolder): void {
    this.taken += 1;
    if (holder.failing) this.failing.add(holder.endpointId);
    this.byEndpoint.set(holder.endpointId, (this.byEndpoint.get(holder.endpointId) ?? 0) + 1);
    this.byOrganization.set(
      holder.organizationId,
      (this.byOrganization.get(holder.organizationId) ?? 0) + 1,
    );
  }

  /** Organizations at their ceiling: none of their deliveries is worth reading now. */
  fullOrganizations(): string[] {
    return [...this.byOrganization]
      .filter(([, n]) => n >= this.limits.perOrganization)
      .map(([id]) => id);
  }

  /** Endpoints at their ceiling: none of their deliveries is worth reading now. */
  fullEndpoints(): string[] {
    return [...this.byEndpoint]
      .filter(([id, n]) => n >= this.endpointLimit(this.failing.has(id)))
      .map(([id]) => id);
  }

  private endpointLimit(failing: boolean): number {
    return failing ? this.limits.perFailingEndpoint : this.limits.perEndpoint;
  }
}
