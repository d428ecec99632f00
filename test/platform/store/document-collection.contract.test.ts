import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Schema } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DocumentValidationError,
  DuplicateKeyError,
  StoreUnavailableError,
  UnsafeQueryError,
  type CollectionDefinition,
  type DocumentCollection,
  type DocumentStore,
  type Filter,
  type StoredDocument,
  type Update,
} from '../../../src/platform/store/document-store.js';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import { plainValue } from '../../../src/platform/store/query-guard.js';
import { describeEachBackend } from '../../support/store-backends.js';

interface Thing extends StoredDocument {
  name: string;
  n?: number;
  tags?: string[];
  when?: Date;
  accounts?: Array<{ channel: string; id?: string }>;
  profile?: { city?: string; zip?: string };
  status?: 'active' | 'blocked';
  nickname?: string | null;
}

function thingDefinition(): CollectionDefinition {
  const schema = new Schema({
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    n: { type: Number, min: 0 },
    tags: [String],
    when: Date,
    accounts: [new Schema({ channel: { type: String, required: true }, id: String }, { _id: false })],
    profile: { city: String, zip: String },
    status: { type: String, enum: ['active', 'blocked'], default: 'active' },
    nickname: String,
  });
  return { name: 'things', schema, indexes: [{ fields: { tenantId: 1, name: 1 }, unique: true }, { fields: { n: 1 } }] };
}

const thing = (id: string, fields: Partial<Thing> = {}): Thing => ({ _id: id, tenantId: 'dortmund', name: `name-${id}`, ...fields });
const idsOf = (docs: readonly StoredDocument[]): string[] => docs.map((doc) => doc._id).sort();
const jan = (day: number): Date => new Date(Date.UTC(2025, 0, day));

