import { checkedId, type ApiCall, type CallOptions, type WriteOptions } from '../api-call.js';
import type { Member, MemberChanges, MemberListQuery, NewMember, Page } from '../api-types.js';
import { everyItem } from '../pages.js';

/** Members: the people of an organization, their role, team and phone. */
export class Members {
  constructor(private readonly call: ApiCall) {}

  /** Adds a member. Needs `members:manage`. */
  async create(member: NewMember, options?: WriteOptions): Promise<Member> {
    return this.call.result(
      this.call.http.POST('/v1/members', { body: member, ...this.call.write(options) }),
    );
  }

  /** One page of members; pass `next_cursor` as `cursor` for the next. */
  async list(query: MemberListQuery = {}, options?: CallOptions): Promise<Page<Member>> {
    return this.call.result(
      this.call.http.GET('/v1/members', { params: { query }, ...this.call.read(options) }),
    );
  }

  /** Every member matching `query`, fetched a page at a time as you iterate. */
  all(query: Omit<MemberListQuery, 'cursor'> = {}, options?: CallOptions): AsyncIterable<Member> {
    return everyItem((cursor) => this.list({ ...query, cursor }, options));
  }

  /** One member. */
  async get(id: string, options?: CallOptions): Promise<Member> {
    return this.call.result(
      this.call.http.GET('/v1/members/{id}', {
        params: { path: { id: checkedId(id) } },
        ...this.call.read(options),
      }),
    );
  }

  /** Moves a member to another team, changes the role, name or phone. */
  async update(id: string, changes: MemberChanges, options?: WriteOptions): Promise<Member> {
    return this.call.result(
      this.call.http.PATCH('/v1/members/{id}', {
        params: { path: { id: checkedId(id) } },
        body: changes,
        ...this.call.write(options),
      }),
    );
  }
}
