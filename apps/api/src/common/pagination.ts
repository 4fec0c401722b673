/**
 * Relay cursor connections over lists the read model keeps in a stable order. A cursor names
 * the last item seen (its key), so a page stays correct when items are added before it.
 */
import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { invalid } from '#domain';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 500 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Items in the whole list, across pages.' }) totalCount!: number;
  }
  return ConnectionClass as Type<Connection<T>>;
}

const encode = (key: string) => Buffer.from(`k:${key}`, 'utf8').toString('base64url');
const decode = (cursor: string): string => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) throw invalid(`cursor "${cursor}" is not one this API issued`, 'after');
  return text.slice(2);
};

const pageSize = (args: PageArgs): number => {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 500) throw invalid(`first must be from 1 to 500, not ${first}`, 'first');
  return first;
};

export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, args: PageArgs): Connection<T> {
  const first = pageSize(args);
  let start = 0;
  if (args.after) {
    const key = decode(args.after);
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index < 0) throw invalid(`cursor "${args.after}" points at an item no longer in this list; start again without it`, 'after');
    start = index + 1;
  }
  const page = items.slice(start, start + first);
  const edges = page.map((node) => ({ cursor: encode(keyOf(node)), node }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * As `paginate`, for a list a read model walks in its stable order (`scan` calls `visit` with each
 * item) rather than holds as an array: it counts every item and keeps only the page, so a list of
 * 100,000 rows costs a walk, not an array of them per request. The same cursors, the same errors.
 */
export function paginateScan<T>(scan: (visit: (item: T) => void) => void, keyOf: (item: T) => string, args: PageArgs): Connection<T> {
  const first = pageSize(args);
  const after = args.after ? decode(args.after) : null;
  let found = after === null;
  let start = 0;
  let total = 0;
  const page: T[] = [];
  scan((item) => {
    const index = total++;
    if (!found) {
      if (keyOf(item) === after) [found, start] = [true, index + 1];
      return;
    }
    if (page.length < first) page.push(item);
  });
  if (!found) throw invalid(`cursor "${args.after}" points at an item no longer in this list; start again without it`, 'after');
  const edges = page.map((node) => ({ cursor: encode(keyOf(node)), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: start + first < total,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