describeEachBackend('a document collection', (backend) => {
  let store: DocumentStore;
  let things: DocumentCollection<Thing>;

  beforeEach(async () => {
    store = await backend.open();
    things = store.collection<Thing>(thingDefinition());
  });
  afterEach(() => store.close());

  const seed = async (): Promise<void> => {
    await things.insertOne(thing('a', { n: 1, tags: ['x', 'y'], when: jan(1), accounts: [{ channel: 'telegram', id: '1' }], profile: { city: 'Dortmund' } }));
    await things.insertOne(thing('b', { n: 2, tags: ['y'], when: jan(2), accounts: [{ channel: 'webchat', id: '2' }], profile: { city: 'Wuppertal' } }));
    await things.insertOne(thing('c', { n: 3, tags: [], when: jan(3), accounts: [], nickname: null }));
    await things.insertOne(thing('d', { tenantId: 'wuppertal', n: 4, status: 'blocked' }));
  };

  describe('inserting and reading', () => {
    it('returns an inserted document and finds it again by id', async () => {
      const inserted = await things.insertOne(thing('a', { n: 5, when: jan(1) }));
      expect(inserted).toMatchObject({ _id: 'a', tenantId: 'dortmund', name: 'name-a', n: 5 });
      const found = await things.findOne({ _id: 'a' });
      expect(found).toMatchObject({ _id: 'a', name: 'name-a', n: 5, status: 'active' });
      expect(found?.when).toBeInstanceOf(Date);
      expect(found?.when?.getTime()).toBe(jan(1).getTime());
    });

    it('casts values through the schema, applies defaults and drops fields the schema does not know', async () => {
      const raw = { ...thing('a'), n: '7', when: '2025-01-05T00:00:00.000Z', unknownField: 'x' } as unknown as Thing;
      await things.insertOne(raw);
      const found = (await things.findOne({ _id: 'a' })) as unknown as Record<string, unknown>;
      expect(found.n).toBe(7);
      expect(found.when).toEqual(jan(5));
      expect(found.status).toBe('active');
      expect(found).not.toHaveProperty('unknownField');
    });

    it('returns null from findOne and an empty list from find when nothing matches', async () => {
      await seed();
      expect(await things.findOne({ _id: 'nope' })).toBeNull();
      expect(await things.find({ tenantId: 'hagen' })).toEqual([]);
    });

    it('counts the documents that match a filter', async () => {
      await seed();
      expect(await things.count({})).toBe(4);
      expect(await things.count({ tenantId: 'dortmund' })).toBe(3);
      expect(await things.count({ n: { $gt: 10 } })).toBe(0);
    });

    it('sorts ascending and descending, by several keys, and pages with skip and limit', async () => {
      await seed();
      const byN = await things.find({}, { sort: { n: -1 } });
      expect(byN.map((t) => t._id)).toEqual(['d', 'c', 'b', 'a']);
      const byTenantThenN = await things.find({}, { sort: { tenantId: -1, n: 1 } });
      expect(byTenantThenN.map((t) => t._id)).toEqual(['d', 'a', 'b', 'c']);
      const page = await things.find({}, { sort: { n: 1 }, skip: 1, limit: 2 });
      expect(page.map((t) => t._id)).toEqual(['b', 'c']);
      const byDate = await things.find({ when: { $exists: true } }, { sort: { when: -1 }, limit: 1 });
      expect(byDate.map((t) => t._id)).toEqual(['c']);
    });
  });

  describe('filters', () => {
    beforeEach(seed);
    const cases: Array<[string, Filter, string[]]> = [
      ['an equal scalar', { name: 'name-b' }, ['b']],
      ['several conditions at once (all must hold)', { tenantId: 'dortmund', n: 2 }, ['b']],
      ['$in', { n: { $in: [1, 3, 99] } }, ['a', 'c']],
      ['$nin', { n: { $nin: [1, 3] } }, ['b', 'd']],
      ['$ne', { tenantId: { $ne: 'dortmund' } }, ['d']],
      ['$gt', { n: { $gt: 2 } }, ['c', 'd']],
      ['$gte', { n: { $gte: 2 } }, ['b', 'c', 'd']],
      ['$lt', { n: { $lt: 2 } }, ['a']],
      ['$lte', { n: { $lte: 2 } }, ['a', 'b']],
      ['a range of two operators on one field', { n: { $gt: 1, $lt: 4 } }, ['b', 'c']],
      ['a Date range', { when: { $gte: jan(2), $lt: jan(3) } }, ['b']],
      ['an equal Date', { when: jan(3) }, ['c']],
      ['$exists: true', { profile: { $exists: true } }, ['a', 'b']],
      ['$exists: false', { when: { $exists: false } }, ['d']],
      ['$exists: true on an (empty, defaulted) array', { accounts: { $exists: true } }, ['a', 'b', 'c', 'd']],
      ['null, which also matches a missing field', { nickname: null }, ['a', 'b', 'c', 'd']],
      ['$ne null, which excludes missing fields', { 'profile.city': { $ne: null } }, ['a', 'b']],
      ['$in with null, which also matches missing fields', { 'profile.city': { $in: [null, 'Dortmund'] } }, ['a', 'c', 'd']],
      ['a scalar contained in an array field', { tags: 'y' }, ['a', 'b']],
      ['$in on an array field (any element)', { tags: { $in: ['x', 'z'] } }, ['a']],
      ['$ne on an array field (no element equals)', { tags: { $ne: 'x' } }, ['b', 'c', 'd']],
      ['$nin on an array field (no element is in the list)', { tags: { $nin: ['x'] } }, ['b', 'c', 'd']],
      ['$elemMatch with scalars', { accounts: { $elemMatch: { channel: 'webchat', id: '2' } } }, ['b']],
      ['$elemMatch that no single element satisfies', { accounts: { $elemMatch: { channel: 'telegram', id: '2' } } }, []],
      ['a dotted path into a nested object', { 'profile.city': 'Wuppertal' }, ['b']],
      ['a dotted path into an array of subdocuments', { 'accounts.channel': 'telegram' }, ['a']],
      ['$or', { $or: [{ n: 1 }, { status: 'blocked' }] }, ['a', 'd']],
      ['$and', { $and: [{ n: { $gte: 2 } }, { tenantId: 'dortmund' }] }, ['b', 'c']],
      ['$or nested in $and', { $and: [{ tenantId: 'dortmund' }, { $or: [{ n: 1 }, { n: 3 }] }] }, ['a', 'c']],
      ['an empty filter (everything)', {}, ['a', 'b', 'c', 'd']],
    ];
    it.each(cases)('matches %s', async (_title, filter, expected) => {
      expect(idsOf(await things.find(filter))).toEqual(expected);
      expect(await things.count(filter)).toBe(expected.length);
    });
  });

  describe('updates', () => {
    beforeEach(seed);

    it('returns the updated document from updateOne, and null when nothing matched', async () => {
      const updated = await things.updateOne({ _id: 'a' }, { $set: { n: 10 } });
      expect(updated).toMatchObject({ _id: 'a', n: 10, name: 'name-a' });
      expect(await things.updateOne({ _id: 'nope' }, { $set: { n: 10 } })).toBeNull();
      expect(await things.count({})).toBe(4);
    });

    it('changes only the first match with updateOne', async () => {
      await things.updateOne({ tenantId: 'dortmund' }, { $set: { nickname: 'one' } });
      expect(await things.count({ nickname: 'one' })).toBe(1);
    });

    it('sets fields, including dotted paths, and casts the values', async () => {
      const updated = await things.updateOne(
        { _id: 'a' },
        { $set: { 'profile.zip': '44135', when: '2025-02-01T00:00:00.000Z', n: '8' } as Record<string, unknown> },
      );
      expect(updated?.profile).toEqual({ city: 'Dortmund', zip: '44135' });
      expect(updated?.when).toEqual(new Date(Date.UTC(2025, 1, 1)));
      expect(updated?.n).toBe(8);
    });

    it('unsets fields', async () => {
      const updated = await things.updateOne({ _id: 'a' }, { $unset: { 'profile.city': true, n: true } });
      expect(updated).not.toHaveProperty('n');
      expect(updated?.profile?.city).toBeUndefined();
    });

    it('increments numbers, creating a missing field', async () => {
      expect((await things.updateOne({ _id: 'a' }, { $inc: { n: 5 } }))?.n).toBe(6);
      expect((await things.updateOne({ _id: 'a' }, { $inc: { n: -2 } }))?.n).toBe(4);
      await things.updateOne({ _id: 'a' }, { $unset: { n: true } });
      expect((await things.updateOne({ _id: 'a' }, { $inc: { n: 3 } }))?.n).toBe(3);
    });

    it('pushes array elements, creating a missing array', async () => {
      expect((await things.updateOne({ _id: 'a' }, { $push: { tags: 'x' } }))?.tags).toEqual(['x', 'y', 'x']);
      const withAccount = await things.updateOne({ _id: 'd' }, { $push: { accounts: { channel: 'telegram', id: '9' } } });
      expect(withAccount?.accounts).toEqual([{ channel: 'telegram', id: '9' }]);
    });

    it('adds to a set only what it does not hold yet', async () => {
      expect((await things.updateOne({ _id: 'a' }, { $addToSet: { tags: 'x' } }))?.tags).toEqual(['x', 'y']);
      expect((await things.updateOne({ _id: 'a' }, { $addToSet: { tags: 'z' } }))?.tags).toEqual(['x', 'y', 'z']);
    });

    it('pulls array elements equal to a scalar or matching field/value pairs', async () => {
      expect((await things.updateOne({ _id: 'a' }, { $pull: { tags: 'x' } }))?.tags).toEqual(['y']);
      await things.updateOne({ _id: 'a' }, { $push: { accounts: { channel: 'webchat', id: '5' } } });
      const pulled = await things.updateOne({ _id: 'a' }, { $pull: { accounts: { channel: 'telegram' } } });
      expect(pulled?.accounts).toEqual([{ channel: 'webchat', id: '5' }]);
    });

    it('applies several operators in one update', async () => {
      const updated = await things.updateOne({ _id: 'b' }, { $set: { nickname: 'bee' }, $inc: { n: 1 }, $push: { tags: 'z' } });
      expect(updated).toMatchObject({ nickname: 'bee', n: 3, tags: ['y', 'z'] });
    });

    it('updates every match with updateMany and returns how many', async () => {
      expect(await things.updateMany({ tenantId: 'dortmund' }, { $set: { status: 'blocked' } })).toBe(3);
      expect(await things.count({ status: 'blocked' })).toBe(4);
      expect(await things.updateMany({ tenantId: 'hagen' }, { $set: { status: 'blocked' } })).toBe(0);
    });

    it('upserts a new document from the filter, the update and the schema defaults', async () => {
      const created = await things.updateOne(
        { _id: 'new', tenantId: 'hagen' },
        { $set: { name: 'fresh' }, $inc: { n: 2 }, $push: { tags: 't' } },
        { upsert: true },
      );
      expect(created).toMatchObject({ _id: 'new', tenantId: 'hagen', name: 'fresh', n: 2, tags: ['t'], status: 'active' });
      expect(await things.findOne({ _id: 'new' })).toMatchObject({ name: 'fresh', status: 'active' });
    });

    it('upserts an existing document by updating it', async () => {
      const updated = await things.updateOne({ _id: 'a' }, { $set: { name: 'renamed' } }, { upsert: true });
      expect(updated).toMatchObject({ _id: 'a', name: 'renamed', n: 1 });
      expect(await things.count({})).toBe(4);
    });

    it('refuses an upsert whose filter does not name the _id', async () => {
      await expect(things.updateOne({ name: 'name-a' }, { $set: { n: 9 } }, { upsert: true })).rejects.toThrow(/_id/);
    });

    it('refuses an upsert that would create a document the schema rejects', async () => {
      await expect(things.updateOne({ _id: 'new' }, { $set: { n: 1 } }, { upsert: true })).rejects.toBeInstanceOf(DocumentValidationError);
      expect(await things.findOne({ _id: 'new' })).toBeNull();
    });
  });

  describe('deleting', () => {
    beforeEach(seed);

    it('deletes one document and says whether it found one', async () => {
      expect(await things.deleteOne({ tenantId: 'dortmund' })).toBe(true);
      expect(await things.count({ tenantId: 'dortmund' })).toBe(2);
      expect(await things.deleteOne({ _id: 'nope' })).toBe(false);
    });

    it('deletes every match and returns how many', async () => {
      expect(await things.deleteMany({ n: { $lte: 2 } })).toBe(2);
      expect(idsOf(await things.find({}))).toEqual(['c', 'd']);
      expect(await things.deleteMany({ n: { $lte: 2 } })).toBe(0);
    });
  });

  describe('inserting many at once', () => {
    it('inserts a batch, cast through the schema, and says how many', async () => {
      const raw = [thing('a', { n: 1 }), { ...thing('b'), n: '2' } as unknown as Thing, thing('c')];
      expect(await things.insertMany(raw)).toBe(3);
      expect(idsOf(await things.find({}))).toEqual(['a', 'b', 'c']);
      expect((await things.findOne({ _id: 'b' }))?.n).toBe(2);
      expect((await things.findOne({ _id: 'c' }))?.status).toBe('active');
    });

    it('leaves out the documents that clash with a unique key and keeps the rest (a repeated fan-out)', async () => {
      await things.insertOne(thing('a', { name: 'taken', n: 1 }));
      const inserted = await things.insertMany([thing('b'), thing('x', { name: 'taken', n: 9 }), thing('a', { name: 'other' }), thing('c')]);
      expect(inserted).toBe(2);
      expect(idsOf(await things.find({}))).toEqual(['a', 'b', 'c']);
      expect((await things.findOne({ _id: 'a' }))?.name).toBe('taken');
    });

    it('validates every document before inserting any', async () => {
      await expect(things.insertMany([thing('a'), { ...thing('b'), n: -1 }])).rejects.toBeInstanceOf(DocumentValidationError);
      expect(await things.count({})).toBe(0);
      await expect(things.insertMany([thing('a'), { ...thing('b'), name: { $gt: '' } } as unknown as Thing])).rejects.toBeInstanceOf(UnsafeQueryError);
      expect(await things.count({})).toBe(0);
      expect(await things.insertMany([])).toBe(0);
    });
  });

  describe('unique indexes', () => {
    it('rejects a second document with the same unique key', async () => {
      await things.insertOne(thing('a', { name: 'same' }));
      const error = await things.insertOne(thing('b', { name: 'same' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect((error as DuplicateKeyError).collection).toBe('things');
      expect(String((error as Error).message)).not.toContain('same');
      await things.insertOne(thing('c', { name: 'same', tenantId: 'wuppertal' }));
      expect(await things.count({ name: 'same' })).toBe(2);
    });

    it('rejects a second document with the same _id', async () => {
      await things.insertOne(thing('a'));
      await expect(things.insertOne(thing('a', { name: 'other' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('rejects an update that would clash with a unique key and leaves the document unchanged', async () => {
      await things.insertOne(thing('a', { name: 'one' }));
      await things.insertOne(thing('b', { name: 'two' }));
      await expect(things.updateOne({ _id: 'b' }, { $set: { name: 'one' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await things.findOne({ _id: 'b' }))?.name).toBe('two');
    });
  });

  describe('schema validation', () => {
    const fieldsOf = async (promise: Promise<unknown>): Promise<readonly string[]> => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DocumentValidationError);
      return (error as DocumentValidationError).fields;
    };

    it('rejects an inserted document that misses required fields, naming them', async () => {
      const fields = await fieldsOf(things.insertOne({ _id: 'x', tenantId: 'dortmund' } as Thing));
      expect(fields).toEqual(['name']);
      expect(await things.count({})).toBe(0);
    });

    it('rejects an inserted document without a string _id', async () => {
      expect(await fieldsOf(things.insertOne({ tenantId: 'dortmund', name: 'x' } as Thing))).toEqual(['_id']);
      expect(await fieldsOf(things.insertOne({ _id: '', tenantId: 'dortmund', name: 'x' }))).toEqual(['_id']);
      expect(await things.count({})).toBe(0);
    });

    it('rejects an inserted document with invalid values, naming the fields but never the values', async () => {
      const promise = things.insertOne(thing('x', { n: -5, status: 'secret-status' as 'active', when: 'not a date' as unknown as Date }));
      const error = (await promise.catch((e: unknown) => e)) as DocumentValidationError;
      expect(error).toBeInstanceOf(DocumentValidationError);
      expect([...error.fields].sort()).toEqual(['n', 'status', 'when']);
      expect(error.message).not.toContain('secret-status');
      expect(error.message).not.toContain('not a date');
    });

    it('rejects $set values the schema rejects and leaves the document unchanged', async () => {
      await things.insertOne(thing('a', { n: 1 }));
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $set: { n: -1 } }))).toEqual(['n']);
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $set: { when: 'soon' } }))).toEqual(['when']);
      expect(await fieldsOf(things.updateMany({}, { $set: { status: 'gone' } }))).toEqual(['status']);
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $set: { name: null } }))).toEqual(['name']);
      expect((await things.findOne({ _id: 'a' }))?.n).toBe(1);
    });

    it('rejects updates of fields the schema does not know', async () => {
      await things.insertOne(thing('a'));
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $set: { bogus: 1 } }))).toEqual(['bogus']);
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $push: { bogus: 1 } }))).toEqual(['bogus']);
    });

    it('rejects unsetting a required field, $inc of a non-number and $push onto a non-array', async () => {
      await things.insertOne(thing('a'));
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $unset: { name: true } }))).toEqual(['name']);
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $inc: { name: 1 } }))).toEqual(['name']);
      expect(await fieldsOf(things.updateOne({ _id: 'a' }, { $push: { nickname: 'x' } }))).toEqual(['nickname']);
    });

    it('validates pushed subdocuments', async () => {
      await things.insertOne(thing('a'));
      const fields = await fieldsOf(things.updateOne({ _id: 'a' }, { $push: { accounts: { id: '1' } } }));
      expect(fields.some((field) => field.endsWith('channel'))).toBe(true);
    });
  });

  describe('the query guard', () => {
    beforeEach(seed);
    const injected = { $gt: '' };

    it('rejects an operator object where a plain value belongs in a filter', async () => {
      const filters = [
        { name: { $ne: injected } },
        { name: { $in: [injected] } },
        { accounts: { $elemMatch: { id: injected } } },
        { profile: { city: 'Dortmund' } },
        { tags: ['x', 'y'] },
        { name: { $regex: '.*' } },
        { name: { $eq: 'name-a' } },
        { name: undefined },
      ] as unknown as Filter[];
      for (const filter of filters) {
        await expect(things.find(filter)).rejects.toBeInstanceOf(UnsafeQueryError);
      }
    });

    it('rejects an operator object from outside that is wrapped in plainValue where a field condition belongs', async () => {
      const body = JSON.parse('{"name":{"$gt":""}}') as { name: unknown };
      expect(() => things.find({ name: plainValue(body.name) })).toThrow(UnsafeQueryError);
      expect(plainValue('name-a')).toBe('name-a');
    });

    it('rejects $where and any other top-level operator but $or and $and', async () => {
      const where = { $where: 'return true' } as unknown as Filter;
      await expect(things.find(where)).rejects.toBeInstanceOf(UnsafeQueryError);
      await expect(things.count({ $nor: [{ n: 1 }] } as unknown as Filter)).rejects.toBeInstanceOf(UnsafeQueryError);
      await expect(things.deleteMany({ $or: [] })).rejects.toBeInstanceOf(UnsafeQueryError);
      expect(await things.count({})).toBe(4);
    });

    it('rejects an operator object passed as a value to store', async () => {
      await expect(things.insertOne(thing('x', { name: injected as unknown as string }))).rejects.toBeInstanceOf(UnsafeQueryError);
      await expect(things.updateOne({ _id: 'a' }, { $set: { name: injected } })).rejects.toBeInstanceOf(UnsafeQueryError);
      await expect(things.updateOne({ _id: 'a' }, { $pull: { tags: injected as unknown as string } })).rejects.toBeInstanceOf(UnsafeQueryError);
      expect((await things.findOne({ _id: 'a' }))?.name).toBe('name-a');
    });

    it('rejects $-keys and dotted keys anywhere in an inserted document', async () => {
      const docs = [
        { ...thing('x'), $set: { n: 1 } },
        { ...thing('x'), profile: { $city: 'x' } },
        { ...thing('x'), profile: { 'city.name': 'x' } },
        { ...thing('x'), accounts: [{ channel: 'telegram', $id: '1' }] },
      ] as unknown as Thing[];
      for (const doc of docs) {
        await expect(things.insertOne(doc)).rejects.toBeInstanceOf(UnsafeQueryError);
      }
      expect(await things.count({ _id: 'x' })).toBe(0);
    });

    it('rejects unknown update operators, positional paths, _id changes and empty updates', async () => {
      const updates = [
        { $rename: { name: 'title' } },
        { $set: { 'accounts.$.id': '1' } },
        { $set: { _id: 'other' } },
        {},
        { $set: {} },
        { $inc: { n: '1' } },
      ] as unknown as Update[];
      for (const update of updates) {
        await expect(things.updateOne({ _id: 'a' }, update)).rejects.toBeInstanceOf(UnsafeQueryError);
      }
      expect(await things.findOne({ _id: 'a' })).toMatchObject({ name: 'name-a', n: 1 });
    });
  });

  describe('availability', () => {
    it('answers ping while open and rejects it with StoreUnavailableError after close', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(things.find({})).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('reports its health for readiness: no problems while open, one after close', async () => {
      await things.insertOne(thing('a'));
      await expect(store.compact()).resolves.toBeUndefined();
      expect(await store.health()).toEqual({ problems: [], damaged: [] });
      await store.close();
      expect((await store.health()).problems).toEqual([{ reason: expect.stringMatching(/closed/) }]);
    });
  });
});

