import mongoose, { type Model, type Schema, type SchemaType } from 'mongoose';
import { DocumentValidationError, type CollectionDefinition, type Update } from './document-store.js';
import { isPlainObject } from './query-guard.js';

/**
 * The mongoose schema is the one description of a document's shape: both backends cast and validate
 * through it here (a Model of a private, never connected Mongoose instance), then store plain objects.
 */
export interface DocumentValidator {
  /** Casts and validates a whole new document; returns the plain object to store. */
  castDocument(doc: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Checks each updated path against the schema and returns the update with cast values. */
  castUpdate(update: Update): Promise<Update>;
}

/** A Mongoose instance for validation only: it never connects, so nothing may wait for a connection. */
export function createValidationMongoose(): mongoose.Mongoose {
  return new mongoose.Mongoose({ autoIndex: false, autoCreate: false, bufferCommands: false });
}

const TO_PLAIN = { versionKey: false, flattenMaps: true, depopulate: true, virtuals: false, getters: false, transform: false } as const;

// Types that NeDB cannot store as plain JSON (and that would differ between backends).
const UNSUPPORTED_TYPES = new Set(['ObjectId', 'Buffer', 'Decimal128', 'BigInt', 'UUID']);

export function createDocumentValidator(definition: CollectionDefinition, instance: mongoose.Mongoose): DocumentValidator {
  const { name, schema } = definition;
  assertSupportedSchema(name, schema);
  // Each definition keeps its own Model; another definition of the same name may replace it in the registry.
  const model = instance.model(name, schema, undefined, { overwriteModels: true }) as unknown as Model<Record<string, unknown>>;
  const strict = schema.get('strict') !== false;

  const fail = (fields: readonly string[]): never => {
    throw new DocumentValidationError(name, [...new Set(fields)]);
  };
  const rethrow = (error: unknown): never => {
    const fields = validationFields(error);
    if (fields) fail(fields);
    throw error;
  };
  const assertKnown = (path: string): void => {
    if (strict && !isKnownPath(schema, path)) fail([path]);
  };

  /** Sets the paths on a fresh document, validates just those paths and reads back the cast values. */
  const castPaths = async (values: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const paths = Object.keys(values);
    if (paths.length === 0) return {};
    try {
      const probe = new model({});
      for (const path of paths) probe.set(path, values[path]);
      await probe.validate(paths);
      const plain = probe.toObject({ ...TO_PLAIN, minimize: false }) as Record<string, unknown>;
      const cast: Record<string, unknown> = {};
      for (const path of paths) {
        const value = getPath(plain, path);
        if (value === undefined) fail([path]);
        cast[path] = value;
      }
      return cast;
    } catch (error) {
      return rethrow(error);
    }
  };

  /** Casts one element for $push/$addToSet by setting a one-element array on the path. */
  const castElements = async (spec: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const arrays: Record<string, unknown> = {};
    for (const [path, element] of Object.entries(spec)) {
      assertKnown(path);
      if (!allowsArray(schema, path)) fail([path]);
      arrays[path] = [element];
    }
    const cast = await castPaths(arrays);
    return Object.fromEntries(Object.entries(cast).map(([path, array]) => [path, (array as unknown[])[0]]));
  };

  return {
    async castDocument(doc) {
      try {
        const hydrated = new model(doc);
        await hydrated.validate();
        const plain = hydrated.toObject(TO_PLAIN) as Record<string, unknown>;
        // Without a string _id a backend would invent one (NeDB a random string, MongoDB an ObjectId).
        if (typeof plain._id !== 'string' || plain._id === '') fail(['_id']);
        return plain;
      } catch (error) {
        return rethrow(error);
      }
    },

    async castUpdate(update) {
      const cast: Update = {};
      if (update.$set) {
        Object.keys(update.$set).forEach(assertKnown);
        cast.$set = await castPaths(update.$set);
      }
      if (update.$unset) {
        const required = Object.keys(update.$unset).filter((path) => isRequiredUnder(schema, path));
        if (required.length > 0) fail(required);
        cast.$unset = update.$unset;
      }
      if (update.$inc) {
        for (const path of Object.keys(update.$inc)) {
          assertKnown(path);
          if (!allowsType(schema, path, 'Number')) fail([path]);
        }
        cast.$inc = update.$inc;
      }
      if (update.$push) cast.$push = await castElements(update.$push);
      if (update.$addToSet) cast.$addToSet = await castElements(update.$addToSet);
      if (update.$pull) {
        for (const path of Object.keys(update.$pull)) {
          assertKnown(path);
          if (!allowsArray(schema, path)) fail([path]);
        }
        cast.$pull = update.$pull;
      }
      return cast;
    },
  };
}

function validationFields(error: unknown): string[] | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'ValidationError') return Object.keys((error as mongoose.Error.ValidationError).errors);
  if (error.name === 'StrictModeError') return [(error as mongoose.Error.StrictModeError).path];
  if (error.name === 'CastError') return [(error as mongoose.Error.CastError).path];
  return undefined;
}

function isKnownPath(schema: Schema, path: string): boolean {
  return schema.path(path) !== undefined || schema.pathType(path) === 'nested';
}

function allowsType(schema: Schema, path: string, instance: string): boolean {
  const type = schema.path(path) as SchemaType | undefined;
  if (type === undefined) return schema.get('strict') === false;
  return type.instance === instance || type.instance === 'Mixed';
}

function allowsArray(schema: Schema, path: string): boolean {
  return allowsType(schema, path, 'Array');
}

function isRequiredUnder(schema: Schema, path: string): boolean {
  return Object.entries(schema.paths).some(
    ([candidate, type]) => (candidate === path || candidate.startsWith(`${path}.`)) && type.isRequired === true,
  );
}

function assertSupportedSchema(name: string, schema: Schema, prefix = ''): void {
  if (prefix === '' && schema.path('_id')?.instance !== 'String') {
    throw new Error(`schema of collection ${name} must declare _id as a String (the caller chooses ids)`);
  }
  schema.eachPath((path, type) => {
    const full = `${prefix}${path}`;
    if (UNSUPPORTED_TYPES.has(type.instance)) {
      throw new Error(
        `schema of collection ${name}: ${full} has type ${type.instance}, which the embedded store cannot hold` +
          ' (use String; give subdocument schemas `_id: false`)',
      );
    }
    const nested = (type as SchemaType & { schema?: Schema }).schema;
    if (nested) assertSupportedSchema(name, nested, `${full}.`);
  });
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}