describe('the embedded store on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kosi-embedded-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps documents and unique indexes across close and reopen of the same directory', async () => {
    const first = await openEmbeddedStore({ dataDir: dir });
    const before = first.collection<Thing>(thingDefinition());
    await before.insertOne(thing('a', { when: jan(1), tags: ['x'] }));
    await before.insertOne(thing('b'));
    await before.updateOne({ _id: 'a' }, { $set: { n: 5 } });
    await before.deleteOne({ _id: 'b' });
    await first.close();

    const second = await openEmbeddedStore({ dataDir: dir });
    const after = second.collection<Thing>(thingDefinition());
    const found = await after.findOne({ _id: 'a' });
    expect(found).toMatchObject({ _id: 'a', n: 5, tags: ['x'] });
    expect(found?.when).toEqual(jan(1));
    expect(await after.count({})).toBe(1);
    await expect(after.insertOne(thing('c', { name: 'name-a' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    await second.close();
  });

  it('leaves no earlier version of an updated or deleted document in the file once compacted', async () => {
    const store = await openEmbeddedStore({ dataDir: dir });
    const things = store.collection<Thing>(thingDefinition());
    await things.insertOne(thing('a', { name: 'first-name-of-a' }));
    await things.insertOne(thing('b', { name: 'name-of-b' }));
    await things.updateOne({ _id: 'a' }, { $set: { name: 'second-name-of-a' } });
    await things.deleteOne({ _id: 'b' });
    const file = () => readFile(join(dir, 'things.db'), 'utf8');
    // NeDB appends: both old versions are still in the file.
    expect(await file()).toContain('first-name-of-a');
    expect(await file()).toContain('name-of-b');

    await store.compact();
    expect(await file()).not.toContain('first-name-of-a');
    expect(await file()).not.toContain('name-of-b');
    expect(await file()).toContain('second-name-of-a');
    await store.close();
  });

  it('creates a missing data directory', async () => {
    const nested = join(dir, 'deeper', 'data');
    const store = await openEmbeddedStore({ dataDir: nested });
    await store.collection<Thing>(thingDefinition()).insertOne(thing('a'));
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });
});
